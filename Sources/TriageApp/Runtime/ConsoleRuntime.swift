import Foundation
import TriageUI

/// The console's run loop, the one place where time, input, effects and drawing meet: each input is
/// stamped with the clock and handed to `update`, the effects it returns are performed in order (their
/// answers handed back in turn), and only then is the frame drawn, so what the screen shows is already
/// saved. Generic over the terminal, the performer and the clock, so tests run it in process.
public struct ConsoleRuntime {
    public let terminal: any Terminal
    public let performer: any EffectPerformer
    public let clock: () -> Date
    public let glyphs: GlyphSet
    /// Polled between events: a quit signal arrived.
    public let shouldStop: () -> Bool
    /// How long to wait for input while idle; the clock ticks at least this often.
    public var idleMilliseconds: Int32 = 250
    /// How long to wait while background work runs, so its result is adopted promptly.
    public var busyMilliseconds: Int32 = 15

    public init(terminal: any Terminal, performer: any EffectPerformer, clock: @escaping () -> Date,
                glyphs: GlyphSet, shouldStop: @escaping () -> Bool = { false }) {
        self.terminal = terminal
        self.performer = performer
        self.clock = clock
        self.glyphs = glyphs
        self.shouldStop = shouldStop
    }

    /// Runs until the analyst quits or `shouldStop`; `typedAhead` (keys pressed while loading) is
    /// handled first, in order.
    public func run(_ state: inout AppState, typedAhead: [Message] = []) {
        let size = terminal.size
        dispatch(.input(.resize(width: size.width, height: size.height), at: clock()), to: &state)
        for message in typedAhead where !state.isQuitting { dispatch(message, to: &state) }
        draw(state)
        while !state.isQuitting && !shouldStop() {
            let event = terminal.nextEvent(timeoutMilliseconds: performer.isBusy ? busyMilliseconds : idleMilliseconds)
            let now = clock()
            for news in performer.poll(now: now) { dispatch(news, to: &state) }
            dispatch(event.map { .input($0, at: now) } ?? .tick(now), to: &state)
            // A save runs off this thread: the frame is drawn at once, with `saving` in the status bar
            // until the save that holds the marks shown has landed.
            draw(state)
        }
        finishSaving(&state)
    }

    /// Waits for the saves still being written and hands their outcome to `update`, again while that
    /// asks for more (a merge adopted at the last moment is saved too): nothing marked is lost on quit.
    func finishSaving(_ state: inout AppState) {
        var news = performer.finish()
        while !news.isEmpty {
            for message in news { dispatch(message, to: &state) }
            news = performer.finish()
        }
    }

    /// One message through `update`, then its effects, whose answers go through `update` in turn.
    public func dispatch(_ message: Message, to state: inout AppState) {
        var queue = [message]
        while !queue.isEmpty {
            for effect in update(&state, queue.removeFirst()) {
                if let answer = perform(effect) { queue.append(answer) }
            }
        }
    }

    /// The terminal's own effects go to the terminal (it owns the output between frames); the rest to the
    /// performer.
    func perform(_ effect: Effect) -> Message? {
        if case .copyToClipboard(let text) = effect {
            terminal.copyToClipboard(text)
            return nil
        }
        return performer.perform(effect)
    }

    func draw(_ state: AppState) {
        terminal.flush(view(state, glyphs: glyphs), theme: state.theme)
    }
}
