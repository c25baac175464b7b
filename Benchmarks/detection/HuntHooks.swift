import BeaconEngine
import Foundation
import Triage

/// Every use of hunt mode's API, in one place: the benchmark was written while the engine gained the mode,
/// and this is the one file to touch should its API move.
enum HuntHooks {
    static let available = true

    /// The shipped catalogue of well-known periodic services (`catalogue/known-benign.toml` at the package
    /// root), read once; hunt mode's settings carry entries, not a path.
    static let catalogue: [KnownBenignEntry] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("catalogue/known-benign.toml").path
        do {
            return try KnownBenignCatalogue.load(path: path)
        } catch {
            FileHandle.standardError.write(Data("beacon-detection-bench: \(error)\n".utf8))
            exit(1)
        }
    }()

    /// `base` switched to hunt mode at its default cut, with or without the catalogue.
    static func parameters(_ base: QueryParameters, catalogue: Bool) -> QueryParameters? {
        var parameters = base
        parameters.mode = .hunt
        parameters.hunt.usesCatalogue = catalogue
        parameters.hunt.catalogue = catalogue ? Self.catalogue : []
        return parameters
    }

    /// The group's hunt score (0...100); nil when it has no verdict.
    static func score(_ candidate: BeaconCandidate) -> Double? {
        candidate.huntScore?.score
    }

    /// The period hunt mode estimated for the group, seconds.
    static func period(_ candidate: BeaconCandidate) -> Double? {
        candidate.huntScore?.period
    }
}
