import BeaconEngine
import BeaconIngest
import Foundation
@testable import BeaconGenerator

/// A temporary directory for one test's files, removed by `cleanUp()`.
struct Scratch {
    let directory: URL

    init(_ name: String) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("beacon-generator-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

/// The small day most tests look at: 60 devices, 24 h, about 150,000 events, generated once, loaded with
/// the real reader and analysed by the real engine with the query's default parameters.
struct GeneratedDay: Sendable {
    let result: GenerationResult
    let loaded: LoadResult
    let analysis: BeaconAnalysis
    /// The first lines of the CSV file, header included.
    let firstLines: [String]
    /// How many rows carry each ActionType, RemoteIPType and process, counted from the file's text.
    let actionTypes: [String: Int]
    let remoteIPTypes: [String: Int]
    let processes: [String: Int]
    /// The truth file's bytes, to check what it says on disk.
    let truthData: Data

    static let config: GeneratorConfig = {
        var config = GeneratorConfig()
        config.devices = 60
        config.hours = 24
        config.events = 150_000
        config.seed = 3
        return config
    }()

    static func make() throws -> GeneratedDay {
        let scratch = try Scratch("day")
        defer { scratch.cleanUp() }
        let path = scratch.path("day.csv")
        let result = try SyntheticDataGenerator.generate(config, to: path)
        let loaded = try EventLoader.load(paths: [path])
        let analysis = BeaconQuery.run(loaded.table, parameters: QueryParameters())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var firstLines: [String] = []
        var actionTypes: [String: Int] = [:], remoteIPTypes: [String: Int] = [:], processes: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n").enumerated() {
            if index < 50 { firstLines.append(String(line)) }
            guard index > 0 else { continue }
            let fields = splitCSVLine(String(line))
            actionTypes[fields[3], default: 0] += 1
            remoteIPTypes[fields[7], default: 0] += 1
            processes[fields[11], default: 0] += 1
        }
        let truthData = try Data(contentsOf: URL(fileURLWithPath: result.truthPath))
        return GeneratedDay(result: result, loaded: loaded, analysis: analysis, firstLines: firstLines,
                            actionTypes: actionTypes, remoteIPTypes: remoteIPTypes, processes: processes,
                            truthData: truthData)
    }

    var truth: GroundTruth { result.truth }

    func entries(_ series: String) -> [TruthEntry] { truth.entries.filter { $0.series == series } }
}

/// Generated once per test process and shared (Swift globals are initialised lazily and exactly once).
let sharedDay = Result { try GeneratedDay.make() }

/// RFC 4180 fields of one CSV line (no embedded newlines in generated data).
func splitCSVLine(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var iterator = Array(line).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else { current.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            fields.append(current)
            current = ""
        } else {
            current.append(c)
        }
    }
    fields.append(current)
    return fields
}
