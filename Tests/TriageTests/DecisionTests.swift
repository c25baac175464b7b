import BeaconEngine
import Foundation
import Testing
@testable import Triage

@Suite struct MarkScopeTests {
    let beacon = Fixture.key()

    @Test func eachScopeCoversWhatItSays() {
        let otherDevice = Fixture.key(device: "ws-099", account: "zed")
        let otherPort = Fixture.key(port: 8443)
        let otherProcess = Fixture.key(process: "chrome.exe")
        let cases: [(MarkScope.Kind, [BeaconKey: Bool])] = [
            (.exactBeacon, [beacon: true, otherDevice: false, otherPort: false, otherProcess: false]),
            (.processToDestination, [beacon: true, otherDevice: true, otherPort: false, otherProcess: false]),
            (.destination, [beacon: true, otherDevice: true, otherPort: false, otherProcess: true]),
            (.process, [beacon: true, otherDevice: true, otherPort: true, otherProcess: false]),
        ]
        for (kind, expectations) in cases {
            let scope = MarkScope(kind, of: beacon)
            #expect(scope.kind == kind)
            for (key, expected) in expectations {
                #expect(scope.matches(key) == expected, "\(kind) on \(key.deviceName) \(key.initiatingProcessFileName) \(key.remotePort ?? -1)")
            }
        }
    }

    /// Windows file names ignore case, so a process mark does too (ASCII letters); nothing else folds.
    @Test func processNamesIgnoreCaseAndNothingElseDoes() {
        let scope = MarkScope.process("chrome.exe")
        #expect(scope.matches(Fixture.key(process: "Chrome.exe")))
        #expect(scope.matches(Fixture.key(process: "CHROME.EXE")))
        #expect(!scope.matches(Fixture.key(process: "chrome.ex")))
        let toDestination = MarkScope.processToDestination(process: "PowerShell.exe", remoteIP: "203.0.113.7", remotePort: 443)
        #expect(toDestination.matches(Fixture.key(process: "powershell.exe", ip: "203.0.113.7", port: 443)))
        #expect(!toDestination.matches(Fixture.key(process: "powershell.exe", ip: "203.0.113.7", port: 8443)))
        // Addresses compare exactly: an IPv6 address spelt in capitals is another string.
        #expect(!MarkScope.destination(remoteIP: "2001:DB8::1", remotePort: 443).matches(Fixture.key(ip: "2001:db8::1", port: 443)))
        // An exact beacon is the one group the query forms: its process byte for byte.
        #expect(!MarkScope.exactBeacon(Fixture.key(process: "chrome.exe")).matches(Fixture.key(process: "Chrome.exe")))
        // Equal scopes hash alike, so marking `POWERSHELL.EXE` again finds the `powershell.exe` decision.
        #expect(MarkScope.process("POWERSHELL.EXE") == .process("powershell.exe"))
        #expect(Set([MarkScope.process("POWERSHELL.EXE"), .process("powershell.exe"), .process("cmd.exe")]).count == 2)
        // Only ASCII letters fold: `É` is not `é`.
        #expect(!MarkScope.process("caf\u{C9}.exe").matches(Fixture.key(process: "caf\u{E9}.exe")))
        // "é" precomposed vs e + combining acute: equal as Swift Strings, different bytes, different beacons.
        let composed = MarkScope.process("caf\u{E9}.exe")
        #expect(!composed.matches(Fixture.key(process: "cafe\u{301}.exe")))
        #expect(composed.matches(Fixture.key(process: "caf\u{E9}.exe")))
        #expect(composed != MarkScope.process("cafe\u{301}.exe"))
        #expect(Set([composed, .process("cafe\u{301}.exe"), .process("caf\u{E9}.exe")]).count == 2)
    }

    @Test func aNullPortIsItsOwnDestination() {
        let scope = MarkScope.destination(remoteIP: "192.0.2.50", remotePort: nil)
        #expect(scope.matches(Fixture.key(ip: "192.0.2.50", port: nil)))
        #expect(!scope.matches(Fixture.key(ip: "192.0.2.50", port: 0)))
    }

    @Test func specificityOrdersTheScopes() {
        #expect(MarkScope.Kind.allCases.map(\.specificity) == [4, 3, 2, 1])
    }

