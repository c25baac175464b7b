import Foundation
import Testing
@testable import BeaconIngest

/// The check that refuses a load the process cannot hold, before it starts.
@Suite struct MemoryBudgetTests {
    @Test func memAvailableIsReadFromProcMeminfoInBytes() {
        let meminfo = "MemTotal:       24576000 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\nBuffers: 1 kB\n"
        #expect(MemoryLimits.memAvailable(meminfo: meminfo) == 20_000_000 * 1024)
        #expect(MemoryLimits.memAvailable(meminfo: "MemTotal: 1 kB\n") == nil)
    }

    @Test func cgroupLimitsAreBytesOrNoLimitInBothVersions() {
        #expect(MemoryLimits.cgroupLimit("4294967296\n") == 4_294_967_296)
        #expect(MemoryLimits.cgroupLimit("max\n") == nil)
        // cgroup v1 writes "no limit" as the largest page-aligned number.
        #expect(MemoryLimits.cgroupLimit("9223372036854771712\n") == nil)
    }

    @Test func theCgroupPathComesFromProcSelfCgroup() {
        let v1 = "9:name=systemd:/\n4:memory:/process_api/abc\n3:cpu,cpuacct:/\n0::/\n"
        #expect(MemoryLimits.cgroupPath(v1, controller: "memory") == "/process_api/abc")
        #expect(MemoryLimits.cgroupPath("5:cpu,memory:/a\n", controller: "memory") == "/a")
        #expect(MemoryLimits.cgroupPath("0::/user.slice/x.scope\n", controller: nil) == "/user.slice/x.scope")
        #expect(MemoryLimits.cgroupPath("4:memory:/a\n", controller: nil) == nil)
        #expect(MemoryLimits.ancestors(of: "/a/b") == ["/a/b", "/a", ""])
    }

    /// A fake /proc and /sys: the tightest room wins, and it is named.
    static func limits(_ files: [String: String], addressSpace: Int? = nil, data: Int? = nil) -> MemoryLimits {
        var limits = MemoryLimits()
        limits.readFile = { files[$0] }
        limits.resourceLimit = { $0 == .addressSpace ? addressSpace : data }
        return limits
    }

    @Test func cgroupV1LimitLessUsageOnTheProcessPathOrAnAncestor() {
        let files = ["/proc/meminfo": "MemAvailable: 20000000 kB\n",
                     "/proc/self/cgroup": "4:memory:/jobs/one\n",
                     "/sys/fs/cgroup/memory/jobs/memory.limit_in_bytes": "3000000000\n",
                     "/sys/fs/cgroup/memory/jobs/memory.usage_in_bytes": "1000000000\n",
                     "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n",
                     "/sys/fs/cgroup/memory/memory.usage_in_bytes": "4608856064\n"]
        #expect(Self.limits(files).tightest() == .init(bytes: 2_000_000_000, source: "the cgroup's memory limit"))
    }

    @Test func cgroupV2MaxLessCurrent() {
        let files = ["/proc/self/cgroup": "0::/box\n",
                     "/sys/fs/cgroup/box/memory.max": "1073741824\n",
                     "/sys/fs/cgroup/box/memory.current": "73741824\n"]
        #expect(Self.limits(files).tightest()?.bytes == 1_000_000_000)
    }

    @Test func rlimitAddressSpaceLessWhatIsAlreadyMapped() {
        // 1 GiB of address space with 400 MiB already mapped leaves 624 MiB; RLIMIT_DATA counts VmData.
        let files = ["/proc/meminfo": "MemAvailable: 20000000 kB\n",
                     "/proc/self/status": "VmPeak:\t  500000 kB\nVmSize:\t  409600 kB\nVmData:\t  102400 kB\n"]
        #expect(Self.limits(files, addressSpace: 1 << 30).tightest() == .init(bytes: 624 << 20, source: "RLIMIT_AS"))
        #expect(Self.limits(files, data: 200 << 20).tightest() == .init(bytes: 100 << 20, source: "RLIMIT_DATA"))
        #expect(Self.limits([:]).tightest() == nil)
    }

