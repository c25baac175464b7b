import BeaconEngine
import Foundation

public extension TriageBook {
    /// The analyst's false positives as hunt-mode entries: one per false-positive decision in force at `now`
    /// (expired ones are left out), in file order. Named after the decision's note, or
    /// `false positive (analyst)` without one; category `analyst`; source `triage file (<author>)`, or
    /// `triage file` without an author.
    ///
    /// Each entry covers what its scope covers, within what `KnownBenignEntry` can say:
    /// - exact beacon: that device, process, IP and port. Not its account: the entry has no account
    ///   condition, so other accounts' beacons from that device to that destination match too.
    /// - process to destination: that process, IP and port, on every device.
    /// - destination: that IP and port.
    /// - process: that process, whatever it talks to.
    ///
    /// Process names match without regard to ASCII case, as the scopes compare them (an exact beacon's
    /// entry also covers the same beacon with its process spelt in another case, which its scope does not). A decision
    /// whose port is null (Kusto's null RemotePort) has no entry, since an entry without a port covers every
    /// port. An entry also covers beacons that a more specific decision gives another status (one beacon to
    /// a destination marked false positive for everyone, marked malicious itself): `status(of:at:)` says
    /// which decision wins for a beacon.
    func falsePositiveEntries(at now: Date) -> [KnownBenignEntry] {
        decisions.compactMap { decision in
            guard decision.status == .falsePositive, decision.isActive(at: now),
                  let conditions = Self.conditions(of: decision.scope) else { return nil }
            let note = decision.note.trimmingCharacters(in: .whitespacesAndNewlines)
            let author = decision.author.trimmingCharacters(in: .whitespacesAndNewlines)
            return KnownBenignEntry(name: note.isEmpty ? "false positive (analyst)" : note, category: "analyst",
                                    source: author.isEmpty ? "triage file" : "triage file (\(author))", match: conditions)
        }
    }

    /// Nil for a null port: `remotePort: nil` in an entry means any port, not Kusto's null.
    private static func conditions(of scope: MarkScope) -> KnownBenignEntry.Conditions? {
        switch scope {
        case .exactBeacon(let key):
            guard let port = key.remotePort else { return nil }
            return .init(processNames: [key.initiatingProcessFileName], remoteIP: key.remoteIP, remotePort: port, deviceId: key.deviceId)
        case .processToDestination(let process, let ip, let port):
            guard let port else { return nil }
            return .init(processNames: [process], remoteIP: ip, remotePort: port)
        case .destination(let ip, let port):
            guard let port else { return nil }
            return .init(remoteIP: ip, remotePort: port)
        case .process(let process):
            return .init(processNames: [process])
        }
    }
}
