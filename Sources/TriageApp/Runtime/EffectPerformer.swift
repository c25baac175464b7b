import Foundation

/// The world outside the update step: performs its effects and brings news in as messages.
public protocol EffectPerformer: AnyObject {
    /// Performs `effect`; one done at once (a save, an export) answers with its outcome.
    func perform(_ effect: Effect) -> Message?
    /// What arrived since the last call: finished background work, a triage file another console saved.
    func poll(now: Date) -> [Message]
    /// Whether background work is running (the loop then looks for its result more often).
    var isBusy: Bool { get }
    /// Whether a save asked for is not yet on disk: the runtime then keeps the last frame (keys are still
    /// read and handled), so that a mark the analyst sees is one already saved.
    var isSaving: Bool { get }
    /// Waits for work that must not be lost (the queued saves) and hands in how it ended; called when the
    /// console quits.
    func finish() -> [Message]
}

extension EffectPerformer {
    /// Saves are done by the time `perform` returns.
    public var isSaving: Bool { false }

    /// Nothing to wait for: every effect is done by the time `perform` returns.
    public func finish() -> [Message] { [] }
}
