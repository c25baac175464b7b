import BeaconEngine

/// A file `generate` wrote, as the truth file records it.
public struct WrittenFile: Sendable {
    public var path: String
    public var compressed: Bool
    public var events: Int
    /// Bytes written to the file (compressed size for `.gz`).
    public var bytes: Int64
    public var firstTicks: Int64?
    public var lastTicks: Int64?
}

/// What one run of the generator produced.
public struct GenerationResult: Sendable {
    public var output: WrittenFile
    public var truthPath: String
    public var truth: GroundTruth
}

/// Synthetic, labelled DeviceNetworkEvents: browsing noise, traffic the query ignores, benign periodic
/// services and agents, and injected C2 beacons, written in time order with a truth file beside them.
public enum SyntheticDataGenerator {
    /// Writes the data to `outputPath` (gzip when it ends in `.gz`) and the truth to
    /// `TruthFile.path(for: outputPath)`.
    public static func generate(_ config: GeneratorConfig, to outputPath: String) throws -> GenerationResult {
        if let problem = config.problem { throw GeneratorConfigError(message: problem) }
        var scenario = Scenario(config)
        let truth = Expectation.groundTruth(scenario)
        let anchor = scenario.anchorEvent()
        let budget = max(0, config.events - truth.seriesEvents - 1)
        let noise = NoisePlan.sources(&scenario, budget: budget)
        let sources: [any EventSource] = [SingleEvent(anchor)] + scenario.series.map(\.source) + noise

        let compressed = outputPath.hasSuffix(".gz")
        let file = try FileSink(path: outputPath)
        let sink: ByteSink = compressed ? try Gzip.sink(file: file) : file
        var output = try write(MergedEvents(sources), table: scenario.table, fleet: scenario.fleet,
                               format: config.format, to: sink, path: outputPath, compressed: compressed)
        output.bytes = file.bytesWritten

        let truthPath = TruthFile.path(for: outputPath)
        let truthSink = try FileSink(path: truthPath)
        let text = Array(TruthFile.render(truth, output: output).utf8)
        try text.withUnsafeBytes { try truthSink.write($0) }
        try truthSink.close()
        return GenerationResult(output: output, truthPath: truthPath, truth: truth)
    }

    static func write(_ events: MergedEvents, table: StringTable, fleet: Fleet, format: GeneratedFormat,
                      to sink: ByteSink, path: String, compressed: Bool) throws -> WrittenFile {
        var events = events
        let buffer = OutputBuffer(sink: sink)
        let encoder = RowEncoder(format: format, table: table, fleet: fleet, buffer: buffer)
        try encoder.writeHeader()
        var count = 0
        var first: Int64?
        var last: Int64?
        while let event = events.next() {
            try encoder.write(event)
            if first == nil { first = event.ticks }
            last = event.ticks
            count += 1
        }
        try buffer.finish()
        return WrittenFile(path: path, compressed: compressed, events: count, bytes: buffer.bytesWritten,
                           firstTicks: first, lastTicks: last)
    }
}

public struct GeneratorConfigError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// One fixed event: the anchor at `--end`.
struct SingleEvent: EventSource {
    private var event: GeneratedEvent?

    init(_ event: GeneratedEvent) { self.event = event }

    mutating func next() -> GeneratedEvent? {
        defer { event = nil }
        return event
    }
}
