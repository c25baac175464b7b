import ArgumentParser
import BeaconEngine
import KQL
import BeaconGenerator
import BeaconIngest
import Foundation

/// `beacon-triage generate`: synthetic, labelled DeviceNetworkEvents for demos, tests and benchmarks.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write synthetic DeviceNetworkEvents with injected C2 beacons, and a ground-truth file beside them.",
        discussion: """
        The data mixes bursty browsing, traffic the query ignores (private, loopback, link-local, multicast, \
        IPv6, inbound, listening, failed), benign periodic services on many devices, benign agents on a few \
        (the analyst's false positives) and malicious beacons in many variants. Rows are in time order; the \
        last one is exactly at --end.

        Beside OUT (X.csv, X.csv.gz, X.jsonl ...) goes X.truth.json: every designed series with its device, \
        process, destination, sleep and jitter, and whether the faithful query with default parameters \
        (window anchored on the data) finds it, or the stage that removes it and why.

        The same arguments always write the same bytes. A path ending in .gz is gzip-compressed.
        """
    )

    @Option(help: "Number of devices (at least \(GeneratorConfig.minimumDevices)).")
    var devices: Int = 300

    @Option(help: "Hours of data, ending at --end.")
    var hours: Int = 24

    @Option(help: "Approximate total number of events; browsing and background noise fill what the periodic series leave.")
    var events: Int = 300_000

    @Option(help: "Random seed: the same seed and options give the same bytes.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The data's last instant, ISO 8601 (default 2026-11-20T00:00:00Z).", valueName: "time"))
    var end: String?

    @Option(help: ArgumentHelp("csv or jsonl (default: jsonl when OUT ends in .jsonl or .jsonl.gz, else csv).", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("Output file; .gz compresses.", valueName: "path"))
    var out: String

    /// Checked while parsing, so a mistake is reported with `generate`'s usage (`QueryOptions.validate`).
    func validate() throws {
        _ = try generatorConfig()
    }

    /// The generator's settings from the options; a `ValidationError` for a value that does not parse or
    /// a combination the generator cannot honour.
    func generatorConfig() throws -> GeneratorConfig {
        var config = GeneratorConfig()
        config.devices = devices
        config.hours = hours
        config.events = events
        config.seed = seed
        if let end {
            guard let instant = TimestampParser.parse(Substring(end)) else {
                throw ValidationError("--end: '\(end)' is not an ISO 8601 time (e.g. 2026-11-20T00:00:00Z)")
            }
            config.end = instant
        }
        let uncompressed = out.hasSuffix(".gz") ? String(out.dropLast(3)) : out
        let formatName = format ?? (uncompressed.hasSuffix(".jsonl") ? "jsonl" : "csv")
        guard let outputFormat = GeneratedFormat(rawValue: formatName) else {
            throw ValidationError("--format must be csv or jsonl, not '\(formatName)'")
        }
        config.format = outputFormat
        if let problem = config.problem { throw ValidationError(problem) }
        return config
    }

    mutating func run() throws {
        let config = try generatorConfig()
        let started = Date()
        let result: GenerationResult
        do {
            result = try SyntheticDataGenerator.generate(config, to: out)
        } catch {
            printError("beacon-triage: \(error)")
            throw ExitCode(2)
        }
        let seconds = Date().timeIntervalSince(started)
        let written = result.output
        let truth = result.truth
        let malicious = truth.entries.filter { $0.family == .maliciousBeacon }
        printError("wrote \(written.events) events, \(written.bytes) bytes to \(terminalSafe(written.path)) in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", Double(written.events) / max(seconds, 1e-9))) events/s)")
        printError("truth: \(terminalSafe(result.truthPath)): \(truth.entries.count) series, \(truth.found.count) expected found (\(malicious.filter(\.expectedFound).count) malicious, \(truth.found.count - malicious.filter(\.expectedFound).count) false positives), \(truth.missed.count) expected missed")
        printError("query window: \(formatKustoDatetime(truth.windowStart)) .. \(formatKustoDatetime(truth.windowEnd))")
        if truth.seriesEvents > config.events {
            printError("note: the designed periodic series alone make \(truth.seriesEvents) events, more than --events \(config.events); no noise was added")
        }
    }
}
