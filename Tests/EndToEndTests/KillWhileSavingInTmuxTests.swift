import BeaconEngine
import Foundation
import KQL
import Testing
import TmuxTesting
import Triage

/// Nothing the analyst saw acknowledged is ever lost: the console is killed with SIGKILL at random
/// moments while it saves marks, hundreds of times, and restarted on the same triage file each time.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct KillWhileSavingInTmuxTests {
    /// Rounds to run; `KILL_ROUNDS` overrides (the issue asks for hundreds).
    static let rounds = Int(ProcessInfo.processInfo.environment["KILL_ROUNDS"] ?? "") ?? 200
    static let keys: [(key: String, status: TriageStatus, glyph: Character)] = [
        ("m", .malicious, "!"), ("i", .investigating, "?"), ("b", .new, "●"),
    ]

    @Test func everyMarkAcknowledgedOnScreenIsInTheFileAfterSIGKILL() throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("five.csv")
        let triage = scratch.path("team.triage.toml")
        try HostileDataInTmuxTests.writeEvents(to: data)
        let devices = HostileDataInTmuxTests.names.map(\.device)
        var random = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["KILL_SEED"] ?? "") ?? 2026)
        var expected = [TriageStatus](repeating: .new, count: devices.count)
        var pending: (device: Int, status: TriageStatus)?
        // Rounds whose last mark changed its row, by what the file held after the kill: the mark (the kill
        // came after its save) or the status before it (the kill came before the save ended).
        var savedBeforeKill = 0, lostToKill = 0

        for round in 0..<Self.rounds {
            let pane = try TmuxHarness([ConsoleInTmuxTests.binary, data, "--triage", triage], width: 120, height: 40)
            // Every row drawn (tmux may capture a frame half-written).
            let first = try pane.waitUntil("the five beacons are listed", timeout: .seconds(60)) { screen in
                screen.contains("Beacons 5")
                    && devices.allSatisfy { device in Self.rows(screen).contains { $0.line.contains(terminalSafe(device)) } }
            }
            // Where each device's row is (the query's order does not change between runs).
            let rowOf = try devices.map { device in
                try #require(Self.rows(first).firstIndex { $0.line.contains(terminalSafe(device)) })
            }

            // The file must parse, and hold every acknowledged mark; the one sent just before the kill may
            // or may not have made it.
            let book = TriageBook(decisions: try TriageStore.open(path: triage).decisions)
            for (index, device) in devices.enumerated() {
                let saved = book.status(of: Self.key(index), at: Date()).0
                if let pending, pending.device == index, pending.status != expected[index] {
                    if saved == pending.status {
                        savedBeforeKill += 1
                        expected[index] = saved
                    } else if saved == expected[index] {
                        lostToKill += 1
                    }
                }
                #expect(saved == expected[index], "round \(round): \(device) is \(saved) in the file, \(expected[index]) on screen")
            }
            pending = nil

            // Three marks, each waited for on screen until the status bar no longer says `saving`: the
            // acknowledgement that the save holding it has landed.
            for _ in 0..<3 {
                let device = Int(random.next() % UInt64(devices.count))
                let choice = Self.keys[Int(random.next() % UInt64(Self.keys.count))]
                try pane.sendKeys("g")
                for _ in 0..<rowOf[device] { try pane.sendKeys("j") }
                try pane.sendKeys(choice.key)
                try pane.waitUntil("\(devices[device]) shows \(choice.glyph)") { screen in
                    Self.rows(screen).first { $0.line.contains(terminalSafe(devices[device])) }?.glyph == choice.glyph
                        && !Self.saving(screen)
                }
                expected[device] = choice.status
            }
            // One more, and the kill lands somewhere in its save.
            let device = Int(random.next() % UInt64(devices.count))
            let choice = Self.keys[Int(random.next() % UInt64(Self.keys.count))]
            try pane.sendKeys("g")
            for _ in 0..<rowOf[device] { try pane.sendKeys("j") }
            try pane.sendKeys(choice.key)
            usleep(UInt32(random.next() % 20_000))
            try pane.signal(SIGKILL)
            _ = try pane.waitForExit()
            pending = (device, choice.status)
        }
        // A write the kill cut off leaves its temporary file (AtomicFile: written, fsynced, then renamed).
        // Not asserted: on a disk the fsync gives a window of a few milliseconds (a few such kills per 200
        // rounds), on tmpfs only microseconds.
        let interrupted = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
            .filter { $0.hasPrefix(".team.triage.toml.tmp-") }.count
        print("kill test: \(Self.rounds) rounds; of the last marks that changed their row, \(savedBeforeKill) were saved before the kill and \(lostToKill) were not; \(interrupted) writes cut off mid-file")
        // The kills must land on both sides of the end of a save, or the test did not probe the save: all
        // after it (a delay that always outlasts the save) or all before it (a kill that never reaches
        // it). About two rounds in three change their row (the last mark is one of three statuses), and
        // the 0-20 ms delay spans the few milliseconds from the key to the end of the save, so each count
        // is expected in the tens over 200 rounds; zero means the timing no longer straddles the save.
        // Fewer rounds (KILL_ROUNDS, to replay a seed) are not expected to show both.
        if Self.rounds >= 100 {
            #expect(savedBeforeKill > 0, "no kill landed after a save: the save was never completed under the test")
            #expect(lostToKill > 0, "no kill landed before a save ended: no save was interrupted")
        }
    }

    static func rows(_ screen: String) -> [(glyph: Character, line: Substring)] {
        screen.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("┃"), line.contains("203.0.113."), line.count > 1 else { return nil }
            return (line[line.index(after: line.startIndex)], line)
        }
    }

    /// Whether the status bar, the screen's last line, says a save has not landed yet.
    static func saving(_ screen: String) -> Bool {
        screen.split(separator: "\n").last?.contains("saving") ?? false
    }

    static func key(_ index: Int) -> BeaconKey {
        let name = HostileDataInTmuxTests.names[index]
        return BeaconKey(deviceId: "id\(index)", deviceName: name.device, initiatingProcessAccountName: "eve",
                         initiatingProcessAccountDomain: "lab", initiatingProcessFileName: name.process,
                         remoteIP: "203.0.113.\(index + 1)", remotePort: 443)
    }
}

/// A small seeded generator, so a failing run can be replayed with `KILL_SEED`.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
