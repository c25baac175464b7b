import BeaconEngine

/// The UTC offset of nxlog's local `EventTime`, which is all Security 5156 records in nxlog exports carry
/// for their time.
///
/// `EventTime` and `EventReceivedTime` are both written in the local time of the nxlog that shipped the
/// record, and the pipeline behind it stamped `@timestamp` (UTC) on arrival a moment later; so
/// `@timestamp − EventReceivedTime` is that nxlog's UTC offset plus a delay of a second or so. The offset is
/// the median of those differences over every record the same nxlog shipped (its `host`, or the event's
/// computer when the record does not say), rounded to 15 minutes, the granularity of real time zones.
/// This follows the shared real-data converter, which estimated it per computer; grouping by the shipping
/// nxlog is what the offset belongs to (one nxlog on a collector renders every forwarded host's events in
/// its own zone), and gives the same offsets on the OTRF data.
struct LocalTimeOffsets {
    /// Offset in seconds, per shipper.
    private(set) var offsets: [String: Int64] = [:]
    /// How many records each offset rests on.
    private(set) var sampleCounts: [String: Int] = [:]
    /// `@timestamp − EventReceivedTime` in ticks, per shipper, until `finish`.
    private var samples: [String: [Int64]] = [:]

    static let granularitySeconds: Int64 = 900

    init() {}

    /// The offsets estimated from `records` at once.
    init(records: [WindowsEventRecord]) {
        for record in records { sample(record) }
        finish()
    }

    /// Takes the record's two arrival times into its shipper's estimate, when it has both.
    mutating func sample(_ record: WindowsEventRecord) {
        guard let received = record.receivedTime, Self.hasZone(received),
              let arrival = TimestampParser.parse(Substring(received)),
              let local = record.localReceivedTime, !Self.hasZone(local),
              let localInstant = TimestampParser.parse(Substring(local)) else { return }
        samples[Self.shipper(of: record), default: []].append(arrival.ticks - localInstant.ticks)
    }

    /// Turns the samples into offsets: each shipper's median, rounded to 15 minutes.
    mutating func finish() {
        for (shipper, differences) in samples {
            let sorted = differences.sorted()
            let middle = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            let granularity = Self.granularitySeconds * Instant.ticksPerSecond
            let steps = (Double(median) / Double(granularity)).rounded()
            offsets[shipper] = Int64(steps) * Self.granularitySeconds
            sampleCounts[shipper] = sorted.count
        }
        samples = [:]
    }

    /// The shipper a record's local times belong to.
    static func shipper(of record: WindowsEventRecord) -> String {
        (record.sender ?? record.computer).lowercased()
    }

    func offsetSeconds(for record: WindowsEventRecord) -> Int64? {
        offsets[Self.shipper(of: record)]
    }

    /// Whether an ISO 8601 text ends in a zone (`Z` or `±hh[:mm]`) rather than standing for local time.
    static func hasZone(_ text: String) -> Bool {
        let trimmed = text.trimmingSpacesAndTabs()
        guard trimmed.utf8.count > 19 else { return false }
        let tail = trimmed.utf8.dropFirst(19)
        return tail.last == 0x5A || tail.last == 0x7A || tail.contains(0x2B) || tail.contains(0x2D)
    }

    /// `+4h`, `-5h30m`: an offset for notes.
    static func describe(seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let hours = magnitude / 3600, minutes = magnitude % 3600 / 60
        return minutes == 0 ? "\(sign)\(hours)h" : "\(sign)\(hours)h\(minutes)m"
    }
}
