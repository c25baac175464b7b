import Dispatch

/// The threshold-free measures of every measured group: summary (stage 5) and outlier scores (stage 9),
/// the scores of all groups side by side in one array. The deltas (stage 4) are not kept: they are
/// the timestamps' differences, made again when a candidate is shown (`TimeDeltas.deltas`).
struct GroupMeasures: Sendable {
    /// The measured groups with deltas, by slot, in group order; most groups of a large day have too few
    /// events to be measured, and take no room here.
    var groupOfSlot: [Int32]
    /// Slot `s`'s scores, one per delta, are `scores[scoreStarts[s]..<scoreStarts[s + 1]]`.
    var scoreStarts: [Int]
    var scores: [Double]
    /// Group `g`'s slot, or -1 exactly when the group has no deltas or was not measured.
    var summaryOfGroup: [Int32]
    var summaries: [MeasuredSummary]
    /// Each summary's jitter, for deciding without reading whole summaries.
    var jitters: [Double]

    func summary(_ group: Int) -> DeltaSummary? {
        let slot = summaryOfGroup[group]
        return slot < 0 ? nil : summaries[Int(slot)].deltaSummary
    }

    /// Where group `group`'s scores are in `scores`; empty for a group without a slot.
    func scoreRange(_ group: Int) -> Range<Int> {
        let slot = Int(summaryOfGroup[group])
        return slot < 0 ? 0..<0 : scoreStarts[slot]..<scoreStarts[slot + 1]
    }

    /// Measures the groups `measured` says, spreading them over `threads` threads.
    static func measure(_ groups: GroupTimestamps.Groups, measured: [Bool], basis: QueryBasis,
                        threads: Int) -> GroupMeasures {
        var summaryOfGroup = [Int32](repeating: -1, count: groups.count)
        var groupOfSlot: [Int32] = []
        var scoreStarts = [0]
        for group in 0..<groups.count {
            let distinct = groups.starts[group + 1] - groups.starts[group]
            guard measured[group] && distinct > 1 else { continue }
            summaryOfGroup[group] = Int32(groupOfSlot.count)
            groupOfSlot.append(Int32(group))
            scoreStarts.append(scoreStarts.last! + distinct - 1)
        }
        let slots = groupOfSlot.count, total = scoreStarts.last!
        var scores = [Double](repeating: 0, count: total)
        // Filled in below, each by the thread measuring its group.
        var summaries = [MeasuredSummary](repeating: .placeholder, count: slots)

        // Contiguous slices of about equal work; each thread writes only its own slots' ranges.
        let parts = max(1, min(threads, total / 50_000))
        var bounds = [0]
        for part in 1..<parts {
            let target = total * part / parts
            var slot = bounds.last!
            while slot < slots && scoreStarts[slot] < target { slot += 1 }
            bounds.append(slot)
        }
        bounds.append(slots)
        let partBounds = bounds

        groups.timestamps.withUnsafeBufferPointer { timestamps in
            scores.withUnsafeMutableBufferPointer { scores in
                summaries.withUnsafeMutableBufferPointer { summaries in
                    let work = MeasureWork(timestampStarts: groups.starts, scoreStarts: scoreStarts,
                                           groupOfSlot: groupOfSlot, timestamps: timestamps,
                                           scores: scores, summaries: summaries, basis: basis)
                    if parts == 1 {
                        work.run(0..<slots)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: parts) { part in
                            work.run(partBounds[part]..<partBounds[part + 1])
                        }
                    }
                }
            }
        }
        return GroupMeasures(groupOfSlot: groupOfSlot, scoreStarts: scoreStarts, scores: scores,
                             summaryOfGroup: summaryOfGroup, summaries: summaries, jitters: summaries.map(\.jitter))
    }
}

/// One measuring pass over a range of slots, writing into buffers whose ranges per slot do not
/// overlap, so that several threads can run it on different ranges at once.
private struct MeasureWork: @unchecked Sendable {
    // Unchecked: the buffers are shared by the threads of one `concurrentPerform`, each writing only the
    // ranges of its own slots, and outlive it.
    let timestampStarts: [Int]
    let scoreStarts: [Int]
    let groupOfSlot: [Int32]
    let timestamps: UnsafeBufferPointer<Int64>
    let scores: UnsafeMutableBufferPointer<Double>
    let summaries: UnsafeMutableBufferPointer<MeasuredSummary>
    let basis: QueryBasis

    func run(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        // Scratch as long as the range's longest series, reused for every group: no allocation per group.
        let longest = range.map { scoreStarts[$0 + 1] - scoreStarts[$0] }.max()!
        let deltas = UnsafeMutableBufferPointer<Int64>.allocate(capacity: max(longest, 1))
        let sorted = UnsafeMutableBufferPointer<Int64>.allocate(capacity: max(longest, 1))
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(longest, 1))
        let sortedValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(longest, 1))
        defer {
            deltas.deallocate()
            sorted.deallocate()
            values.deallocate()
            sortedValues.deallocate()
        }
        for slot in range {
            let group = Int(groupOfSlot[slot])
            let begin = scoreStarts[slot], end = scoreStarts[slot + 1]
            let count = end - begin
            let ts = UnsafeBufferPointer(rebasing: timestamps[timestampStarts[group]..<timestampStarts[group + 1]])
            let groupDeltas = UnsafeMutableBufferPointer(rebasing: deltas[0..<count])
            TimeDeltas.deltas(ts, into: groupDeltas)
            var groupSorted = UnsafeMutableBufferPointer(rebasing: sorted[0..<count])
            _ = groupSorted.initialize(from: groupDeltas)
            groupSorted.sort()
            for index in 0..<count {
                values[index] = Double(groupDeltas[index])
                sortedValues[index] = Double(groupSorted[index])
            }
            let groupValues = UnsafeBufferPointer(rebasing: values[0..<count])
            summaries[slot] = DeltaStatistics.summarize(
                timestamps: ts, sortedDeltas: UnsafeBufferPointer(groupSorted), deltaValues: groupValues,
                basis: basis)
            OutlierRejection.scores(groupValues, sorted: UnsafeBufferPointer(rebasing: sortedValues[0..<count]),
                                    basis: basis,
                                    into: UnsafeMutableBufferPointer(rebasing: scores[begin..<end]))
        }
    }
}
