import BeaconEngine
import Foundation
import Triage
import TriageUI
@testable import TriageApp

/// What happened, in order, across the terminal and the performer: "draw", "save", "export", …
final class EventLog {
    var entries: [String] = []
}

/// A clock the test moves.
final class TestClock {
    var now: Date
    init(_ now: Date) { self.now = now }
}

/// A terminal that plays a script: each step waits (moving the clock) and then yields an input, or
/// nothing (a tick). When the script ends it quits. Every frame is kept as text.
final class TestTerminal: Terminal {
    struct Step {
        var wait: TimeInterval
        var event: InputEvent?
    }

    var size: (width: Int, height: Int)
    var script: [Step]
    let clock: TestClock
    let log: EventLog
    private(set) var frames: [String] = []

    init(size: (width: Int, height: Int) = (120, 40), clock: TestClock, log: EventLog, script: [Step]) {
        self.size = size
        self.clock = clock
        self.log = log
        self.script = script
    }

    func nextEvent(timeoutMilliseconds: Int32) -> InputEvent? {
        guard !script.isEmpty else { return .key(.character("q")) }
        let step = script.removeFirst()
        clock.now += step.wait
        return step.event
    }

    func flush(_ buffer: ScreenBuffer, theme: Theme) {
        frames.append(buffer.text())
        log.entries.append("draw")
    }

    /// Texts sent to the clipboard, in order.
    private(set) var copies: [String] = []

    func copyToClipboard(_ text: String) {
        copies.append(text)
        log.entries.append("copy")
    }
}

extension TestTerminal.Step {
    static func key(_ character: Character, after wait: TimeInterval = 0.2) -> Self {
        Self(wait: wait, event: .key(.character(character)))
    }
    static func key(_ key: Key, after wait: TimeInterval = 0.2) -> Self { Self(wait: wait, event: .key(key)) }
    /// No input for `seconds`: the runtime ticks.
    static func idle(_ seconds: TimeInterval) -> Self { Self(wait: seconds, event: nil) }
    static func type(_ text: String) -> [Self] { text.map { .key($0) } }
}

/// Performs effects in memory: saves are kept (and succeed), exports answer as told, preparations are
/// computed and handed in at the next poll.
final class RecordingPerformer: EffectPerformer {
    let log: EventLog
    private(set) var saves: [[TriageDecision]] = []
    var exportAnswer: (ExportRequest) -> Result<Void, TriageStorageError> = { _ in .success(()) }
    private var preparing: PreparationRequest?
    /// News to hand in at the next poll (another console's save, say).
    var news: [Message] = []

    init(log: EventLog) { self.log = log }

    var isBusy: Bool { preparing != nil }

    func perform(_ effect: Effect) -> Message? {
        log.entries.append(effect.name)
        switch effect {
        case .save(let decisions):
            saves.append(decisions)
            return .saved(.success(TriageStore.SaveResult(decisions: decisions, merged: false)))
        case .export(let request):
            return .exported(request, exportAnswer(request))
        case .writeQuery(let request):
            return .wroteQuery(request, .success(()))
        case .prepare(let request):
            preparing = request
            return nil
        case .loadConnections(let request):
            return request.load(details: nil)
        case .copyToClipboard:
            // The runtime gives these to the terminal; one arriving here shows in the log.
            return nil
        }
    }

    func poll(now: Date) -> [Message] {
        var arrived = news
        news = []
        if let request = preparing {
            preparing = nil
            log.entries.append("prepared")
            arrived.append(.prepared(request.prepare()))
        }
        return arrived
    }
}
