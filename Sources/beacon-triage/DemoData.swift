import ArgumentParser
import Foundation

/// The data set opened when no file is given, so a first `swift run beacon-triage` shows real beacons.
enum DemoData {
    static let relativePath = "demo-data/rita-missing-host/missing_host.endpoints_only.zeekconn.csv.gz"
    static let description = "three days of a real Internet-facing server with an HTTP beacon, from RITA's test data"

    /// The demo file, looked up from the working directory, then from this source file's checkout.
    static func defaultFile() throws -> String {
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for candidate in [relativePath, sourceRoot.appendingPathComponent(relativePath).path]
            where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        throw ValidationError("no file given and the demo data (\(relativePath)) is not here; pass DeviceNetworkEvents files")
    }
}