    @Test func summaryNamesTheScope() {
        #expect(MarkScope(.processToDestination, of: beacon).summary == "rundll32.exe → 203.0.113.7:443 on every device")
        #expect(MarkScope.destination(remoteIP: "2001:db8::1", remotePort: nil).summary == "[2001:db8::1]:null for everyone")
        #expect(MarkScope(.exactBeacon, of: beacon).summary == "ws-014.corp.local (CORP\\alice): rundll32.exe → 203.0.113.7:443")
    }
}

@Suite struct TriageStatusTests {
    @Test func typedNamesAreAccepted() {
        #expect(TriageStatus(name: "FP") == .falsePositive)
        #expect(TriageStatus(name: "false positive") == .falsePositive)
        #expect(TriageStatus(name: "false-positive") == .falsePositive)
        #expect(TriageStatus(name: "Malicious") == .malicious)
        #expect(TriageStatus(name: "inv") == .investigating)
        #expect(TriageStatus(name: "benign") == nil)
        #expect(TriageStatus.falsePositive.rawValue == "false-positive")
    }
}

@Suite struct TriageBookTests {
    let beacon = Fixture.key()
    let neighbour = Fixture.key(device: "ws-015.corp.local", account: "carol")

    func decision(_ kind: MarkScope.Kind, _ status: TriageStatus, updated: Double = 0, expires: Date? = nil,
                  id: String? = nil) -> TriageDecision {
        TriageDecision(id: id ?? TriageDecision.newID(), scope: MarkScope(kind, of: beacon), status: status,
                       author: "alice", created: date(), updated: date(updated), expires: expires)
    }

    @Test func noDecisionMeansNew() {
        let (status, decision) = TriageBook().status(of: beacon, at: date())
        #expect(status == .new)
        #expect(decision == nil)
    }

    @Test func theMostSpecificDecisionWinsWhateverItsAge() {
        // A destination marked false positive for everyone later, the one beacon marked malicious earlier.
        let broad = decision(.destination, .falsePositive, updated: 100)
        let narrow = decision(.exactBeacon, .malicious, updated: 0)
        let book = TriageBook(decisions: [narrow, broad])
        #expect(book.status(of: beacon, at: date(200)) == (.malicious, narrow))
        // The neighbour on the same destination has only the broad decision.
        #expect(book.status(of: neighbour, at: date(200)) == (.falsePositive, broad))
        #expect(book.applicable(to: beacon, at: date(200)) == [narrow, broad])
    }

    @Test func atEqualSpecificityTheLaterUpdateWins() {
        let older = decision(.process, .falsePositive, updated: 10)
        let newer = decision(.process, .investigating, updated: 20)
        #expect(TriageBook(decisions: [newer, older]).status(of: beacon, at: date(30)).0 == .investigating)
        #expect(TriageBook(decisions: [older, newer]).status(of: beacon, at: date(30)).0 == .investigating)
        // Same instant: the one later in the file.
        let twin = decision(.process, .malicious, updated: 10)
        #expect(TriageBook(decisions: [older, twin]).status(of: beacon, at: date(30)).0 == .malicious)
        #expect(TriageBook(decisions: [twin, older]).status(of: beacon, at: date(30)).0 == .falsePositive)
    }

    @Test func anExpiredDecisionStopsApplyingAtItsExpiry() {
        let temporary = decision(.exactBeacon, .falsePositive, expires: date(3600))
        let fallback = decision(.process, .investigating)
        let book = TriageBook(decisions: [temporary, fallback])
        #expect(book.status(of: beacon, at: date(3599)).0 == .falsePositive)
        #expect(book.status(of: beacon, at: date(3600)).0 == .investigating)
        #expect(TriageBook(decisions: [temporary]).status(of: beacon, at: date(7200)) == (.new, nil))
    }

