import BeaconEngine
import BeaconIngest
import Foundation

/// The eleven required columns in the query's order.
let standardHeader = "Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,"
    + "InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain"

/// One CSV record in `standardHeader` order; values are written as given (no quoting added).
func csvRow(
    _ timestamp: String = "2024-01-01T00:00:00Z",
    device: String = "dev1",
    name: String = "host1",
    action: String = "ConnectionSuccess",
    ip: String = "8.8.8.8",
    port: String = "443",
    url: String = "example.com",
    ipType: String = "Public",
    file: String = "chrome.exe",
    account: String = "alice",
    domain: String = "corp"
) -> String {
    [timestamp, device, name, action, ip, port, url, ipType, file, account, domain].joined(separator: ",")
}

func loadText(_ text: String, name: String = "test.csv") throws -> LoadResult {
    try EventLoader.load(bytes: Array(text.utf8), name: name)
}

/// Ticks for whole seconds since the epoch plus a sub-second tick count.
func ticks(_ seconds: Int64, _ fraction: Int64 = 0) -> Int64 {
    seconds * 10_000_000 + fraction
}

/// A fresh directory under the system's temporary folder, removed when the value goes away.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("beacon-ingest-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }
}

/// `bytes` compressed by the system's gzip tool (an implementation independent of the loader's inflater, ISA-L).
func gzipped(_ bytes: [UInt8]) throws -> [UInt8] {
    let scratch = try ScratchDirectory()
    let source = try scratch.write("plain", bytes)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    process.arguments = ["-c", "-n", source]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let compressed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    return Array(compressed)
}

/// What gzip itself inflates from `bytes` before it stops (at their end or at bad data); its complaint
/// about a cut-short file is expected and ignored.
func gunzippedPrefix(_ bytes: [UInt8]) throws -> [UInt8] {
    let scratch = try ScratchDirectory()
    let source = try scratch.write("cut.gz", bytes)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    process.arguments = ["-d", "-c", source]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let inflated = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(inflated)
}

func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}
