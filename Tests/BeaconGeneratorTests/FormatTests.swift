import BeaconEngine
import BeaconIngest
import Foundation
import Testing
@testable import BeaconGenerator

@Suite struct FormatTests {
    static let header = "Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,LocalIP,LocalPort,Protocol,InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain,InitiatingProcessId"

    @Test func csvHeaderAndRows() throws {
        let day = try sharedDay.get()
        #expect(day.firstLines[0] == Self.header)
        var previous = ""
        var fractions = Set<String>()
        for line in day.firstLines.dropFirst() {
            let fields = splitCSVLine(line)
            #expect(fields.count == 15, "\(line)")
            let timestamp = fields[0]
            // 2026-11-19T00:00:01.0841783Z: 7 fractional digits, UTC, and in order.
            #expect(timestamp.count == 28 && timestamp.hasSuffix("Z") && timestamp.hasPrefix("2026-11-19T"))
            #expect(TimestampParser.parse(Substring(timestamp)) != nil)
            #expect(timestamp >= previous)
            previous = timestamp
            fractions.insert(String(timestamp.dropFirst(20).prefix(7)))
            #expect(fields[1].count == 40 && fields[1].allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(fields[2].hasSuffix(".corp.contoso.com"))
            #expect(fields[5].isEmpty || Int(fields[5]) != nil)
            #expect(Int(fields[9]) != nil && Int(fields[14]) != nil)
            #expect(fields[10] == "Tcp" || fields[10] == "Udp")
        }
        // Real sub-second ticks, not whole seconds.
        #expect(fractions.count > 40)
        #expect(!fractions.contains("0000000"))
    }

    @Test func urlsWithCommasAreQuoted() {
        #expect(csvField("https://a.example.com/search?q=report,quarterly") == Array("\"https://a.example.com/search?q=report,quarterly\"".utf8))
        #expect(csvField("say \"hi\"") == Array("\"say \"\"hi\"\"\"".utf8))
        #expect(csvField("plain.example.com") == Array("plain.example.com".utf8))
        #expect(jsonString("a\"b\\c\n") == Array("\"a\\\"b\\\\c\\n\"".utf8))
        #expect(jsonString("\u{1}") == Array("\"\\u0001\"".utf8))
    }

    @Test func timestampsAreKustoDatetimes() throws {
        let scratch = try Scratch("timestamps")
        defer { scratch.cleanUp() }
        let sink = try FileSink(path: scratch.path("t.txt"))
        let buffer = OutputBuffer(sink: sink)
        let encoder = TimestampEncoder()
        // 2024-02-29T23:59:59.9999999Z = 1709251199 s (date -u -d 2024-02-29T23:59:59 +%s) + 9999999 ticks.
        encoder.append(1_709_251_199 * 10_000_000 + 9_999_999, to: buffer)
        buffer.append(0x0A)
        encoder.append(1_709_251_200 * 10_000_000 + 1, to: buffer)
        try buffer.finish()
        let text = try String(contentsOfFile: scratch.path("t.txt"), encoding: .utf8)
        #expect(text == "2024-02-29T23:59:59.9999999Z\n2024-03-01T00:00:00.0000001Z")
    }

    @Test func jsonLinesHaveTheSameColumnsWithNumericPorts() throws {
        let scratch = try Scratch("jsonl")
        defer { scratch.cleanUp() }
        var config = GeneratorConfig()
        config.devices = 20
        config.hours = 2
        config.events = 20_000
        config.format = .jsonl
        let result = try SyntheticDataGenerator.generate(config, to: scratch.path("x.jsonl"))
        #expect(result.truthPath == scratch.path("x.truth.json"))
        let text = try String(contentsOfFile: scratch.path("x.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == result.output.events)
        var sawNullPort = false
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(generatedColumns))
            if object["RemotePort"] is NSNull { sawNullPort = true } else { #expect(object["RemotePort"] is NSNumber) }
            #expect(object["LocalPort"] is NSNumber && object["InitiatingProcessId"] is NSNumber)
            #expect(object["Timestamp"] is String)
        }
        #expect(sawNullPort, "listening events carry a null RemotePort")
        let loaded = try EventLoader.load(paths: [scratch.path("x.jsonl")])
        #expect(loaded.skippedRows == 0 && loaded.table.count == result.output.events)
    }

    @Test
    func gzipOutputReadsBackIdentically() throws {
        let scratch = try Scratch("gzip")
        defer { scratch.cleanUp() }
        var config = GeneratorConfig()
        config.devices = 20
        config.hours = 3
        config.events = 8000
        let plain = try SyntheticDataGenerator.generate(config, to: scratch.path("x.csv"))
        let packed = try SyntheticDataGenerator.generate(config, to: scratch.path("y.csv.gz"))
        #expect(packed.truthPath == scratch.path("y.truth.json"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path("y.csv.gz")))
        #expect(bytes.prefix(2) == Data([0x1F, 0x8B]))
        #expect(packed.output.bytes < plain.output.bytes / 4)
        let a = try EventLoader.load(paths: [scratch.path("x.csv")]), b = try EventLoader.load(paths: [scratch.path("y.csv.gz")])
        #expect(b.files[0].compressed && b.skippedRows == 0)
        #expect(a.table.count == b.table.count && a.table.timestamp == b.table.timestamp)
    }
}
