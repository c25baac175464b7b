/// A binary min-heap of (time, source) pairs: the next event of every source, smallest time on top,
/// ties broken by source index so the merged order is fully determined.
struct SourceHeap {
    private var ticks: [Int64] = []
    private var sources: [Int32] = []

    var isEmpty: Bool { ticks.isEmpty }
    var count: Int { ticks.count }
    var top: (ticks: Int64, source: Int) { (ticks[0], Int(sources[0])) }

    @inline(__always)
    private func less(_ i: Int, _ j: Int) -> Bool {
        ticks[i] < ticks[j] || (ticks[i] == ticks[j] && sources[i] < sources[j])
    }

    mutating func insert(ticks t: Int64, source: Int) {
        ticks.append(t)
        sources.append(Int32(source))
        var child = ticks.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            ticks.swapAt(child, parent)
            sources.swapAt(child, parent)
            child = parent
        }
    }

    /// Gives the top source a new time and restores the order.
    mutating func replaceTop(ticks t: Int64) {
        ticks[0] = t
        siftDown(0)
    }

    mutating func removeTop() {
        let last = ticks.count - 1
        ticks.swapAt(0, last)
        sources.swapAt(0, last)
        ticks.removeLast()
        sources.removeLast()
        if !ticks.isEmpty { siftDown(0) }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let n = ticks.count
        while true {
            let left = 2 * parent + 1
            guard left < n else { return }
            var smallest = left
            if left + 1 < n && less(left + 1, left) { smallest = left + 1 }
            guard less(smallest, parent) else { return }
            ticks.swapAt(smallest, parent)
            sources.swapAt(smallest, parent)
            parent = smallest
        }
    }
}

/// Every source's events in one time-ordered stream, pulling one event at a time from each source:
/// memory stays at one pending event per source however long the data.
struct MergedEvents: IteratorProtocol {
    private var sources: [any EventSource]
    private var heads: [GeneratedEvent?]
    private var heap = SourceHeap()

    init(_ sources: [any EventSource]) {
        self.sources = sources
        heads = Array(repeating: nil, count: sources.count)
        for index in self.sources.indices {
            if let first = self.sources[index].next() {
                heads[index] = first
                heap.insert(ticks: first.ticks, source: index)
            }
        }
    }

    mutating func next() -> GeneratedEvent? {
        guard !heap.isEmpty else { return nil }
        let source = heap.top.source
        let event = heads[source]!
        if let following = sources[source].next() {
            assert(following.ticks >= event.ticks, "a source went back in time")
            heads[source] = following
            heap.replaceTop(ticks: following.ticks)
        } else {
            heads[source] = nil
            heap.removeTop()
        }
        return event
    }
}
