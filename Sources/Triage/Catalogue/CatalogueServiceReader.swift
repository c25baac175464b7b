import BeaconEngine
import KQL
import Foundation
import TOML

/// One `[[service]]` of the catalogue, read and checked.
struct CatalogueService {
    var name: String
    var category: String
    var source: String
    var processes: [String]
    var domains: [String]
    var ranges: [AddressRange]
    /// The `[[service]]` header's line, and the `name` key's.
    var line: Int
    var nameLine: Int

    /// One entry per kind of fact, so that any one of them identifies the service (an entry's conditions
    /// must all hold; a process and a domain in one entry would require both).
    var entries: [KnownBenignEntry] {
        let facts = [
            KnownBenignEntry.Conditions(processNames: processes),
            KnownBenignEntry.Conditions(domainSuffixes: domains),
            KnownBenignEntry.Conditions(addressRanges: ranges),
        ]
        return facts
            .filter { !$0.processNames.isEmpty || !$0.domainSuffixes.isEmpty || !$0.addressRanges.isEmpty }
            .map { KnownBenignEntry(name: name, category: category, source: source, match: $0) }
    }
}

/// Reads one `[[service]]` table; errors name the key and its line (the header's when the key is missing).
struct CatalogueServiceReader {
    let table: TOMLTable
    let file: String

    static let keys = ["name", "category", "source", "processes", "domains", "ranges"]

    func read() throws(KnownBenignCatalogueError) -> CatalogueService {
        for key in table.keys where !Self.keys.contains(key) {
            throw error(key, "unknown key (a service has \(Self.keys.joined(separator: ", ")))")
        }
        let name = try text("name")
        guard !name.allSatisfy(\.isWhitespace) else { throw error("name", "must not be empty") }
        let category = try text("category")
        guard KnownBenignCatalogue.categories.contains(category) else {
            throw error("category", "unknown category \(CatalogueRules.quoted(category)) (expected \(KnownBenignCatalogue.categories.joined(separator: ", ")))")
        }
        let source = try text("source")
        guard CatalogueRules.isHTTPSURL(source) else {
            throw error("source", "\(CatalogueRules.quoted(source)) is not an https URL (the vendor's page stating the facts)")
        }
        let processes = try list("processes", CatalogueRules.problem(withProcess:))
        let domains = try list("domains", CatalogueRules.problem(withDomain:))
        let rangeTexts = try list("ranges", CatalogueRules.problem(withRange:))
        guard !(processes.isEmpty && domains.isEmpty && rangeTexts.isEmpty) else {
            throw error("processes/domains/ranges", "\(CatalogueRules.quoted(name)) lists none of them, so it would match nothing")
        }
        return CatalogueService(
            name: name, category: category, source: source, processes: processes, domains: domains,
            ranges: rangeTexts.compactMap(AddressRange.init), line: table.line, nameLine: table.line(of: "name") ?? table.line)
    }

    /// A required string without control or invisible characters.
    private func text(_ key: String) throws(KnownBenignCatalogueError) -> String {
        guard let value = table[key] else { throw error(key, "missing") }
        guard let string = value.string else { throw error(key, "must be a string in quotes, not \(value.kindWithArticle)") }
        if let problem = CatalogueRules.problem(withText: string) { throw error(key, problem) }
        return string
    }

    /// An optional array of strings, each checked by `problem`; a name listed twice (case ignored) is an error
    /// too. An absent key is an empty list; an empty array is an error (leave the key out).
    private func list(_ key: String, _ problem: (String) -> String?) throws(KnownBenignCatalogueError) -> [String] {
        guard let value = table[key] else { return [] }
        guard let items = value.array, items.allSatisfy({ $0.string != nil }) else {
            throw error(key, "must be an array of strings in quotes, e.g. [\"agent.exe\"]")
        }
        guard !items.isEmpty else { throw error(key, "is empty (leave the key out instead)") }
        var result: [String] = []
        var seen: Set<String> = []
        for item in items {
            guard let string = item.string else { continue }
            if let message = problem(string) { throw error(key, message) }
            guard seen.insert(string.lowercased()).inserted else { throw error(key, "\(CatalogueRules.quoted(string)) is listed twice") }
            result.append(string)
        }
        return result
    }

    private func error(_ key: String, _ message: String) -> KnownBenignCatalogueError {
        KnownBenignCatalogueError(file: file, line: table.line(of: key) ?? table.line, field: terminalSafe(key), message: message)
    }
}
