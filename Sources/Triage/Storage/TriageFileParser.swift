import BeaconEngine
import Foundation
import TOMLKit
import TOMLPrecheck

/// Reads a triage file's text into decisions, or says exactly where it is wrong. Strict on purpose: the
/// file is rewritten after every change, so anything this reader would skip (a misspelt key, a key that
/// does not belong to the scope, a status it does not know) would silently vanish from the team's file.
/// Refusing keeps the file as the analyst wrote it until they fix it.
struct TriageFileParser {
    let text: String
    let file: String
    let lines: TriageSourceLines

    init(text: String, file: String) {
        self.text = text
        self.file = file
        self.lines = TriageSourceLines(text: text)
    }

    static let scopeKeys: [MarkScope.Kind: Set<String>] = [
        .exactBeacon: ["device-id", "device-name", "account-name", "account-domain", "process", "ip", "port"],
        .processToDestination: ["process", "ip", "port"],
        .destination: ["ip", "port"],
        .process: ["process"],
    ]
    static let commonKeys: Set<String> = ["id", "status", "scope", "note", "reason", "author", "created", "updated", "expires"]
    static let allScopeKeys: Set<String> = scopeKeys.values.reduce(into: []) { $0.formUnion($1) }

    func parse() -> Result<[TriageDecision], TriageFileError> {
        if let line = TOMLPrecheck.unsafeTableHeaderLine(in: text) {
            return .failure(TriageFileError(file: file, line: line,
                                            message: "not valid TOML: a table header must start with a key ([[decision]])"))
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(TriageFileError(file: file, line: error.source.begin.line,
                                            message: "not valid TOML: \(terminalSafe(error.description))"))
        } catch {
            return .failure(TriageFileError(file: file, line: nil, message: "not valid TOML"))
        }
        do {
            return .success(try decisions(in: table))
        } catch {
            return .failure(error)
        }
    }

    private func decisions(in table: TOMLTable) throws(TriageFileError) -> [TriageDecision] {
        for key in table.keys.sorted() where key != "format" && key != "decision" {
            throw TriageFileError(file: file, line: lines.topLevel[key], field: key,
                                  message: "unknown key (a triage file holds `format` and [[decision]] tables)")
        }
        if let format = table["format"] {
            guard let version = format.int else {
                throw TriageFileError(file: file, line: lines.topLevel["format"], field: "format", message: "must be a whole number")
            }
            guard version <= TriageFileFormat.version else {
                throw TriageFileError(file: file, line: lines.topLevel["format"], field: "format",
                                      message: "version \(version) was written by a newer beacon-triage (this one reads \(TriageFileFormat.version))")
            }
        }
        guard let list = table["decision"] else { return [] }
        guard let array = list.array else {
            throw TriageFileError(file: file, line: lines.topLevel["decision"] ?? lines.decisionStarts.first, field: "decision",
                                  message: "decisions are written [[decision]] (an array of tables), not [decision]")
        }
        var result: [TriageDecision] = []
        var seen: Set<String> = []
        for (offset, element) in array.enumerated() {
            let number = offset + 1
            guard let entry = element.table else {
                throw TriageFileError(file: file, line: lines.topLevel["decision"], decision: number, message: "not a table")
            }
            let decision = try parseDecision(entry, number: number)
            guard seen.insert(decision.id).inserted else {
                throw error(number, "id", "the id \(quoted(decision.id)) is used by an earlier decision too")
            }
            result.append(decision)
        }
        return result
    }