    @Test func aLoadLargerThanWhatIsAvailableIsRefusedWithTheFigures() throws {
        // 30 GB expected against 8 GB free.
        let message = try #require(MemoryBudget.refusal(estimated: 30 * 1_073_741_824, available: 8 * 1_073_741_824,
                                                        limitedBy: "RLIMIT_AS"))
        #expect(message.hasPrefix("loading this needs about 30 GB of memory and 8.0 GB is available (the limit: RLIMIT_AS)"))
        #expect(message.contains("beacon-triage kql"))
        #expect(MemoryBudget.refusal(estimated: 1_000, available: 8 * 1_073_741_824) == nil)
        #expect(MemoryBudget.refusal(estimated: 1 << 50, available: nil) == nil)
    }

    @Test func theFormatIsJudgedFromTheFirstBytes() {
        func format(_ text: String) -> InputFormat { FormatSniffing.likelyFormat(of: Array(text.utf8)) }
        #expect(format("Timestamp,DeviceId\n") == .csv)
        #expect(format("\u{FEFF}\u{FEFF}[{\"a\":1}]") == .jsonArray)
        #expect(format("{\"Timestamp\":\"x\"}\n{\"Timestamp\":\"y\"}\n") == .jsonLines)
        #expect(format("{\"Schema\":[],\"Results\":[]}") == .advancedHuntingJSON)
        #expect(format("{\n  \"Schema\": [") == .advancedHuntingJSON)
        #expect(format("<?xml version=\"1.0\"?>\n<Events>") == .windowsEventXML)
        #expect(format("#separator \\x09\n#path\tconn\n#fields\tts\n") == .zeekConnTSV)
        #expect(format("Timestamp,DeviceId,TimeDeltaList\n") == .kustoResultCSV)
        #expect(format("[{\"DeviceId\":\"d\",\"TimeDeltaList\":[60]}]") == .kustoResultJSON)
    }

    @Test func theEstimateIsTheContentTimesItsFormatsRatio() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = Array("Timestamp,DeviceId\n".utf8) + [UInt8](repeating: 0x61, count: 981)
        let jsonArray = Array("[{\"a\":\"".utf8) + [UInt8](repeating: 0x61, count: 993)
        try Data(csv).write(to: folder.appendingPathComponent("a.csv"))
        try Data(jsonArray).write(to: folder.appendingPathComponent("b.json"))
        let expected = Int(1000 * InputFormat.csv.peakBytesPerContentByte + 1000 * InputFormat.jsonArray.peakBytesPerContentByte)
        #expect(MemoryBudget.estimatedPeak(paths: [folder.appendingPathComponent("a.csv").path,
                                                   folder.appendingPathComponent("b.json").path]) == expected)
        #expect(MemoryBudget.estimatedPeak(paths: [folder.path]) == expected)
    }

    @Test func aGzipIsWeighedAtTheRatioItsStartInflatesAt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 64 MiB of one letter after a header inflate from about 64 KiB: far beyond the old tenfold guess.
        let content = Array("Timestamp,DeviceId\n".utf8) + [UInt8](repeating: 0x61, count: 64 << 20)
        let path = folder.appendingPathComponent("big.csv.gz")
        try Data(content).write(to: folder.appendingPathComponent("big.csv"))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-n", folder.appendingPathComponent("big.csv").path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try #require(try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int)
        let estimate = MemoryBudget.estimatedPeak(paths: [path.path])
        let exact = Double(content.count) * InputFormat.csv.peakBytesPerContentByte
        #expect(compressed * 100 < content.count)
        // Judged from the first megabyte, so within a few percent of the truth, never ten times the file.
        #expect(Double(estimate) > exact * 0.8 && Double(estimate) < exact * 1.2, "\(estimate) against \(exact)")
    }
}
