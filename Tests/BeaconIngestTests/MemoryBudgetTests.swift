import Foundation
import Testing
@testable import BeaconIngest

/// The check that refuses a load the machine cannot hold, before it starts.
@Suite struct MemoryBudgetTests {
    @Test func memAvailableIsReadFromProcMeminfoInBytes() {
        let meminfo = "MemTotal:       24576000 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\nBuffers: 1 kB\n"
        #expect(MemoryBudget.memAvailable(meminfo: meminfo) == 20_000_000 * 1024)
        #expect(MemoryBudget.memAvailable(meminfo: "MemTotal: 1 kB\n") == nil)
    }

    @Test func cgroupMaxIsBytesOrNoLimit() {
        #expect(MemoryBudget.cgroupLimit("4294967296\n") == 4_294_967_296)
        #expect(MemoryBudget.cgroupLimit("max\n") == nil)
    }

    @Test func aLoadLargerThanWhatIsAvailableIsRefusedWithTheFigures() throws {
        // 30 GB expected against 8 GB free.
        let message = try #require(MemoryBudget.refusal(estimated: 30 * 1_073_741_824, available: 8 * 1_073_741_824))
        #expect(message.hasPrefix("loading this needs about 30 GB of memory and 8.0 GB is available"))
        #expect(message.contains("beacon-triage kql"))
        #expect(MemoryBudget.refusal(estimated: 1_000, available: 8 * 1_073_741_824) == nil)
        #expect(MemoryBudget.refusal(estimated: 1 << 50, available: nil) == nil)
    }

    @Test func theEstimateScalesWithTheFilesAndAssumesGzipShrinksTenTimes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(count: 1000).write(to: folder.appendingPathComponent("a.csv"))
        try Data(count: 100).write(to: folder.appendingPathComponent("b.csv.gz"))
        // 1000 × 1.5 + 100 × 10 × 1.5, whether named one by one or as their folder.
        #expect(MemoryBudget.estimatedPeak(paths: [folder.appendingPathComponent("a.csv").path,
                                                   folder.appendingPathComponent("b.csv.gz").path]) == 3000)
        #expect(MemoryBudget.estimatedPeak(paths: [folder.path]) == 3000)
    }
}
