import BeaconEngine
@testable import BeaconIngest
import Foundation
import Synchronization
import Testing

/// CSV files cut into blocks that worker threads parse while the reading thread cuts the next ones and
/// merges the parsed ones in file order: the table must be the file's rows in the file's order, and the
/// bad rows' lines the file's lines, whichever worker parsed which block.
@Suite struct ParallelLoadingTests {
    func check(_ result: LoadResult) {
        let table = result.table
        #expect(table.count == ExpectedFigures.rows)
        #expect(table.timestamp == DesignedDay.rows.map { DesignedDay.ticks($0.group, $0.index) })
        // Every 97th row's strings, which come through each worker's own dictionary and its translation.
        for position in stride(from: 0, to: DesignedDay.rows.count, by: 97) {
            let group = DesignedDay.rows[position].group
            let event = table.event(at: position)
            #expect(event.deviceId == DesignedDay.deviceId(group))
            #expect(event.remoteIP == DesignedDay.remoteIP(group))
            #expect(event.remoteUrl == DesignedDay.url(group))
            #expect(event.initiatingProcessFileName == DesignedDay.process(group))
        }
        #expect(result.skippedRows == DesignedDay.badRowsBefore.count)
        #expect(result.issues.map(\.line) == DesignedDay.badLines)
        #expect(result.issues.allSatisfy { $0.field == "RemotePort" })
        #expect(result.files.map(\.rowsRead) == [ExpectedFigures.rows + DesignedDay.badRowsBefore.count])
    }

    @Test func theDesignedDayIsWhatItsFiguresSay() {
        // The layout against the figures worked out by hand, so that the other checks stand on them.
        #expect(DesignedDay.rows.count == ExpectedFigures.rows)
        #expect(DesignedDay.rowCount == ExpectedFigures.rows)
        #expect(DesignedDay.steadyGroups.count == ExpectedFigures.beacons)
        #expect(DesignedDay.badLines == [3, 30_003, 60_004, 90_005, 120_006, 150_007, 180_008])
        // More than two default 8 MB blocks, so the workers parse and the merge interleaves.
        #expect(DesignedDay.csv.count > 2 * (8 << 20))
    }

    @Test func aFileOfSeveralBlocksLoadsInFileOrder() throws {
        let file = try DesignedDay.writeFile()
        defer { try? FileManager.default.removeItem(at: file.folder) }
        let progress = LoadProgress()
        check(try EventLoader.load(paths: [file.path], progress: progress))
        #expect(progress.eventsLoaded == ExpectedFigures.rows)
        #expect(progress.bytesRead == DesignedDay.csv.count)
    }

    /// Small blocks and more workers than cores: many blocks in flight, finished out of order, while
    /// another thread reads the progress as the loading screen does.
    @Test func manySmallBlocksOnMoreWorkersThanCores() throws {
        let progress = LoadProgress()
        let watcher = ProgressWatcher(progress)
        let options = EventLoader.ReadOptions(blockSize: 1 << 20, workers: 5)
        let result = Result { try EventLoader.load(bytes: DesignedDay.csv, name: "designed-day.csv", progress: progress,
                                                   options: options) }
        let watched = watcher.stop()
        check(try result.get())
        #expect(progress.eventsLoaded == ExpectedFigures.rows)
        #expect(watched.wentBack == 0)
        #expect(watched.last <= ExpectedFigures.rows)
    }
}

/// Reads a load's event count on its own thread until stopped, counting any read that goes back.
final class ProgressWatcher: Sendable {
    private let progress: LoadProgress
    private let stopping = Atomic<Bool>(false)
    private let regressions = Atomic<Int>(0)
    private let lastSeen = Atomic<Int>(0)
    private let stopped = DispatchSemaphore(value: 0)

    init(_ progress: LoadProgress) {
        self.progress = progress
        Thread.detachNewThread { [self] in
            var seen = 0
            while !stopping.load(ordering: .acquiring) {
                let now = progress.eventsLoaded
                if now < seen { regressions.add(1, ordering: .relaxed) }
                seen = now
                Thread.sleep(forTimeInterval: 0.001)
            }
            lastSeen.store(seen, ordering: .relaxed)
            stopped.signal()
        }
    }

    /// Stops the thread and waits for it: how often the count went back, and the last count it saw.
    func stop() -> (wentBack: Int, last: Int) {
        stopping.store(true, ordering: .releasing)
        stopped.wait()
        return (regressions.load(ordering: .relaxed), lastSeen.load(ordering: .relaxed))
    }
}
