import Testing
@testable import BeaconGenerator

@Suite struct MergeTests {
    struct Fixed: EventSource {
        var times: [Int64]
        var tag: Int32
        mutating func next() -> GeneratedEvent? {
            guard !times.isEmpty else { return nil }
            let t = times.removeFirst()
            return GeneratedEvent(ticks: t, device: tag, action: 0, remoteIP: 0, remotePort: 0, remoteUrl: 0,
                                  remoteIPType: 0, localIP: 0, localPort: 0, transport: 0, process: 0, account: 0,
                                  accountDomain: 0, processId: 0)
        }
    }

    @Test func mergesInTimeOrderWithTiesBySource() {
        var merged = MergedEvents([
            Fixed(times: [5, 9, 9, 20], tag: 0), Fixed(times: [], tag: 1), Fixed(times: [1, 9, 30], tag: 2),
            Fixed(times: [9], tag: 3),
        ])
        var out: [(Int64, Int32)] = []
        while let event = merged.next() { out.append((event.ticks, event.device)) }
        #expect(out.map(\.0) == [1, 5, 9, 9, 9, 9, 20, 30])
        #expect(out.map(\.1) == [2, 0, 0, 0, 2, 3, 0, 2])
    }

    @Test func heapSortsAThousandRandomTimes() {
        var rng = Xoshiro256StarStar(seed: 3)
        var heap = SourceHeap()
        var times: [Int64] = []
        for source in 0..<1000 {
            let t = Int64(rng.int(below: 500))
            times.append(t)
            heap.insert(ticks: t, source: source)
        }
        var popped: [Int64] = []
        while !heap.isEmpty {
            popped.append(heap.top.ticks)
            heap.removeTop()
        }
        #expect(popped == times.sorted())
    }

    @Test func truthPathReplacesTheExtension() {
        #expect(TruthFile.path(for: "out/day.csv") == "out/day.truth.json")
        #expect(TruthFile.path(for: "out/day.csv.gz") == "out/day.truth.json")
        #expect(TruthFile.path(for: "day.jsonl") == "day.truth.json")
        #expect(TruthFile.path(for: "dir.v2/day") == "dir.v2/day.truth.json")
    }
}
