import Foundation
import Testing
@testable import BeaconGenerator

@Suite struct DeterminismTests {
    static func config(seed: UInt64, format: GeneratedFormat = .csv) -> GeneratorConfig {
        var config = GeneratorConfig()
        config.devices = 25
        config.hours = 4
        config.events = 20_000
        config.seed = seed
        config.format = format
        return config
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test(arguments: [GeneratedFormat.csv, .jsonl])
    func sameArgumentsWriteSameBytes(_ format: GeneratedFormat) throws {
        let scratch = try Scratch("determinism-\(format.rawValue)")
        defer { scratch.cleanUp() }
        let path = scratch.path("x.\(format.rawValue)")
        let first = try SyntheticDataGenerator.generate(Self.config(seed: 11, format: format), to: path)
        let data = try bytes(path), truth = try bytes(first.truthPath)
        _ = try SyntheticDataGenerator.generate(Self.config(seed: 11, format: format), to: path)
        #expect(try bytes(path) == data)
        #expect(try bytes(first.truthPath) == truth)
        #expect(data.count > 1_000_000)
    }

    @Test func differentSeedsWriteDifferentBytes() throws {
        let scratch = try Scratch("seeds")
        defer { scratch.cleanUp() }
        let a = try SyntheticDataGenerator.generate(Self.config(seed: 1), to: scratch.path("a.csv"))
        let b = try SyntheticDataGenerator.generate(Self.config(seed: 2), to: scratch.path("b.csv"))
        #expect(try bytes(scratch.path("a.csv")) != bytes(scratch.path("b.csv")))
        // Different devices, so different identities in the truth too.
        #expect(Set(a.truth.entries.map(\.deviceId)).isDisjoint(with: b.truth.entries.map(\.deviceId)))
    }

    @Test func eventsIsApproximatelyTheTotal() throws {
        let scratch = try Scratch("volume")
        defer { scratch.cleanUp() }
        for events in [20_000, 60_000] {
            var config = Self.config(seed: 5)
            config.events = events
            let result = try SyntheticDataGenerator.generate(config, to: scratch.path("v.csv"))
            let ratio = Double(result.output.events) / Double(events)
            #expect(ratio > 0.85 && ratio < 1.15, "\(result.output.events) events for --events \(events)")
        }
    }

    @Test func invalidConfigurationsAreRefused() {
        var config = GeneratorConfig()
        config.devices = 5
        #expect(config.problem?.contains("--devices") == true)
        config.devices = 100
        config.hours = 0
        #expect(config.problem?.contains("--hours") == true)
        #expect(throws: GeneratorConfigError.self) { try SyntheticDataGenerator.generate(config, to: "/nonexistent/x.csv") }
    }
}
