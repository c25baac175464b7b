import Foundation

/// The real fixtures the malformed corpus is cut from, read (and gunzipped) from the repository.
enum FixtureData {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { repository.appendingPathComponent(relative).path }

    /// A fixture's bytes, gunzipped when it is gzip.
    static func bytes(_ relative: String) throws -> [UInt8] {
        let raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
        return raw.starts(with: [0x1F, 0x8B]) ? try gzip(["-dc"], raw) : raw
    }

    static func lines(_ relative: String) throws -> [String] {
        // By bytes: "\r\n" is one Character, which a split on "\n" would not see.
        try bytes(relative).split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
    }

    /// The system's gzip over `input` (compress with `-c`, decompress with `-dc`), so that the corpus does not
    /// lean on the Gzip code it tests.
    static func gzip(_ arguments: [String], _ input: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-gzip-\(UUID().uuidString)")
        try Data(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip"] + arguments + [file.path]
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](output)
    }
}

/// RFC 4180 cells of one CSV line (no line breaks inside quotes in the fixtures used), written here rather
/// than borrowed from the reader under test.
func csvCells(_ line: String) -> [String] {
    var cells: [String] = []
    var current = ""
    var inQuotes = false
    var characters = Array(line)[...]
    while let character = characters.popFirst() {
        if inQuotes {
            if character == "\"" {
                if characters.first == "\"" { current.append("\""); characters.removeFirst() } else { inQuotes = false }
            } else {
                current.append(character)
            }
        } else if character == "\"" {
            inQuotes = true
        } else if character == "," {
            cells.append(current)
            current = ""
        } else {
            current.append(character)
        }
    }
    cells.append(current)
    return cells
}

/// A CSV line, quoting the cells that need it.
func csvLine(_ cells: [String]) -> String {
    cells.map { cell in
        cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }.joined(separator: ",")
}

/// One-line JSON with sorted keys (JSONSerialization does not keep the fixtures' order; the readers do not care).
func jsonText(_ value: Any) -> String {
    let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
}
