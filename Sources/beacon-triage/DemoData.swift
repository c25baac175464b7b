import ArgumentParser
import Foundation

/// The data set opened when no file is given, so a first `swift run beacon-triage` shows real beacons.
enum DemoData {
    static let relativePath = "demo-data/generated-day/defender-day.csv.gz"
    /// Hunt mode's catalogue of well-known periodic services, shipped beside the demo data.
    static let cataloguePath = "catalogue/known-benign.toml"
    static let description = "a generated day of 300 devices with labelled C2 beacons and benign agents; see demo-data/"

    /// The demo file, looked up from the working directory, then from this source file's checkout.
    static func defaultFile() throws -> String {
        let candidate = repositoryFolder(relativePath)
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        throw ValidationError("no file given and the demo data (\(relativePath)) is not here; pass DeviceNetworkEvents files")
    }

    /// A path of the repository: relative to the working directory when it is there (`swift run` from the
    /// checkout), otherwise beside the sources this binary was built from.
    static func repositoryFolder(_ relative: String) -> String {
        if FileManager.default.fileExists(atPath: relative) { return relative }
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return sourceRoot.appendingPathComponent(relative).path
    }
}
