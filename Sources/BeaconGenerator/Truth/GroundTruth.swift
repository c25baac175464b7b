import BeaconEngine

/// What the faithful query, with its default parameters and the window anchored on the data, must say
/// about one designed series on one device.
public struct TruthEntry: Sendable {
    public var series: String
    public var family: SeriesFamily
    public var summary: String
    public var variant: SeriesVariant?
    public var deviceId: String
    public var deviceName: String
    public var accountName: String
    public var accountDomain: String
    public var processFileName: String
    public var remoteIP: String
    public var remotePort: Int32
    public var remoteUrl: String
    public var remoteIPType: String
    public var transport: String
    public var actionType: String
    public var sleepSeconds: Double
    public var jitterStyle: JitterStyle
    public var jitterPercent: Double
    /// Rows written, and rows inside the query's window.
    public var events: Int
    public var eventsInWindow: Int
    /// Distinct timestamps among the rows that pass the row filters: the query's group size.
    public var distinctTimestamps: Int
    public var measuredJitterPercent: Double?
    public var outliers: Int?
    /// Devices whose series to the same process, address and port pass the jitter filter.
    public var devicesOnDestination: Int?
    /// True: the query reports it. False: `expectedStage` removes it.
    public var expectedFound: Bool
    public var expectedStage: QueryStage?
    public var reason: String

    public var label: String { family.label }

    /// What the analyst should conclude about a reported series; nil for series the query misses.
    public var analystVerdict: String? {
        guard expectedFound else { return nil }
        return family == .maliciousBeacon ? "malicious" : "falsePositive"
    }

    /// The query's group key.
    public var key: BeaconKey {
        BeaconKey(deviceId: deviceId, deviceName: deviceName, initiatingProcessAccountName: accountName,
                  initiatingProcessAccountDomain: accountDomain, initiatingProcessFileName: processFileName,
                  remoteIP: remoteIP, remotePort: remotePort)
    }
}

/// The labels of one generated file.
public struct GroundTruth: Sendable {
    public var config: GeneratorConfig
    /// The query's window: now() and the inclusive range of analysed timestamps.
    public var now: Instant
    public var windowStart: Instant
    public var windowEnd: Instant
    public var entries: [TruthEntry]
    /// Rows the row filters remove from the designed series, by stage (the noise adds more).
    public var seriesRowsRemoved: [QueryStage: Int]
    /// Rows of the designed series.
    public var seriesEvents: Int

    public var found: [TruthEntry] { entries.filter(\.expectedFound) }
    public var missed: [TruthEntry] { entries.filter { !$0.expectedFound } }
}
