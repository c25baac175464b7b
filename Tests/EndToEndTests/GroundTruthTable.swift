import BeaconEngine
import Foundation

/// One row of a shared real-data set's `ground_truth.csv` (copied under Fixtures/native/<dataset>/): a labelled
/// flow and the figures its author measured on the converted CSV named in `file`, with real-valued gaps.
struct GroundTruthRow {
    var file: String
    var deviceName: String
    var processFileName: String
    var remoteIP: String
    var remotePort: Int32
    var label: String
    /// Connections counted (distinct timestamps: the 5156 rows' whole-second duplicates are counted once).
    var events: Int
    /// First and last connection, as 100 ns ticks since the Unix epoch; nil when the flow has one connection.
    var first: Int64?
    var last: Int64?
    var meanIntervalSeconds: Double?
    var jitterPercent: Double?

    var isC2: Bool { label.hasPrefix("c2") }
}

enum GroundTruth {
    /// The rows of one data set's ground truth, read without the program's own CSV reader, so that a bug in
    /// it cannot shape the expectations.
    static func rows(_ dataset: String) throws -> [GroundTruthRow] {
        let text = try String(contentsOfFile: nativeFixture("\(dataset)/ground_truth.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { splitCSVLine(String($0)) }
        guard let header = lines.first else { throw ReferenceFailure(message: "\(dataset): empty ground truth") }
        return try lines.dropFirst().map { cells in
            guard cells.count == header.count else {
                throw ReferenceFailure(message: "\(dataset) ground truth: \(cells.count) cells, header has \(header.count)")
            }
            let row = Dictionary(uniqueKeysWithValues: zip(header, cells))
            func value(_ name: String) throws -> String {
                guard let cell = row[name] else { throw ReferenceFailure(message: "\(dataset) ground truth: no \(name)") }
                return cell
            }
            guard let port = Int32(try value("RemotePort")), let events = Int(try value("events")) else {
                throw ReferenceFailure(message: "\(dataset) ground truth: bad RemotePort or events in \(cells)")
            }
            return GroundTruthRow(
                file: try value("file"), deviceName: try value("DeviceName"),
                processFileName: try value("InitiatingProcessFileName"), remoteIP: try value("RemoteIP"),
                remotePort: port, label: try value("label"), events: events,
                first: try isoTicks(try value("first")), last: try isoTicks(try value("last")),
                meanIntervalSeconds: Double(try value("mean_interval_s")), jitterPercent: Double(try value("jitter_pct")))
        }
    }

    /// One line of RFC 4180 CSV (the ground-truth files quote cells with commas; none spans lines).
    static func splitCSVLine(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch (character, quoted) {
            case ("\"", true):
                // A doubled quote inside a quoted cell is one quote; a single one closes the cell.
                if let next = characters.next() {
                    if next == "\"" { cell.append("\"") } else {
                        quoted = false
                        if next == "," { cells.append(cell); cell = "" } else { cell.append(next) }
                    }
                } else {
                    quoted = false
                }
            case ("\"", false) where cell.isEmpty: quoted = true
            case (",", false): cells.append(cell); cell = ""
            default: cell.append(character)
            }
        }
        cells.append(cell)
        return cells
    }

    /// `2020-04-30T00:40:44.730954Z` as exact 100 ns ticks; nil for an empty cell.
    static func isoTicks(_ text: String) throws -> Int64? {
        guard !text.isEmpty else { return nil }
        let parts = text.dropLast().split(separator: ".", maxSplits: 1)
        let fields = parts[0].split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
        guard text.hasSuffix("Z"), fields.count == 6 else { throw ReferenceFailure(message: "bad time \(text)") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: fields[0], month: fields[1], day: fields[2], hour: fields[3],
                                        minute: fields[4], second: fields[5])
        guard let date = calendar.date(from: components) else { throw ReferenceFailure(message: "bad time \(text)") }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 7, let fractionTicks = Int64(fraction.padding(toLength: 7, withPad: "0", startingAt: 0))
        else { throw ReferenceFailure(message: "bad fraction in \(text)") }
        return Int64(date.timeIntervalSince1970) * Instant.ticksPerSecond + fractionTicks
    }
}
