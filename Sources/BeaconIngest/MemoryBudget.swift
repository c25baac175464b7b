import Foundation

/// Whether a load fits in memory, judged before it starts: a file larger than the machine can hold
/// must fail with a message, not with the kernel's OOM killer ending the process mid-way (and leaving
/// the console's terminal in raw mode).
public enum MemoryBudget {
    /// Peak bytes of memory per byte of input, measured on the generated CSVs (about 210 bytes an event):
    /// the loaded table and the query's groups, with the reading buffers. Deliberately on the high side.
    public static let peakBytesPerInputByte = 1.5
    /// gzip shrinks event exports about 5–10 times; the larger ratio, so a big archive is not waved through.
    public static let assumedGzipRatio = 10.0

    /// The peak memory a load of `paths` (files or folders) is expected to take.
    public static func estimatedPeak(paths: [String]) -> Int {
        var total = 0.0
        for path in paths {
            for (file, size) in files(at: path) {
                let gzipped = file.hasSuffix(".gz") || file.hasSuffix(".gzip")
                total += Double(size) * (gzipped ? assumedGzipRatio : 1) * peakBytesPerInputByte
            }
        }
        return Int(min(total, Double(Int.max / 2)))
    }

    /// Memory this process may still use: `MemAvailable`, capped by the cgroup's `memory.max` less what the
    /// cgroup already uses; nil when neither can be read (then no check is made).
    public static func available() -> Int? {
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)).flatMap(memAvailable(meminfo:))
        let limit = (try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8)).flatMap(cgroupLimit(_:))
        let used = (try? String(contentsOfFile: "/sys/fs/cgroup/memory.current", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        let cgroupRoom = limit.map { max(0, $0 - used) }
        switch (meminfo, cgroupRoom) {
        case let (a?, b?): return min(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        case (nil, nil): return nil
        }
    }

    /// Why the load would not fit, or nil when it does (or cannot be judged).
    public static func refusal(estimated: Int, available: Int?) -> String? {
        guard let available, estimated > available else { return nil }
        return "loading this needs about \(gigabytes(estimated)) of memory and \(gigabytes(available)) is available; "
            + "analyse fewer days or devices at once, or run the query where the data is (`beacon-triage kql`) and "
            + "triage its result here"
    }

    /// `MemAvailable:   12345678 kB` from /proc/meminfo, in bytes.
    static func memAvailable(meminfo: String) -> Int? {
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// cgroup v2 `memory.max`: a number of bytes, or `max` for no limit.
    static func cgroupLimit(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func gigabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_073_741_824
        return value >= 10 ? "\(Int(value.rounded())) GB" : String(format: "%.1f GB", value)
    }

    private static func files(at path: String) -> [(String, Int)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [(path, size(of: path))] }
        let children = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        return children.map { (path + "/" + $0, size(of: path + "/" + $0)) }
    }

    private static func size(of path: String) -> Int {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(status.st_size)
    }
}
