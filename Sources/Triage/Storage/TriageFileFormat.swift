import Foundation
import TOML

/// The triage file: TOML a person can read, review in a pull request and fix by hand, one `[[decision]]`
/// table per decision, keys in a fixed order, so that a change to one mark is a small diff.
///
/// ```toml
/// format = 1
///
/// [[decision]]
/// id = "0b6f7c1e-5d8a-4b8e-9a51-2f1f3c7d9e10"
/// status = "false-positive"
/// scope = "destination"
/// ip = "203.0.113.7"
/// port = 443
/// reason = "corporate update server"
/// author = "alice"
/// created = 2024-05-01T10:00:00.000Z
/// updated = 2024-05-01T10:00:00.000Z
/// expires = 2024-06-01T00:00:00.000Z
/// ```
public enum TriageFileFormat {
    /// The version written in `format`; a file with a higher one is refused rather than half understood.
    public static let version = 1

    /// The comment at the top of every file: what it is and what each key means.
    public static let header = """
        # beacon-triage decisions: the analysts' statuses, notes and false-positive marks on beacons.
        # Meant to be read, reviewed and committed. beacon-triage rewrites this file after every change
        # (comments other than this header are not kept) and merges what other consoles saved meanwhile.
        #
        # One [[decision]] table per decision:
        #   id        unique id of the decision (merges match decisions by it)
        #   status    new | investigating | malicious | false-positive
        #   scope     exact-beacon            one beacon: device-id, device-name, account-name,
        #                                     account-domain, process, ip and port
        #             process-to-destination  process to ip:port, on every device
        #             destination             ip:port, for everyone
        #             process                 process, to anything
        #   process   InitiatingProcessFileName; ip, port: RemoteIP and RemotePort (no port: a null port)
        #   reason    why the status was chosen; note: free text (both optional)
        #   author    who made or last changed the decision
        #   created, updated   UTC; expires (optional): the decision stops applying at that time
        # A beacon gets the status of the most specific decision covering it that has not expired
        # (exact-beacon, then process-to-destination, then destination, then process); among equally
        # specific ones, the one updated last. Names and addresses compare exactly, case included.

        """

    // MARK: Writing

    public static func render(_ decisions: [TriageDecision]) -> String {
        var out = header + "\nformat = \(version)\n"
        for decision in decisions {
            out += "\n[[decision]]\n"
            for (key, value) in fields(of: decision) {
                out += "\(key) = \(value)\n"
            }
        }
        return out
    }

    /// The decision's keys in file order, values as TOML text.
    static func fields(of decision: TriageDecision) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("id", TOMLText.string(decision.id)),
            ("status", TOMLText.string(decision.status.rawValue)),
            ("scope", TOMLText.string(decision.scope.kind.rawValue)),
        ]
        func port(_ port: Int32?) {
            if let port { fields.append(("port", String(port))) }
        }
        switch decision.scope {
        case .exactBeacon(let key):
            fields += [
                ("device-id", TOMLText.string(key.deviceId)),
                ("device-name", TOMLText.string(key.deviceName)),
                ("account-name", TOMLText.string(key.initiatingProcessAccountName)),
                ("account-domain", TOMLText.string(key.initiatingProcessAccountDomain)),
                ("process", TOMLText.string(key.initiatingProcessFileName)),
                ("ip", TOMLText.string(key.remoteIP)),
            ]
            port(key.remotePort)
        case .processToDestination(let process, let ip, let remotePort):
            fields += [("process", TOMLText.string(process)), ("ip", TOMLText.string(ip))]
            port(remotePort)
        case .destination(let ip, let remotePort):
            fields.append(("ip", TOMLText.string(ip)))
            port(remotePort)
        case .process(let process):
            fields.append(("process", TOMLText.string(process)))
        }
        if !decision.reason.isEmpty { fields.append(("reason", TOMLText.string(decision.reason))) }
        if !decision.note.isEmpty { fields.append(("note", TOMLText.string(decision.note))) }
        fields += [
            ("author", TOMLText.string(decision.author)),
            ("created", TOMLText.dateTime(decision.created)),
            ("updated", TOMLText.dateTime(decision.updated)),
        ]
        if let expires = decision.expires { fields.append(("expires", TOMLText.dateTime(expires))) }
        return fields
    }

    // MARK: Reading

    /// Parses a triage file's bytes; `file` names it in errors. An empty file holds no decisions.
    public static func parse(_ bytes: [UInt8], file: String) -> Result<[TriageDecision], TriageFileError> {
        if let nul = bytes.firstIndex(of: 0) {
            return .failure(TriageFileError(file: file, line: lineNumber(ofByte: nul, in: bytes),
                                            message: "a NUL byte: this is not a text file"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8Offset(bytes)
            return .failure(TriageFileError(file: file, line: lineNumber(ofByte: bad, in: bytes),
                                            message: "not valid UTF-8 text"))
        }
        return TriageFileParser(text: text, file: file).parse()
    }

    /// Parses a triage file's text.
    public static func parse(_ text: String, file: String) -> Result<[TriageDecision], TriageFileError> {
        parse(Array(text.utf8), file: file)
    }

    private static func lineNumber(ofByte index: Int, in bytes: [UInt8]) -> Int {
        bytes[..<index].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}