    private func parseDecision(_ entry: TOMLTable, number: Int) throws(TriageFileError) -> TriageDecision {
        let id = try requiredString(entry, "id", number)
        guard !id.isEmpty else { throw error(number, "id", "must not be empty") }
        let statusText = try requiredString(entry, "status", number)
        guard let status = TriageStatus(name: statusText) else {
            throw error(number, "status", "unknown status \(quoted(statusText)) (expected \(TriageStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let scopeText = try requiredString(entry, "scope", number)
        guard let kind = MarkScope.Kind(rawValue: scopeText) else {
            throw error(number, "scope", "unknown scope \(quoted(scopeText)) (expected \(MarkScope.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let allowed = Self.scopeKeys[kind]!
        for key in entry.keys.sorted() where !allowed.contains(key) && !Self.commonKeys.contains(key) {
            let message = Self.allScopeKeys.contains(key)
                ? "does not belong to a \(kind.rawValue) decision (its keys: \(allowed.sorted().joined(separator: ", ")))"
                : "unknown key"
            throw error(number, key, message)
        }
        let scope: MarkScope
        switch kind {
        case .exactBeacon:
            scope = .exactBeacon(BeaconKey(
                deviceId: try requiredString(entry, "device-id", number),
                deviceName: try requiredString(entry, "device-name", number),
                initiatingProcessAccountName: try requiredString(entry, "account-name", number),
                initiatingProcessAccountDomain: try requiredString(entry, "account-domain", number),
                initiatingProcessFileName: try requiredString(entry, "process", number),
                remoteIP: try requiredString(entry, "ip", number),
                remotePort: try port(entry, number)))
        case .processToDestination:
            scope = .processToDestination(process: try requiredString(entry, "process", number),
                                          remoteIP: try requiredString(entry, "ip", number), remotePort: try port(entry, number))
        case .destination:
            scope = .destination(remoteIP: try requiredString(entry, "ip", number), remotePort: try port(entry, number))
        case .process:
            scope = .process(try requiredString(entry, "process", number))
        }
        guard let created = try date(entry, "created", number) else {
            throw error(number, "created", "missing (when the decision was made, e.g. 2024-05-01T10:00:00Z)")
        }
        return TriageDecision(
            id: id, scope: scope, status: status,
            note: try optionalString(entry, "note", number) ?? "",
            reason: try optionalString(entry, "reason", number) ?? "",
            author: try optionalString(entry, "author", number) ?? "",
            created: created,
            updated: try date(entry, "updated", number) ?? created,
            expires: try date(entry, "expires", number))
    }

    // MARK: Values

    private func requiredString(_ entry: TOMLTable, _ key: String, _ number: Int) throws(TriageFileError) -> String {
        guard let value = try optionalString(entry, key, number) else { throw error(number, key, "missing") }
        return value
    }

    private func optionalString(_ entry: TOMLTable, _ key: String, _ number: Int) throws(TriageFileError) -> String? {
        guard let value = entry[key] else { return nil }
        guard let string = value.string else { throw error(number, key, "must be a string in quotes") }
        // TOMLKit passes strings as C strings, which end at a NUL: read a `\u0000` from the text instead.
        if let line = lines.line(of: key, inDecision: number), let source = lines.text(ofLine: line),
           source.contains("\\u0000") || source.contains("\\U00000000") {
            guard let equals = source.firstIndex(of: "="),
                  let decoded = TOMLText.decodeBasicString(source[source.index(after: equals)...].drop { $0 == " " || $0 == "\t" })
            else { throw error(number, key, "a string holding \\u0000 must be on one line in double quotes") }
            return decoded
        }
        return string
    }

    private func port(_ entry: TOMLTable, _ number: Int) throws(TriageFileError) -> Int32? {
        guard let value = entry["port"] else { return nil }
        guard let port = value.int, (0...65535).contains(port) else {
            throw error(number, "port", "must be a whole number from 0 to 65535 (leave it out for a null RemotePort)")
        }
        return Int32(port)
    }

    /// An offset date-time; a local date-time (no offset) is taken as UTC, and a bare date as its midnight
    /// UTC, which is what someone typing `expires = 2024-06-01` by hand means.
    private func date(_ entry: TOMLTable, _ key: String, _ number: Int) throws(TriageFileError) -> Date? {
        guard let value = entry[key] else { return nil }
        if let dateTime = value.dateTime {
            let days = daysSinceEpoch(year: Int64(dateTime.date.year), month: Int64(dateTime.date.month), day: Int64(dateTime.date.day))
            let time = dateTime.time
            let seconds = days * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + time.second)
                - Int64((dateTime.offset?.offset ?? 0) * 60)
            let milliseconds = seconds * 1000 + Int64(time.nanoSecond / 1_000_000)
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        if let date = value.date {
            let days = daysSinceEpoch(year: Int64(date.year), month: Int64(date.month), day: Int64(date.day))
            return Date(timeIntervalSince1970: Double(days * 86_400))
        }
        throw error(number, key, "must be a date-time such as 2024-05-01T10:00:00Z (no quotes) or a date such as 2024-06-01")
    }

    private func error(_ number: Int, _ key: String, _ message: String) -> TriageFileError {
        TriageFileError(file: file, line: lines.line(of: key, inDecision: number) ?? lines.decisionStarts[safe: number - 1],
                        field: key, decision: number, message: message)
    }

    private func quoted(_ text: String) -> String { "\"" + terminalSafe(text) + "\"" }
}
