import Foundation

/// The world outside the update step: performs its effects and brings news in as messages.
public protocol EffectPerformer: AnyObject {
    /// Performs `effect`; one done at once (a save, an export) answers with its outcome.
    func perform(_ effect: Effect) -> Message?
    /// What arrived since the last call: finished background work, a triage file another console saved.
    func poll(now: Date) -> [Message]
    /// Whether background work is running (the loop then looks for its result more often).
    var isBusy: Bool { get }
    /// Waits for work that must not be lost (the queued saves) and hands in how it ended; called when the
    /// console quits.
    func finish() -> [Message]
}

extension EffectPerformer {
    /// Nothing to wait for: every effect is done by the time `perform` returns.
    public func finish() -> [Message] { [] }
}
