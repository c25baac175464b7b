/// The latest timestamps of a stream of rows, at most `capacity` of them, and how many rows there were:
/// what `WindowAnchor` reads of a table it never holds whole (the first of two passes, `RowCensus`).
///
/// The anchor's rules read only the ⌊n/1000⌋+1 latest timestamps and the row count (see
/// `TimestampRanking`), so a million of them anchor exactly any load of up to a billion rows, in 8 MB.
/// Rows arrive in any order; the buffer is cut back to the `capacity` latest whenever it doubles, by the
/// radix selection the anchor itself uses, so each row costs a comparison and, amortised, a few stores.
public struct LatestTimestampSample: Sendable {
    public static let defaultCapacity = 1 << 20

    public let capacity: Int
    /// Rows seen.
    public private(set) var count = 0
    private var kept: [Int64] = []
    /// A row earlier than this cannot be among the `capacity` latest: as many kept ones are at least as late.
    private var earliestWorthKeeping = Int64.min

    public init(capacity: Int = defaultCapacity) {
        precondition(capacity >= 1, "a sample keeps at least one timestamp")
        self.capacity = capacity
    }

    @inline(__always)
    public mutating func include(_ ticks: Int64) {
        count += 1
        guard ticks >= earliestWorthKeeping else { return }
        kept.append(ticks)
        if kept.count >= 2 * capacity { cut() }
    }

    /// Whether the sample holds every timestamp the anchor reads: the ⌊n/1000⌋+1 latest.
    public var holdsEnough: Bool { WindowAnchor.minority(of: count) + 1 <= capacity }

    /// Keeps the `capacity` latest, in place: the buffer keeps its size for the rows to come. Rows that
    /// arrive in time order (an export sorted by time) are each worth keeping, so the sample is cut every
    /// `capacity` rows, and a fresh array for each cut was paid for in page faults on the merging thread.
    private mutating func cut() {
        let capacity = self.capacity
        let boundary = kept.withUnsafeBufferPointer { LatestTimestamps.kthLatest($0, capacity) }
        kept.withUnsafeMutableBufferPointer { kept in
            var later = 0
            for index in kept.indices where kept[index] > boundary {
                kept[later] = kept[index]
                later += 1
            }
            for index in later..<capacity { kept[index] = boundary }
        }
        kept.removeLast(kept.count - capacity)
        earliestWorthKeeping = boundary
    }

    /// The sample as the anchor reads it.
    func ranking() -> SampledTimestamps {
        SampledTimestamps(latestFirst: kept.sorted(by: >), count: count)
    }
}

/// The latest timestamps, latest first, standing for all `count` rows: exact wherever `TimestampRanking`
/// asks for exactness, since the anchor never reads past the ⌊n/1000⌋+1-th latest.
struct SampledTimestamps: TimestampRanking {
    let latestFirst: [Int64]
    let count: Int

    var latest: Int64? { latestFirst.first }

    func counts(laterThan later: Int64, atOrAfter: Int64) -> (Int, Int) {
        (latestFirst.prefix { $0 > later }.count, latestFirst.prefix { $0 >= atOrAfter }.count)
    }

    func kthLatest(_ k: Int) -> Int64 { latestFirst[k - 1] }

    func split(at threshold: Int64) -> (later: Int, latestOthers: Int64) {
        let later = latestFirst.prefix { $0 > threshold }.count
        return (later, later < latestFirst.count ? latestFirst[later] : .min)
    }
}
