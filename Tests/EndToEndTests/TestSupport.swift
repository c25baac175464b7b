import Foundation

/// What a child process printed, and how it ended.
struct ProcessResult {
    var output: String
    var errors: String
    var status: Int32
}

/// Runs `executable` with `arguments` to completion, capturing both output streams.
func runProcess(_ executable: String, _ arguments: [String]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read stderr on another thread so neither pipe can fill up and block the child.
    let errorData = LockedData()
    let reading = DispatchGroup()
    DispatchQueue.global().async(group: reading) { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    reading.wait()
    process.waitUntilExit()
    return ProcessResult(output: String(decoding: outputData, as: UTF8.self),
                         errors: String(decoding: errorData.value, as: UTF8.self), status: process.terminationStatus)
}

/// Data handed from the stderr reader thread.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var value: Data { lock.withLock { data ?? Data() } }
}

struct ReferenceFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A temporary folder removed when the test ends.
final class ScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("beacon-triage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
