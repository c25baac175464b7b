import BeaconEngine

/// The truth file written beside the data: `X.truth.json` for `X.csv`, `X.csv.gz`, `X.jsonl` ...
public enum TruthFile {
    /// The truth path for an output path: the last extension (and `.gz` before it) replaced by `.truth.json`.
    public static func path(for outputPath: String) -> String {
        var base = outputPath
        if base.hasSuffix(".gz") { base.removeLast(3) }
        if let dot = base.lastIndex(of: "."), !base[dot...].contains("/") { base = String(base[..<dot]) }
        return base + ".truth.json"
    }

    static func render(_ truth: GroundTruth, output: WrittenFile) -> String {
        let config = truth.config
        let found = truth.found.count
        var families: [(String, JSONValue)] = []
        for family in SeriesFamily.allCases {
            let members = truth.entries.filter { $0.family == family }
            families.append((family.rawValue, .object([
                ("series", .int(members.count)),
                ("found", .int(members.filter(\.expectedFound).count)),
                ("missed", .int(members.filter { !$0.expectedFound }.count)),
            ])))
        }
        let document = JSONValue.object([
            ("generator", .string("beacon-triage generate")),
            ("arguments", .object([
                ("devices", .int(config.devices)), ("hours", .int(config.hours)), ("events", .int(config.events)),
                ("seed", .string(String(config.seed))), ("end", .string(formatKustoDatetime(config.end))),
                ("format", .string(config.format.rawValue)),
            ])),
            ("output", .object([
                ("path", .string(output.path)), ("compressed", .bool(output.compressed)),
                ("events", .int(output.events)), ("bytes", .int(Int(output.bytes))),
                ("firstTimestamp", .optional(output.firstTicks.map { formatKustoDatetime(Instant(ticks: $0)) })),
                ("lastTimestamp", .optional(output.lastTicks.map { formatKustoDatetime(Instant(ticks: $0)) })),
            ])),
            ("query", .object([
                ("mode", .string("faithful")),
                ("parameters", .string("the query's defaults: starttime 1d, endtime 1s, TotalEventsThresholdMin 15, JitterThreshold 50, OutlierThresholdMax 2, OutlierCountMax 3, CompromisedDeviceCountMax 10")),
                ("now", .string(formatKustoDatetime(truth.now))),
                ("windowStart", .string(formatKustoDatetime(truth.windowStart))),
                ("windowEnd", .string(formatKustoDatetime(truth.windowEnd))),
                ("note", .string("now() anchored on the data: the last event (--end) plus 1 s; the window is inclusive")),
            ])),
            ("summary", .object([
                ("series", .int(truth.entries.count)), ("found", .int(found)),
                ("missed", .int(truth.entries.count - found)),
                ("maliciousFound", .int(truth.found.filter { $0.family == .maliciousBeacon }.count)),
                ("falsePositivesFound", .int(truth.found.filter { $0.family != .maliciousBeacon }.count)),
                ("byFamily", .object(families)),
            ])),
            ("series", .array(truth.entries.map(entry))),
        ])
        return document.rendered() + "\n"
    }

    static func entry(_ e: TruthEntry) -> JSONValue {
        .object([
            ("series", .string(e.series)),
            ("family", .string(e.family.rawValue)),
            ("label", .string(e.label)),
            ("variant", .optional(e.variant?.rawValue)),
            ("description", .string(e.summary)),
            ("deviceId", .string(e.deviceId)),
            ("deviceName", .string(e.deviceName)),
            ("accountName", .string(e.accountName)),
            ("accountDomain", .string(e.accountDomain)),
            ("processFileName", .string(e.processFileName)),
            ("remoteIP", .string(e.remoteIP)),
            ("remotePort", .int(Int(e.remotePort))),
            ("remoteUrl", .string(e.remoteUrl)),
            ("remoteIPType", .string(e.remoteIPType)),
            ("protocol", .string(e.transport)),
            ("actionType", .string(e.actionType)),
            ("sleepSeconds", .double(e.sleepSeconds)),
            ("jitterStyle", .string(e.jitterStyle.rawValue)),
            ("jitterPercent", .double(e.jitterPercent)),
            ("events", .int(e.events)),
            ("eventsInWindow", .int(e.eventsInWindow)),
            ("distinctTimestamps", .int(e.distinctTimestamps)),
            ("measuredJitterPercent", .optional(e.measuredJitterPercent)),
            ("outliers", .optional(e.outliers)),
            ("devicesOnDestination", .optional(e.devicesOnDestination)),
            ("expected", .string(e.expectedFound ? "found" : "missed")),
            ("expectedStage", .optional(e.expectedStage?.rawValue)),
            ("reason", .string(e.reason)),
            ("analystVerdict", .optional(e.analystVerdict)),
        ])
    }
}
