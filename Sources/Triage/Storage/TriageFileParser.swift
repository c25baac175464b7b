import BeaconEngine
import KQL
import Foundation
import TOML

/// Reads a triage file's text into decisions, or says exactly where it is wrong. Strict on purpose: the
/// file is rewritten after every change, so anything this reader would skip (a misspelt key, a key that
/// does not belong to the scope, a status it does not know) would silently vanish from the team's file.
/// Refusing keeps the file as the analyst wrote it until they fix it. Lines come from the TOML parser,
/// which remembers where every key and table header is written.
struct TriageFileParser {
    let text: String
    let file: String

    static let scopeKeys: [MarkScope.Kind: Set<String>] = [
        .exactBeacon: ["device-id", "device-name", "account-name", "account-domain", "process", "ip", "port"],
        .processToDestination: ["process", "ip", "port"],
        .destination: ["ip", "port"],
        .process: ["process"],
    ]
    static let commonKeys: Set<String> = ["id", "status", "scope", "note", "reason", "author", "created", "updated", "expires"]
    static let allScopeKeys: Set<String> = scopeKeys.values.reduce(into: []) { $0.formUnion($1) }

    func parse() -> Result<[TriageDecision], TriageFileError> {
        let table: TOMLTable
        do {
            table = try TOMLDocument.parse(text)
        } catch {
            return .failure(TriageFileError(file: file, line: error.line,
                                            message: "not valid TOML: \(terminalSafe(error.message)) (column \(error.column))"))
        }
        do {
            return .success(try decisions(in: table))
        } catch {
            return .failure(error)
        }
    }

    private func decisions(in table: TOMLTable) throws(TriageFileError) -> [TriageDecision] {
        for entry in table.entries where entry.key != "format" && entry.key != "decision" {
            throw TriageFileError(file: file, line: entry.line, field: terminalSafe(entry.key),
                                  message: "unknown key (a triage file holds `format` and [[decision]] tables)")
        }
        if let format = table.entry("format") {
            guard let version = format.value.integer else {
                throw TriageFileError(file: file, line: format.line, field: "format", message: "must be a whole number")
            }
            guard version <= TriageFileFormat.version else {
                throw TriageFileError(file: file, line: format.line, field: "format",
                                      message: "version \(version) was written by a newer beacon-triage (this one reads \(TriageFileFormat.version))")
            }
        }
        guard let list = table.entry("decision") else { return [] }
        guard let array = list.value.array else {
            throw TriageFileError(file: file, line: list.line, field: "decision",
                                  message: "decisions are written [[decision]] (an array of tables), not [decision]")
        }
        var result: [TriageDecision] = []
        var seen: Set<String> = []
        for (offset, element) in array.enumerated() {
            let number = offset + 1
            guard let entry = element.table else {
                throw TriageFileError(file: file, line: list.line, decision: number, message: "not a table")
            }
            let decision = try DecisionReader(entry: entry, number: number, file: file).read()
            guard seen.insert(decision.id).inserted else {
                throw DecisionReader(entry: entry, number: number, file: file)
                    .error("id", "the id \(quoted(decision.id)) is used by an earlier decision too")
            }
            result.append(decision)
        }
        return result
    }
}

/// One `[[decision]]` table into a decision; errors name the decision's number, the key and its line.
private struct DecisionReader {
    let entry: TOMLTable
    let number: Int
    let file: String

