import Foundation
import Synchronization

/// Whether a load fits in memory, judged before it starts: a file larger than the process may hold must
/// fail with a message, not with an allocation failure (SIGABRT) or the kernel's OOM killer ending the
/// process mid-way (and leaving the console's terminal in raw mode).
public enum MemoryBudget {
    /// The content read from a file's start to guess its format and, for gzip, its compression ratio.
    static let sampleBytes = 1 << 20
    /// The content inflated from a gzip file's start to judge its compression ratio: less than a plain
    /// file's sample, since inflating it costs what reading it does not (a folder of small hourly logs
    /// spent a sixth of its CPU on samples of 1 MiB).
    static let gzipSampleBytes = 1 << 18

    /// The peak memory a load of `paths` (files or folders) is expected to take (`LoadEstimate.peakBytes`).
    public static func estimatedPeak(paths: [String]) -> Int { LoadEstimate(paths: paths).peakBytes }

    /// Each file under `paths` (files or folders) as its likely format and content size.
    /// The files are sampled on every core at once: a rotated folder's hundreds of heads, inflated one after
    /// another, held the load back by a tenth of its time before any file was read.
    static func contents(paths: [String]) -> [LoadEstimate.FileContent] {
        let listed = paths.flatMap { files(at: $0) }.filter { $0.1 > 0 }
        let sampled = Mutex([LoadEstimate.FileContent?](repeating: nil, count: listed.count))
        DispatchQueue.concurrentPerform(iterations: listed.count) { index in
            let found = content(file: listed[index].0, size: listed[index].1)
            sampled.withLock { $0[index] = found }
        }
        return sampled.withLock { $0.compactMap { $0 } }
    }

    /// Memory this process may still use: the least of what the machine, the cgroup and the resource
    /// limits leave (`MemoryLimits`); nil when none can be read (then no check is made).
    public static func available() -> Int? {
        MemoryLimits().tightest()?.bytes
    }

    /// Why loading `paths` would not fit, naming the limit that binds, or nil when it fits (or cannot be judged).
    public static func refusal(paths: [String]) -> String? { refusal(LoadEstimate(paths: paths)) }

    /// Why a load so estimated would not fit, naming the limit that binds, or nil when it fits (or cannot
    /// be judged).
    public static func refusal(_ estimate: LoadEstimate) -> String? {
        let room = MemoryLimits().tightest()
        return refusal(estimated: estimate.peakBytes, available: room?.bytes, limitedBy: room?.source)
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

    /// One file's content: its format and size judged from its first bytes. A file that cannot be read
    /// counts for nothing here (nil); its turn in the load reports why.
    static func content(file: String, size: Int) -> LoadEstimate.FileContent? {
        guard let source = try? FileSource(path: file, progress: nil),
              let head = try? source.readBlock(count: sampleBytes) else { return nil }
        var content = head
        var contentBytes = size
        if Gzip.isGzip(head) {
            guard let gzip = try? GzipSource(PrefixedSource(head, then: source), name: file, keepsTruncatedContent: true),
                  let inflated = try? gzip.readBlock(count: gzipSampleBytes) else { return nil }
            content = inflated
            contentBytes = inflated.count < gzipSampleBytes ? inflated.count
                : max(gzip.expectedContentBytes(compressedSize: size) ?? size, inflated.count)
        }
        return LoadEstimate.FileContent(path: file, format: FormatSniffing.likelyFormat(of: content), bytes: contentBytes)
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

/// What a load holds, judged before it starts from each file's first megabyte, or a gzip file's first
/// 256 KiB of content (`MemoryBudget`): every
/// file's likely format and content size, read once for the memory check and the hand-over to Kusto.
public struct LoadEstimate: Sendable {
    struct FileContent: Sendable {
        var path: String
        var format: InputFormat
        /// The content's size: the file's, or for gzip the file's times the ratio its start inflates at.
        var bytes: Int
    }

    let contents: [FileContent]

    public init(paths: [String]) {
        contents = MemoryBudget.contents(paths: paths)
    }

    /// The expected peak memory: each file's content times its format's measured peak per byte
    /// (`InputFormat.peakBytesPerContentByte`).
    public var peakBytes: Int {
        Self.clamped(contents.reduce(0.0) { $0 + Double($1.bytes) * $1.format.peakBytesPerContentByte })
    }

    /// The events, about: each file's content over its format's measured bytes per event
    /// (`InputFormat.contentBytesPerEvent`); the query's own results and Zeek's companion logs count none.
    public var events: Int {
        Self.clamped(contents.reduce(0.0) { total, content in
            content.format.contentBytesPerEvent.map { total + Double(content.bytes) / $0 } ?? total
        })
    }

    /// The first file that looks like a document read whole (not CSV or Defender JSON lines, which are
    /// streamed), or nil when every file is streamed: reading a document twice holds it as reading it once does.
    public var fileReadWhole: String? {
        contents.first { $0.format != .csv && $0.format != .jsonLines }?.path
    }

    private static func clamped(_ value: Double) -> Int { Int(min(value, Double(Int.max / 2))) }
}
