import Foundation

/// Whether a load fits in memory, judged before it starts: a file larger than the process may hold must
/// fail with a message, not with an allocation failure (SIGABRT) or the kernel's OOM killer ending the
/// process mid-way (and leaving the console's terminal in raw mode).
public enum MemoryBudget {
    /// The content read from a file's start to guess its format and, for gzip, its compression ratio.
    static let sampleBytes = 1 << 20

    /// The peak memory a load of `paths` (files or folders) is expected to take: each file's content size
    /// (for gzip, the file's size times the ratio its first megabyte inflates at) times its format's
    /// measured peak per byte (`InputFormat.peakBytesPerContentByte`).
    public static func estimatedPeak(paths: [String]) -> Int {
        var total = 0.0
        for path in paths {
            for (file, size) in files(at: path) where size > 0 {
                total += estimatedPeak(file: file, size: size)
            }
        }
        return Int(min(total, Double(Int.max / 2)))
    }

    /// Memory this process may still use: the least of what the machine, the cgroup and the resource
    /// limits leave (`MemoryLimits`); nil when none can be read (then no check is made).
    public static func available() -> Int? {
        MemoryLimits().tightest()?.bytes
    }

    /// Why loading `paths` would not fit, naming the limit that binds, or nil when it fits (or cannot be judged).
    public static func refusal(paths: [String]) -> String? {
        let room = MemoryLimits().tightest()
        return refusal(estimated: estimatedPeak(paths: paths), available: room?.bytes, limitedBy: room?.source)
    }

    /// Why the load would not fit, or nil when it does (or cannot be judged).
    public static func refusal(estimated: Int, available: Int?, limitedBy source: String? = nil) -> String? {
        guard let available, estimated > available else { return nil }
        let limit = source.map { " (the limit: \($0))" } ?? ""
        return "loading this needs about \(gigabytes(estimated)) of memory and \(gigabytes(available)) is available\(limit); "
            + "analyse fewer days or devices at once, or run the query where the data is (`beacon-triage kql`) and "
            + "triage its result here"
    }

    static func gigabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_073_741_824
        return value >= 10 ? "\(Int(value.rounded())) GB" : String(format: "%.1f GB", value)
    }

    /// One file's peak: its content's size and format judged from its first bytes. A file that cannot be
    /// read counts for nothing here; its turn in the load reports why.
    static func estimatedPeak(file: String, size: Int) -> Double {
        guard let source = try? FileSource(path: file, progress: nil),
              let head = try? source.readBlock(count: sampleBytes) else { return 0 }
        var content = head
        var contentBytes = size
        if Gzip.isGzip(head) {
            guard let gzip = try? GzipSource(PrefixedSource(head, then: source), name: file, keepsTruncatedContent: true),
                  let inflated = try? gzip.readBlock(count: sampleBytes) else { return 0 }
            content = inflated
            contentBytes = inflated.count < sampleBytes ? inflated.count
                : max(gzip.expectedContentBytes(compressedSize: size) ?? size, inflated.count)
        }
        return Double(contentBytes) * FormatSniffing.likelyFormat(of: content).peakBytesPerContentByte
    }

    private static func files(at path: String) -> [(String, Int)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [(path, size(of: path))] }
        let children = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        return children.map { (path + "/" + $0, size(of: path + "/" + $0)) }
    }

    /// A regular file's size; 0 for anything else (a FIFO must not be opened here: that blocks).
    private static func size(of path: String) -> Int {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(status.st_size)
    }
}
