import BeaconEngine
import KQL
import TOML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The catalogue of well-known periodic services (`catalogue/known-benign.toml`): update, telemetry,
/// monitoring, remote-support and cloud agents that beacon by design. Hunt mode lowers the score of a group
/// that matches one and labels it; it never hides it, because attackers name their implants after the same
/// services.
///
/// ```toml
/// [[service]]
/// name = "Example Agent"
/// category = "monitoring"
/// source = "https://docs.example.com/agent/network"   # the vendor's page stating the facts below
/// processes = ["example-agent.exe"]                   # InitiatingProcessFileName, case ignored
/// domains = ["agent.example.com"]                     # the domain or any subdomain of it
/// ranges = ["198.51.100.0/24"]                        # CIDR ranges the vendor publishes
/// ```
///
/// Each service becomes up to three entries, one per kind of fact (its processes, its domains, its ranges),
/// so that a group matches the service by any one of them.
///
/// The file is trusted less than code: the reader is strict (an unknown key, a missing name, category or
/// source, a source that is not an https URL, a process name with a path or a control character, a generic
/// Windows binary, a bare or shared-hosting domain, a private or very wide range are all errors) and every
/// error names the file, the line and the field.
public enum KnownBenignCatalogue {
    /// The categories a service may have; `analyst` is kept for the triage file's false positives.
    public static let categories: [String] = [
        "update", "telemetry", "monitoring", "logging", "remote-support", "cloud-agent", "security-agent", "sync", "time",
    ]

    /// The entries of a catalogue's text; `path` names the file in errors.
    /// - Throws: `KnownBenignCatalogueError`, at the first problem.
    public static func parse(_ text: String, path: String) throws -> [KnownBenignEntry] {
        let table: TOMLTable
        do {
            table = try TOMLDocument.parse(text)
        } catch {
            throw notTOML(error, path: path)
        }
        return try entries(in: table, path: path)
    }

    /// Reads and parses the catalogue at `path`.
    /// - Throws: `KnownBenignCatalogueError`, also when the file cannot be read or is not UTF-8.
    public static func load(path: String) throws -> [KnownBenignEntry] {
        let read: [UInt8]?
        do {
            read = try AtomicFile.read(path)
        } catch {
            throw KnownBenignCatalogueError(file: path, line: nil, message: readFailure(error))
        }
        guard let bytes = read else {
            throw KnownBenignCatalogueError(file: path, line: nil, message: "no such file")
        }
        let table: TOMLTable
        do {
            table = try TOMLDocument.parse(bytes: bytes)
        } catch {
            throw notTOML(error, path: path)
        }
        return try entries(in: table, path: path)
    }

    private static func entries(in table: TOMLTable, path: String) throws(KnownBenignCatalogueError) -> [KnownBenignEntry] {
        for entry in table.entries where entry.key != "service" {
            throw KnownBenignCatalogueError(file: path, line: entry.line, field: terminalSafe(entry.key),
                                            message: "unknown key (a catalogue holds [[service]] tables)")
        }
        guard let list = table.entry("service") else { return [] }
        guard let array = list.value.array, array.allSatisfy({ $0.table != nil }) else {
            throw KnownBenignCatalogueError(file: path, line: list.line, field: "service",
                                            message: "services are written [[service]] (an array of tables)")
        }
        var result: [KnownBenignEntry] = []
        var names: [String: Int] = [:]
        for element in array {
            guard let serviceTable = element.table else { continue }
            let service = try CatalogueServiceReader(table: serviceTable, file: path).read()
            if let earlier = names[service.name] {
                throw KnownBenignCatalogueError(file: path, line: service.nameLine, field: "name",
                                                message: "'\(terminalSafe(service.name))' is already the name of the service at line \(earlier)")
            }
            names[service.name] = service.line
            result += service.entries
        }
        return result
    }

    private static func notTOML(_ error: TOMLError, path: String) -> KnownBenignCatalogueError {
        KnownBenignCatalogueError(file: path, line: error.line,
                                  message: "not valid TOML: \(terminalSafe(error.message)) (column \(error.column))")
    }

    private static func readFailure(_ error: TriageStorageError) -> String {
        guard case .io(_, let operation, let code) = error else { return "cannot be read" }
        return "cannot be read: \(operation) failed: \(String(cString: strerror(code)))"
    }
}