    func read() throws(TriageFileError) -> TriageDecision {
        let id = try requiredString("id")
        guard !id.isEmpty else { throw error("id", "must not be empty") }
        let statusText = try requiredString("status")
        guard let status = TriageStatus(name: statusText) else {
            throw error("status", "unknown status \(quoted(statusText)) (expected \(TriageStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let scopeText = try requiredString("scope")
        guard let kind = MarkScope.Kind(rawValue: scopeText) else {
            throw error("scope", "unknown scope \(quoted(scopeText)) (expected \(MarkScope.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let allowed = TriageFileParser.scopeKeys[kind]!
        for key in entry.keys where !allowed.contains(key) && !TriageFileParser.commonKeys.contains(key) {
            let message = TriageFileParser.allScopeKeys.contains(key)
                ? "does not belong to a \(kind.rawValue) decision (its keys: \(allowed.sorted().joined(separator: ", ")))"
                : "unknown key"
            throw error(key, message)
        }
        let scope: MarkScope
        switch kind {
        case .exactBeacon:
            scope = .exactBeacon(BeaconKey(
                deviceId: try requiredString("device-id"),
                deviceName: try requiredString("device-name"),
                initiatingProcessAccountName: try requiredString("account-name"),
                initiatingProcessAccountDomain: try requiredString("account-domain"),
                initiatingProcessFileName: try requiredString("process"),
                remoteIP: try requiredString("ip"),
                remotePort: try port()))
        case .processToDestination:
            scope = .processToDestination(process: try requiredString("process"), remoteIP: try requiredString("ip"), remotePort: try port())
        case .destination:
            scope = .destination(remoteIP: try requiredString("ip"), remotePort: try port())
        case .process:
            scope = .process(try requiredString("process"))
        }
        guard let created = try date("created") else {
            throw error("created", "missing (when the decision was made, e.g. 2024-05-01T10:00:00Z)")
        }
        return TriageDecision(
            id: id, scope: scope, status: status,
            note: try optionalString("note") ?? "",
            reason: try optionalString("reason") ?? "",
            author: try optionalString("author") ?? "",
            created: created,
            updated: try date("updated") ?? created,
            expires: try date("expires"))
    }

    private func requiredString(_ key: String) throws(TriageFileError) -> String {
        guard let value = try optionalString(key) else { throw error(key, "missing") }
        return value
    }

    private func optionalString(_ key: String) throws(TriageFileError) -> String? {
        guard let value = entry[key] else { return nil }
        guard let string = value.string else { throw error(key, "must be a string in quotes") }
        return string
    }

    private func port() throws(TriageFileError) -> Int32? {
        guard let value = entry["port"] else { return nil }
        guard let port = value.integer, (0...65535).contains(port) else {
            throw error("port", "must be a whole number from 0 to 65535 (leave it out for a null RemotePort)")
        }
        return Int32(port)
    }

    /// An offset date-time; a local date-time (no offset) is taken as UTC, and a bare date as its midnight
    /// UTC, which is what someone typing `expires = 2024-06-01` by hand means.
    private func date(_ key: String) throws(TriageFileError) -> Date? {
        guard let value = entry[key] else { return nil }
        switch value {
        case .offsetDateTime(let date, let time, let offset):
            return instant(date, time, offsetMinutes: offset)
        case .localDateTime(let date, let time):
            return instant(date, time, offsetMinutes: 0)
        case .localDate(let date):
            return Date(timeIntervalSince1970: Double(days(date) * 86_400))
        default:
            throw error(key, "must be a date-time such as 2024-05-01T10:00:00Z (no quotes) or a date such as 2024-06-01")
        }
    }

    /// To the millisecond, which is what the file is written with.
    private func instant(_ date: TOMLDate, _ time: TOMLTime, offsetMinutes: Int) -> Date {
        let seconds = days(date) * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + time.second) - Int64(offsetMinutes * 60)
        let milliseconds = seconds * 1000 + Int64(time.nanosecond / 1_000_000)
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private func days(_ date: TOMLDate) -> Int64 {
        daysSinceEpoch(year: Int64(date.year), month: Int64(date.month), day: Int64(date.day))
    }

    /// The error at `key`'s line, or at the decision's header when the key is missing.
    func error(_ key: String, _ message: String) -> TriageFileError {
        TriageFileError(file: file, line: entry.line(of: key) ?? entry.line, field: terminalSafe(key), decision: number, message: message)
    }
}

private func quoted(_ text: String) -> String { "\"" + terminalSafe(text) + "\"" }
