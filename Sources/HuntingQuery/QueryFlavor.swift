/// Where the query will run. Both have a `DeviceNetworkEvents` table with the same columns; they differ
/// in the column that carries the event's time.
public enum QueryFlavor: String, Sendable, CaseIterable {
    /// Microsoft Defender XDR advanced hunting: `Timestamp`, as the query is written.
    case defender
    /// Microsoft Sentinel / Log Analytics (the Defender XDR connector's copy of the table): the
    /// workspace's time column `TimeGenerated`, which its retention and time filters are built on.
    case sentinel

    /// The table's time column.
    public var timeColumn: String {
        switch self {
        case .defender: "Timestamp"
        case .sentinel: "TimeGenerated"
        }
    }

    /// The product, as a header comment and the console name it.
    public var title: String {
        switch self {
        case .defender: "Microsoft Defender advanced hunting"
        case .sentinel: "Microsoft Sentinel / Log Analytics"
        }
    }
}
