import Foundation

/// The world outside the update step: performs its effects and brings news in as messages.
public protocol EffectPerformer: AnyObject {
    /// Performs `effect`; one done at once (a save, an export) answers with its outcome.
    func perform(_ effect: Effect) -> Message?
    /// What arrived since the last call: finished background work, a triage file another console saved.
    func poll(now: Date) -> [Message]
    /// Whether background work is running (the loop then looks for its result more often).
    var isBusy: Bool { get }
}
