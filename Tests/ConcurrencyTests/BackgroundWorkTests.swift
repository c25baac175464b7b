import BeaconEngine
import BeaconIngest
import Foundation
import Testing
import TriageApp
@testable import beacon_triage

/// The console's background threads as the console uses them: a load polled for its progress and result
/// from another thread, and preparations started while earlier ones still run.
@Suite struct BackgroundWorkTests {
    /// Long enough for a ThreadSanitizer build on a busy 2-core machine; a hang fails instead of blocking.
    static let patience: TimeInterval = 600

    @Test func loadIsPolledUntilItHandsOverTheDay() throws {
        let file = try DesignedDay.writeFile()
        defer { try? FileManager.default.removeItem(at: file.folder) }
        let load = BackgroundLoad(files: [file.path], provider: .auto, parameters: QueryParameters())
        let deadline = Date() + Self.patience
        var previous = LoadingStatus(elapsedSeconds: 0)
        var state: AppState?
        while state == nil && Date() < deadline {
            // What the loading screen reads, while the loader and its workers write it: never going back.
            let status = load.status
            #expect(status.bytesRead >= previous.bytesRead)
            #expect(status.eventsLoaded >= previous.eventsLoaded)
            #expect(status.totalBytes == 0 || status.totalBytes == DesignedDay.csv.count)
            #expect(status.bytesRead <= DesignedDay.csv.count)
            #expect(status.eventsLoaded <= ExpectedFigures.rows)
            previous = status
            state = try load.result?.get()
            if state == nil { Thread.sleep(forTimeInterval: 0.002) }
        }
        let loaded = try #require(state, "the load did not finish in \(Self.patience) s")
        #expect(loaded.events.count == ExpectedFigures.rows)
        ExpectedFigures.check(loaded.analysis)
        let final = load.status
        #expect(final.bytesRead == DesignedDay.csv.count)
        #expect(final.totalBytes == DesignedDay.csv.count)
        #expect(final.eventsLoaded == ExpectedFigures.rows)
    }

    /// As when a slider is held down: each preparation starts before the one before it has finished, so
    /// several run at once (each with its own parallel stages, all sharing the domain memo), and every one
    /// is polled until it hands over.
    @Test func overlappingPreparationsEachHandOverTheirOwnResult() throws {
        let table = try EventLoader.load(bytes: DesignedDay.csv, name: "designed-day.csv").table
        var corrected = QueryParameters()
        corrected.mode = .corrected
        var keepingPrivate = QueryParameters()
        keepingPrivate.keepPrivate = true
        // Three preparations that differ in what they are prepared for, and report the same beacons: the
        // day has only ConnectionSuccess rows to public addresses.
        let variants = [QueryParameters(), corrected, keepingPrivate]

        var running: [(parameters: QueryParameters, work: BackgroundPreparation)] = []
        var finished: [(parameters: QueryParameters, prepared: PreparedQuery)] = []
        for parameters in variants {
            running.append((parameters, BackgroundPreparation(PreparationRequest(
                events: table, parameters: parameters, clock: .current, measuringEveryGroup: true))))
            _ = running.map { $0.work.result }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let deadline = Date() + Self.patience
        while !running.isEmpty && Date() < deadline {
            for (index, entry) in running.enumerated().reversed() {
                if let prepared = entry.work.result {
                    finished.append((entry.parameters, prepared))
                    running.remove(at: index)
                }
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        #expect(running.isEmpty, "\(running.count) preparations did not finish in \(Self.patience) s")
        #expect(finished.count == variants.count)
        for (parameters, prepared) in finished {
            #expect(prepared.basis == parameters.basis)
            #expect(prepared.groupCount == DesignedDay.groups)
            ExpectedFigures.check(BeaconQuery.decide(prepared, parameters: parameters))
        }
    }
}