    @Test func markingTwoBeaconsOnOneDestinationMakesOneDecisionAndOneUndo() {
        var book = TriageBook()
        let edit = book.mark([beacon, neighbour], scope: .destination, status: .falsePositive, reason: "update server",
                             author: "alice", at: date())
        #expect(edit.changes.count == 1)
        #expect(book.decisions.count == 1)
        #expect(book.decisions[0].scope == .destination(remoteIP: "203.0.113.7", remotePort: 443))
        #expect(book.decisions[0].reason == "update server")
        #expect(book.status(of: neighbour, at: date()).0 == .falsePositive)

        // Exact-beacon marks of the same two are two decisions, still one edit.
        let exact = book.mark([beacon, neighbour], scope: .exactBeacon, status: .malicious, author: "bob", at: date(10))
        #expect(exact.changes.count == 2)
        #expect(book.decisions.count == 3)
        #expect(book.undoStack.count == 2)

        #expect(book.undo(by: "bob", at: date(20)) == exact)
        #expect(book.decisions.count == 1)
        #expect(book.status(of: beacon, at: date(20)).0 == .falsePositive)
        book.undo(by: "bob", at: date(30))
        #expect(book.decisions.isEmpty)
        #expect(!book.canUndo)
        #expect(book.undo(by: "bob", at: date(40)) == nil)
    }

    @Test func markingAScopeAgainChangesItsDecisionInPlace() {
        var book = TriageBook()
        book.mark([beacon], scope: .exactBeacon, status: .investigating, reason: "odd hours", author: "alice", at: date())
        let id = book.decisions[0].id
        book.mark([beacon], scope: .exactBeacon, status: .malicious, author: "bob", at: date(60))
        #expect(book.decisions.count == 1)
        let changed = book.decisions[0]
        #expect(changed.id == id)
        #expect(changed.status == .malicious)
        #expect(changed.reason == "odd hours")  // nil reason keeps it
        #expect(changed.author == "bob")
        #expect(changed.created == date())
        #expect(changed.updated == date(60))
        // The same mark again changes nothing and records nothing.
        let stack = book.undoStack.count
        #expect(book.mark([beacon], scope: .exactBeacon, status: .malicious, author: "bob", at: date(90)).isEmpty)
        #expect(book.undoStack.count == stack)
        // Undo restores the old values as a new change, so a merge sees it as the latest.
        book.undo(by: "carol", at: date(120))
        #expect(book.decisions[0].status == .investigating)
        #expect(book.decisions[0].updated == date(120))
        #expect(book.decisions[0].author == "carol")
    }

    @Test func aNoteKeepsTheStatusTheBeaconHas() {
        var book = TriageBook()
        book.mark([beacon], scope: .process, status: .falsePositive, author: "alice", at: date())
        book.setNote("ticket INC-42", for: beacon, author: "bob", at: date(10))
        #expect(book.decisions.count == 2)
        let (status, winner) = book.status(of: beacon, at: date(20))
        #expect(status == .falsePositive)
        #expect(winner?.note == "ticket INC-42")
        #expect(winner?.scope.kind == .exactBeacon)
        // Editing the note changes that decision, not a new one.
        book.setNote("INC-43", for: beacon, author: "bob", at: date(30))
        #expect(book.decisions.count == 2)
        #expect(book.status(of: beacon, at: date(40)).1?.note == "INC-43")
    }

    @Test func addReplaceAndRemoveAreUndoable() {
        var book = TriageBook()
        let first = decision(.process, .malicious, id: "a")
        #expect(book.add(first).changes == [.added(first)])
        var second = first
        second.status = .falsePositive
        #expect(book.replace(second)?.changes == [.replaced(old: first, new: second)])
        #expect(book.replace(decision(.process, .new, id: "missing")) == nil)
        #expect(book.remove(id: "a")?.changes == [.removed(second)])
        #expect(book.remove(id: "a") == nil)
        #expect(book.decisions.isEmpty)
        book.undo(by: "x", at: date())
        #expect(book.decisions == [second])  // a removed decision comes back as it was
        book.undo(by: "x", at: date(5))
        #expect(book.decisions.map(\.status) == [.malicious])
        book.undo(by: "x", at: date(6))
        #expect(book.decisions.isEmpty)
    }

    @Test func datesKeepMilliseconds() {
        let made = TriageDecision(scope: .process("a"), status: .new, author: "a",
                                  created: Date(timeIntervalSince1970: 1_714_557_600.123_456))
        #expect(made.created.timeIntervalSince1970 == 1_714_557_600.123)
        #expect(made.updated == made.created)
    }
}
