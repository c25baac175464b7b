import ArgumentParser
import Foundation

/// The data set opened when no file is given, so a first `swift run beacon-triage` shows real beacons.
enum DemoData {
    static let relativePath = "demo-data/generated-day/defender-day.csv.gz"
    static let description = "a generated day of 300 devices with labelled C2 beacons and benign agents; see demo-data/"

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
