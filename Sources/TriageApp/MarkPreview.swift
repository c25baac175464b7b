import BeaconEngine
import Triage
import TriageUI

/// What one scope of the false-positive dialog (`f`) would do: the values it names and the listed
/// beacons it would hide, worked out on a copy of the book with the mark made, so that narrower marks
/// that keep a beacon (one device marked malicious under a destination marked for everyone) count as
/// they will.
struct ScopePreview: Equatable {
    var kind: MarkScope.Kind
    /// The scope's values for the marked beacons: `powershell.exe`, `203.0.113.66:443`.
    var values: String
    /// Listed beacons not yet false positive that the mark would make false positive.
    var hides: Int
    /// Of those, the ones now marked malicious or investigating, which the dialog asks about again.
    var flagged: [(key: BeaconKey, status: TriageStatus)]

    static func == (a: ScopePreview, b: ScopePreview) -> Bool {
        a.kind == b.kind && a.values == b.values && a.hides == b.hides
            && a.flagged.map(\.key) == b.flagged.map(\.key) && a.flagged.map(\.status) == b.flagged.map(\.status)
    }
}

enum MarkPreview {
    /// The beacons the list is made of (reported, and the rejected ones `x` shows), before the filter and
    /// the hiding of false positives: what "listed" counts.
    static func listed(_ state: AppState) -> [BeaconCandidate] {
        switch state.rejectedShown {
        case .none: state.analysis.beacons
        case .nearMisses: state.analysis.beacons + state.analysis.nearMisses
        case .all: Array(state.analysis.candidates)
        }
    }

    static func preview(_ kind: MarkScope.Kind, _ state: AppState) -> ScopePreview {
        let keys = TriageActions.targets(state)
        var marked = state.book
        marked.mark(keys, scope: kind, status: .falsePositive, author: state.environment.author, at: state.clock)
        let scopes = keys.map { MarkScope(kind, of: $0) }
        var hides = 0
        var flagged: [(key: BeaconKey, status: TriageStatus)] = []
        for candidate in listed(state) where scopes.contains(where: { $0.matches(candidate.key) }) {
            let before = state.status(of: candidate.key).0
            guard before != .falsePositive, marked.status(of: candidate.key, at: state.clock).0 == .falsePositive else { continue }
            hides += 1
            if before == .malicious || before == .investigating { flagged.append((candidate.key, before)) }
        }
        return ScopePreview(kind: kind, values: values(scopes), hides: hides, flagged: flagged)
    }

    /// The scopes' values, each once: one beacon's, or a list for a selection.
    static func values(_ scopes: [MarkScope]) -> String {
        var unique: [MarkScope] = []
        for scope in scopes where !unique.contains(scope) { unique.append(scope) }
        if unique.count > 3, unique.first?.kind == .exactBeacon { return "\(unique.count) beacons" }
        return unique.map(value).joined(separator: ", ")
    }

    static func value(_ scope: MarkScope) -> String {
        switch scope {
        case .exactBeacon(let key):
            let account = key.accountText.map { " (\($0))" } ?? ""
            return "\(key.deviceName)\(account) \(processText(key.initiatingProcessFileName)) → \(key.remoteText)"
        case .processToDestination(let process, let ip, let port):
            return "\(processText(process)) → \(destination(ip, port))"
        case .destination(let ip, let port):
            return destination(ip, port)
        case .process(let process):
            return processText(process)
        }
    }

    /// `ip:port` as `BeaconKey.remoteText` writes it.
    static func destination(_ ip: String, _ port: Int32?) -> String {
        let portText = port.map(String.init) ?? "null"
        return ip.contains(":") ? "[\(ip)]:\(portText)" : "\(ip):\(portText)"
    }

    static func processText(_ name: String) -> String { name.isEmpty ? "(no process)" : name }

    /// The scope in the dialog's words.
    static func words(_ kind: MarkScope.Kind) -> String {
        switch kind {
        case .exactBeacon: "this beacon"
        case .processToDestination: "this process to this destination"
        case .destination: "this destination"
        case .process: "this process everywhere"
        }
    }

    /// `hides 3 (1 malicious, 2 investigating)`: what the mark would take off the list.
    static func effect(_ preview: ScopePreview) -> String {
        let malicious = preview.flagged.filter { $0.status == .malicious }.count
        let investigating = preview.flagged.count - malicious
        let flagged = [(malicious, "malicious"), (investigating, "investigating")].filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)" }
        return "hides \(preview.hides)" + (flagged.isEmpty ? "" : " (\(flagged.joined(separator: ", ")))")
    }

    /// The dialog's options, `hides 3 · this destination: 203.0.113.66:443`: the count first, so that a
    /// narrow screen cuts the values rather than it.
    static func options(_ state: AppState) -> [String] {
        Prompt.scopes.map { kind in
            let preview = preview(kind, state)
            return "\(effect(preview)) · \(words(kind)): \(preview.values)"
        }
    }

    static let preferredWidth = 110

    /// After a scope is chosen: straight on to the reason, or first the question when the mark would hide
    /// beacons marked malicious or investigating.
    static func choose(_ state: inout AppState, _ kind: MarkScope.Kind) {
        state.prompt = preview(kind, state).flagged.isEmpty ? .markReason(scope: kind, text: "") : .markConfirm(scope: kind)
    }

    /// `y` goes on to the reason; any other key keeps the beacons as they are.
    static func confirm(_ state: inout AppState, _ kind: MarkScope.Kind, _ key: Key) {
        if key == .character("y") {
            state.prompt = .markReason(scope: kind, text: "")
        } else {
            state.prompt = nil
            state.message = "not marked: it would hide beacons marked malicious or investigating"
        }
    }

    static func confirmDialog(_ kind: MarkScope.Kind, state: AppState) -> Dialog {
        let preview = preview(kind, state)
        let malicious = preview.flagged.filter { $0.status == .malicious }.count
        let investigating = preview.flagged.count - malicious
        let counts = [(malicious, "malicious"), (investigating, "investigating")].filter { $0.0 > 0 }
            .map { "\($0.0) marked \($0.1)" }.joined(separator: " and ")
        let named = preview.flagged.prefix(3).map { "\($0.key.deviceName) \(processText($0.key.initiatingProcessFileName)) → \($0.key.remoteText)" }
        let more = preview.flagged.count > 3 ? ", and \(preview.flagged.count - 3) more" : ""
        let question = "\(words(kind).prefix(1).uppercased() + words(kind).dropFirst()) (\(preview.values)) would also hide "
            + "\(counts): \(named.joined(separator: "; "))\(more). Mark false positive anyway? (y/n)"
        return Dialog(title: "Hide beacons marked malicious or investigating?",
                      kind: .confirm(question: question, yesFocused: false), footer: "y marks, n or Esc cancels",
                      preferredWidth: 72)
    }
}
