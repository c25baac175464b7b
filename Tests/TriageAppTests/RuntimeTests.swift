import BeaconEngine
import Foundation
import Testing
import Triage
import TriageUI
@testable import TriageApp

/// The run loop in process: a scripted terminal, a clock the test moves and effects kept in memory.
@Suite struct RuntimeTests {
    /// 2024-01-02T09:00:00Z (`date -u -d 2024-01-02T09:00:00Z +%s` = 1704186000).
    static let morning = Date(timeIntervalSince1970: 1_704_186_000)

    struct Run {
        var state: AppState
        let terminal: TestTerminal
        let performer: RecordingPerformer
        let log: EventLog
    }

    static func run(_ script: [TestTerminal.Step], state: AppState = ReducerTests.state(),
                    size: (width: Int, height: Int) = (120, 40),
                    setUp: (RecordingPerformer) -> Void = { _ in }) -> Run {
        let clock = TestClock(morning), log = EventLog()
        let terminal = TestTerminal(size: size, clock: clock, log: log, script: script)
        let performer = RecordingPerformer(log: log)
        setUp(performer)
        let runtime = ConsoleRuntime(terminal: terminal, performer: performer, clock: { clock.now }, glyphs: .unicode)
        var state = state
        runtime.run(&state)
        return Run(state: state, terminal: terminal, performer: performer, log: log)
    }

    @Test func marksAMinuteApartCarryTimesAMinuteApart() throws {
        // m at 09:00:01 on "steady"; j; a minute of ticks; i at 09:01:01.5 on "slow".
        let run = Self.run([.key("m", after: 1), .key("j", after: 0), .idle(30), .idle(30), .key("i", after: 0.5)])
        let decisions = try #require(run.performer.saves.last)
        let malicious = try #require(decisions.first { $0.status == .malicious })
        let investigating = try #require(decisions.first { $0.status == .investigating })
        #expect(malicious.created == Self.morning + 1 && malicious.updated == Self.morning + 1)
        #expect(investigating.created == Self.morning + 61.5)
        #expect(investigating.created.timeIntervalSince(malicious.created) == 60.5)
    }

    @Test func anExpiryOfAMinuteStopsApplyingAMinuteAfterTheMark() throws {
        // f, exact beacon, no reason, expires after 1m: marked at 09:00:02.4 (twelve keys 0.2 s apart).
        let marking: [TestTerminal.Step] = [.key("f"), .key(.enter), .key(.enter)] + TestTerminal.Step.type("1m") + [.key(.enter)]
        let run = Self.run(marking + [.idle(59), .idle(0.5), .idle(1)])
        let decision = try #require(run.performer.saves.first?.first)
        #expect(decision.expires == decision.created + 60)
        let frames = run.terminal.frames
        // Frames: the first, one per step. After the mark and 59.5 s later "steady" is still hidden; a
        // second later, past the minute, it is back and the status line says why.
        let marked = frames[marking.count], stillHidden = frames[marking.count + 2], back = frames[marking.count + 3]
        #expect(marked.contains("1 false positive") && marked.contains("2 reported") == false)
        #expect(marked.contains("1/2"))
        #expect(stillHidden.contains("1/2") && stillHidden.contains("1 false positive"))
        #expect(back.contains("0 false positive") && back.contains("a mark expired"))
        #expect(run.state.rows.map(\.candidate.key.deviceName) == ["steady", "slow", "wobbly"])
    }

    @Test func theFrameIsDrawnOnlyAfterTheMarkIsSaved() {
        let run = Self.run([.key("m")])
        // The first frame, then m: its save, then its frame; then q.
        #expect(Array(run.log.entries.prefix(3)) == ["draw", "save", "draw"])
        #expect(run.terminal.frames[1].contains("beacon marked malicious"))
    }

    @Test func anEffectsAnswerIsHandledBeforeTheNextFrame() throws {
        // e, CSV, the default path: the file exists, so the very next frame asks whether to replace it.
        let run = Self.run([.key("e"), .key(.enter), .key(.enter), .key(.escape)]) { performer in
            performer.exportAnswer = { .failure(.exists(path: $0.path)) }
        }
        #expect(run.log.entries.prefix(6) == ["draw", "draw", "draw", "export", "draw", "draw"])
        #expect(run.terminal.frames[3].contains("Replace beacons.csv? (y/n)"))
    }

    @Test func aBackgroundPreparationIsAdoptedWhenItArrives() throws {
        let state = ReducerTests.state(environment: ConsoleEnvironment(preparesInBackground: true))
        let run = Self.run([.key("M"), .idle(0.01)], state: state)
        // M asks for the corrected preparation; the next poll hands it in, before that step's frame.
        #expect(Array(run.log.entries.prefix(5)) == ["draw", "prepare", "draw", "prepared", "draw"])
        #expect(run.terminal.frames[1].contains("re-running"))
        #expect(!run.terminal.frames[2].contains("re-running") && run.terminal.frames[2].contains("corrected"))
        #expect(run.state.analysis.parameters.mode == .corrected && run.state.pendingPreparation == nil)
    }

    @Test func anotherConsolesSaveArrivesAndIsSaid() throws {
        let wobbly = try #require(ReducerTests.state().rows.last?.candidate.key)
        let theirs = TriageDecision(scope: .exactBeacon(wobbly), status: .malicious, author: "colleague", created: Self.morning)
        let run = Self.run([.idle(1)]) { performer in
            performer.news = [.triageFileChanged(.success([theirs]), at: Self.morning + 1)]
        }
        #expect(run.terminal.frames[1].contains("another console saved the triage file: 1 decision arrived"))
        #expect(run.state.status(of: wobbly).0 == .malicious)
        // Adopting it is not a change of this console's to write back.
        #expect(run.performer.saves.isEmpty)
    }

    @Test func keysTypedWhileLoadingAreActedOnOnceLoaded() throws {
        let clock = TestClock(Self.morning), log = EventLog()
        let terminal = TestTerminal(clock: clock, log: log, script: [.key("j"), .key("j"), .idle(0.1)])
        let performer = RecordingPerformer(log: log)
        let runtime = ConsoleRuntime(terminal: terminal, performer: performer, clock: { clock.now }, glyphs: .unicode)
        let load = SlowLoad(readyAfter: 3, state: ReducerTests.state())
        guard case .loaded(var state, let typedAhead) = try runtime.waitForLoad(load, dataSet: "test", theme: .dark) else {
            Issue.record("the load did not finish")
            return
        }
        #expect(typedAhead.count == 2)
        #expect(terminal.frames[1].contains("1 key waiting") && terminal.frames[2].contains("2 keys waiting"))
        runtime.run(&state, typedAhead: typedAhead)
        #expect(state.selected?.key.deviceName == "wobbly")
    }
}

/// A load that finishes after being looked at `readyAfter` times.
final class SlowLoad: PendingLoad {
    private var looks = 0
    let readyAfter: Int
    let state: AppState

    init(readyAfter: Int, state: AppState) {
        self.readyAfter = readyAfter
        self.state = state
    }

    var result: Result<AppState, any Error>? {
        looks += 1
        return looks > readyAfter ? .success(state) : nil
    }

    var status: LoadingStatus { LoadingStatus(elapsedSeconds: Double(looks)) }
}
