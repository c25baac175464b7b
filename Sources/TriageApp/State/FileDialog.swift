import BeaconEngine

/// The one dialog that writes a file, for `e` (an export) and `K` (the hunting query): choose what to
/// write, then where, then (for an existing file) whether to replace it.
public struct FileDialog: Equatable, Sendable {
    /// What is written.
    public enum Target: Equatable, Sendable {
        /// The picked beacons (or the one under the cursor); the choice is the format.
        case export
        /// The hunting query as KQL; the choice is the flavour (Defender, Sentinel).
        case query
        /// `p`: a KQL pivot on this beacon; the choice is the flavour.
        case pivot(BeaconKey)
    }

    public enum Step: Equatable, Sendable {
        case choose(selected: Int)
        case path(choice: Int, text: String)
        case confirmOverwrite(choice: Int, path: String)
    }

    public var target: Target
    public var step: Step

    public init(_ target: Target, _ step: Step) {
        self.target = target
        self.step = step
    }
}
