/// Where one machine stops being the place to run the hunting query and Kusto, where the data already
/// is, should run it (`beacon-triage kql`): measured in docs/PERFORMANCE.md, "Handing over to Kusto".
///
/// Below the point a load takes seconds to a few minutes and at most about 2 GB; past it each run, and
/// in the console each window or mode change, takes minutes, memory keeps growing with the events, and
/// the raw events no longer come out of a portal (Advanced Hunting returns at most 100,000 rows, Log
/// Analytics and Azure Data Explorer 500,000 or 64 MB) but only through a continuous export. The
/// query's own result, a few hundred rows, fits every limit and loads here for triage.
public enum KustoHandOver {
    /// The largest load measured on one machine: 100 million events, a month of a 3,000-device fleet
    /// (about 21 GB of CSV), which takes about 33 s and 1.9 GB read in two passes (docs/PERFORMANCE.md).
    public static let events = 100_000_000

    /// The advice for a load of `events` events, counted or (`estimated`) judged from the files' sizes
    /// before reading them; nil at or below the point.
    public static func advice(events: Int, estimated: Bool) -> String? {
        guard events > Self.events else { return nil }
        let count = estimated ? "about \(millions(events)) events" : "\(millions(events)) events"
        return "\(count), past the \(millions(Self.events)) where one machine stops being the place for this query "
            + "(minutes a run, and in the console a window or mode change; docs/PERFORMANCE.md, \"Handing over to Kusto\"): "
            + "run `beacon-triage kql` in Defender, Sentinel or Azure Data Explorer, where the data is, and triage its result here"
    }

    /// `130 million`, `1.2 billion`.
    static func millions(_ count: Int) -> String {
        if count >= 1_000_000_000 {
            let billions = (Double(count) / 1e9 * 10).rounded(.down) / 10
            return billions == billions.rounded(.down) ? "\(Int(billions)) billion" : "\(billions) billion"
        }
        return "\(count / 1_000_000) million"
    }
}
