import Dispatch

/// The threshold-free measures of every measured group: deltas (stage 4), summary (stage 5) and
/// outlier scores (stage 9), the deltas and scores of all groups side by side in two arrays.
struct GroupMeasures: Sendable {
    /// Group `g`'s deltas are `deltas[starts[g]..<starts[g + 1]]`, its scores the same range of `scores`;
    /// empty for a group with one timestamp or one not measured.
    var starts: [Int]
    var deltas: [Int64]
    var scores: [Double]
    /// Group `g`'s summary is `summaries[summaryOfGroup[g]]`; -1 exactly when the group has no deltas
    /// (most groups of a large day have too few events to be measured, and take no summary's room).
    var summaryOfGroup: [Int32]
    var summaries: [MeasuredSummary]
    /// Each summary's jitter, for deciding without reading whole summaries.
    var jitters: [Double]

    func summary(_ group: Int) -> DeltaSummary? {
        let slot = summaryOfGroup[group]
        return slot < 0 ? nil : summaries[Int(slot)].deltaSummary
    }

    /// Measures the groups `measured` says, spreading them over `threads` threads.
    static func measure(_ groups: GroupTimestamps.Groups, measured: [Bool], parameters: QueryParameters,
                        threads: Int) -> GroupMeasures {
        let count = groups.count
        var starts = [Int](repeating: 0, count: count + 1)
        var summaryOfGroup = [Int32](repeating: -1, count: count)
        var summaryCount = 0
        for group in 0..<count {
            let distinct = groups.starts[group + 1] - groups.starts[group]
            let hasDeltas = measured[group] && distinct > 1
            starts[group + 1] = starts[group] + (hasDeltas ? distinct - 1 : 0)
            if hasDeltas {
                summaryOfGroup[group] = Int32(summaryCount)
                summaryCount += 1
            }
        }
        let total = starts[count]
        var deltas = [Int64](repeating: 0, count: total)
        var scores = [Double](repeating: 0, count: total)
        // Filled in below, each by the thread measuring its group.
        var summaries = [MeasuredSummary](repeating: .placeholder, count: summaryCount)

        // Contiguous slices of about equal work; each thread writes only its own groups' ranges.
        let parts = max(1, min(threads, total / 50_000))
        var bounds = [0]
        for part in 1..<parts {
            let target = total * part / parts
            var group = bounds.last!
            while group < count && starts[group] < target { group += 1 }
            bounds.append(group)
        }
        bounds.append(count)
        let partBounds = bounds

        groups.timestamps.withUnsafeBufferPointer { timestamps in
            deltas.withUnsafeMutableBufferPointer { deltas in
                scores.withUnsafeMutableBufferPointer { scores in
                    summaries.withUnsafeMutableBufferPointer { summaries in
                        let work = MeasureWork(timestampStarts: groups.starts, starts: starts,
                                               summaryOfGroup: summaryOfGroup, timestamps: timestamps,
                                               deltas: deltas, scores: scores, summaries: summaries,
                                               parameters: parameters)
                        if parts == 1 {
                            work.run(0..<count)
                        } else {
                            DispatchQueue.concurrentPerform(iterations: parts) { part in
                                work.run(partBounds[part]..<partBounds[part + 1])
                            }
                        }
                    }
                }
            }
        }
        return GroupMeasures(starts: starts, deltas: deltas, scores: scores, summaryOfGroup: summaryOfGroup,
                             summaries: summaries, jitters: summaries.map(\.jitter))
    }
}

/// One measuring pass over a range of groups, writing into buffers whose ranges per group do not
/// overlap, so that several threads can run it on different ranges at once.
private struct MeasureWork: @unchecked Sendable {
    // Unchecked: the buffers are shared by the threads of one `concurrentPerform`, each writing only the
    // ranges of its own groups, and outlive it.
    let timestampStarts: [Int]
    let starts: [Int]
    let summaryOfGroup: [Int32]
    let timestamps: UnsafeBufferPointer<Int64>
    let deltas: UnsafeMutableBufferPointer<Int64>
    let scores: UnsafeMutableBufferPointer<Double>
    let summaries: UnsafeMutableBufferPointer<MeasuredSummary>
    let parameters: QueryParameters

    func run(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        // Scratch as long as the range's longest series, reused for every group: no allocation per group.
        let longest = range.map { starts[$0 + 1] - starts[$0] }.max()!
        let sorted = UnsafeMutableBufferPointer<Int64>.allocate(capacity: max(longest, 1))
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(longest, 1))
        let sortedValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(longest, 1))
        defer {
            sorted.deallocate()
            values.deallocate()
            sortedValues.deallocate()
        }
        for group in range {
            let begin = starts[group], end = starts[group + 1]
            guard end > begin else { continue }
            let count = end - begin
            let ts = UnsafeBufferPointer(rebasing: timestamps[timestampStarts[group]..<timestampStarts[group + 1]])
            let groupDeltas = UnsafeMutableBufferPointer(rebasing: deltas[begin..<end])
            TimeDeltas.deltas(ts, into: groupDeltas)
            var groupSorted = UnsafeMutableBufferPointer(rebasing: sorted[0..<count])
            _ = groupSorted.initialize(from: groupDeltas)
            groupSorted.sort()
            for index in 0..<count {
                values[index] = Double(groupDeltas[index])
                sortedValues[index] = Double(groupSorted[index])
            }
            let groupValues = UnsafeBufferPointer(rebasing: values[0..<count])
            summaries[Int(summaryOfGroup[group])] = DeltaStatistics.summarize(
                timestamps: ts, sortedDeltas: UnsafeBufferPointer(groupSorted), deltaValues: groupValues,
                parameters: parameters)
            OutlierRejection.scores(groupValues, sorted: UnsafeBufferPointer(rebasing: sortedValues[0..<count]),
                                    parameters: parameters,
                                    into: UnsafeMutableBufferPointer(rebasing: scores[begin..<end]))
        }
    }
}
