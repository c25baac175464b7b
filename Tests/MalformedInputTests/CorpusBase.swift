import Foundation
import Testing

/// The clean documents the mutations start from: `CorpusFormat.recordCount` records of a real fixture per
/// format, and how each format writes them.
enum CorpusBase {
    static let defenderFixture = "Tests/EndToEndTests/Fixtures/empire_psinject_PEinjection.sysmon3.csv"
    static let sysmonFixture = "Tests/EndToEndTests/Fixtures/native/otrf-mordor-empire-sysmon/original/empire_psinject_PEinjection.net.jsonl.gz"
    static let xmlFixture = "Tests/BeaconIngestTests/Fixtures/windows-events.xml"
    static let zeekFixture = "Tests/EndToEndTests/Fixtures/native/rita-zeek-beacons/original/proxy/conn.log"

    // MARK: Records

    static func records(_ format: CorpusFormat) throws -> [CorpusRecord] {
        switch format {
        case .defenderCSV, .defenderJSONArray, .defenderJSONLines, .advancedHunting: try defenderRows()
        case .kustoCSV, .kustoJSON: try defenderRows().map(resultRow)
        case .windowsJSON: try sysmonRecords()
        case .windowsXML: xmlRecords()
        case .zeekTSV, .zeekJSON: try zeekLog().records
        }
    }

    /// The first rows of the Sysmon 3 export (Defender's columns): outbound connections with every cell valid.
    static func defenderRows() throws -> [CorpusRecord] {
        let lines = try FixtureData.lines(defenderFixture)
        let header = csvCells(lines[0])
        return lines[1...CorpusFormat.recordCount].map { CorpusRecord(names: header, values: csvCells($0)) }
    }

    /// A Defender row as the hunting query's output row of its beacon, as the portal exports it.
    static func resultRow(_ row: CorpusRecord) -> CorpusRecord {
        let copied = ["DeviceId", "DeviceName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain",
                      "InitiatingProcessFileName", "RemoteIP", "RemotePort"]
        return CorpusRecord(names: copied + ["dcount_DeviceId", "count_", "min_Timestamp", "TimeDeltaList", "Jitter", "Domains"],
                            values: copied.map { row[$0] ?? "" } + ["1", "4", row["Timestamp"] ?? "", "[60,60,60]", "0", "[]"])
    }

    /// Sysmon event 3 records of the Mordor capture (nxlog JSON), outbound; values kept as JSON text.
    static func sysmonRecords() throws -> [CorpusRecord] {
        let lines = try FixtureData.lines(sysmonFixture)
            .filter { $0.contains("\"EventID\":3,") && $0.contains("\"Initiated\":\"true\"") }
        return try lines.prefix(CorpusFormat.recordCount).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let names = object.keys.sorted()
            return CorpusRecord(names: names, values: names.map { fragment(object[$0]!) })
        }
    }

    static func fragment(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]),
               as: UTF8.self)
    }

    /// The fixture's outbound Security 5156 event (svchost to a DNS server) on one line; its time, source
    /// port and the values the mutations change are cells, one minute apart from record to record.
    static func xmlRecords() -> [CorpusRecord] {
        (0..<CorpusFormat.recordCount).map { index in
            CorpusRecord(names: ["TimeCreated", "SourcePort", "DestAddress", "DestPort"],
                         values: [String(format: "2024-03-01T10:%02d:05.0000000Z", index), String(50002 + index),
                                  "2001:DB8:0:0:1:0:0:1", "53"])
        }
    }

    static func xmlTemplate() throws -> String {
        let text = String(decoding: try FixtureData.bytes(xmlFixture), as: UTF8.self)
        let events = text.components(separatedBy: "<Event xmlns=")
        let event = "<Event xmlns=" + events[3].components(separatedBy: "</Event>")[0] + "</Event>"
        return event.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
    }

    /// The proxy capture's conn.log: its header lines, `#close`, and its first records.
    static func zeekLog() throws -> (head: [String], types: [String: String], records: [CorpusRecord], close: String) {
        let lines = try FixtureData.lines(zeekFixture)
        let head = Array(lines.prefix { $0.hasPrefix("#") })
        let fields = head.first { $0.hasPrefix("#fields") }!.split(separator: "\t").dropFirst().map(String.init)
        let kinds = head.first { $0.hasPrefix("#types") }!.split(separator: "\t").dropFirst().map(String.init)
        let records = lines[head.count..<(head.count + CorpusFormat.recordCount)].map {
            CorpusRecord(names: fields, values: $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
        }
        return (head, Dictionary(uniqueKeysWithValues: zip(fields, kinds)), records, lines.last { $0.hasPrefix("#close") }!)
    }

    // MARK: Writing

    static func render(_ format: CorpusFormat, _ records: [CorpusRecord]) throws -> CorpusText {
        let names = records.first?.names ?? []
        switch format {
        case .defenderCSV, .kustoCSV:
            return CorpusText(head: [csvLine(names)], records: records.map { csvLine($0.values) }, tail: [])
        case .defenderJSONLines:
            return CorpusText(head: [], records: records.map { jsonText(defenderObject($0)) }, tail: [])
        case .defenderJSONArray, .kustoJSON:
            let objects = records.map { jsonText(format == .kustoJSON ? resultObject($0) : defenderObject($0)) }
            return CorpusText(head: ["["], records: commaSeparated(objects), tail: ["]"])
        case .advancedHunting:
            let schema = jsonText(names.map { ["Name": $0, "Type": $0 == "RemotePort" ? "Int32" : "String"] })
            return CorpusText(head: ["{\"Schema\":\(schema),\"Results\":["],
                              records: commaSeparated(records.map { jsonText(defenderObject($0)) }), tail: ["]}"])
        case .windowsJSON:
            return CorpusText(head: [], records: records.map { record in
                "{" + zip(record.names, record.values).map { String(jsonText([$0]).dropFirst().dropLast()) + ":" + $1 }
                    .joined(separator: ",") + "}"
            }, tail: [])
        case .windowsXML:
            let template = try xmlTemplate()
            return CorpusText(head: ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Events>"],
                              records: records.map { xmlEvent(template, $0) }, tail: ["</Events>"])
        case .zeekTSV:
            let log = try zeekLog()
            let head = log.head.map { $0.hasPrefix("#fields") ? (["#fields"] + names).joined(separator: "\t") : $0 }
            return CorpusText(head: head, records: records.map { $0.values.joined(separator: "\t") }, tail: [log.close])
        case .zeekJSON:
            let types = try zeekLog().types
            return CorpusText(head: [], records: records.map { jsonText(zeekObject($0, types: types)) }, tail: [])
        }
    }

    private static func commaSeparated(_ items: [String]) -> [String] {
        items.enumerated().map { $0.offset < items.count - 1 ? $0.element + "," : $0.element }
    }

    /// RemotePort as the API writes it: a number, null when empty; the rest strings.
    static func defenderObject(_ record: CorpusRecord) -> [String: Any] {
        var object: [String: Any] = [:]
        for (name, value) in zip(record.names, record.values) {
            object[name] = name == "RemotePort" ? (Int(value).map { $0 as Any } ?? (value.isEmpty ? NSNull() : value)) : value
        }
        return object
    }

    static func resultObject(_ record: CorpusRecord) -> [String: Any] {
        var object = defenderObject(record)
        for name in ["TimeDeltaList", "Domains"] {
            if let text = record[name] { object[name] = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) ?? text }
        }
        for name in ["dcount_DeviceId", "count_", "Jitter"] {
            if let text = record[name] { object[name] = Int(text).map { $0 as Any } ?? text }
        }
        return object
    }

    /// Zeek's JSON writer: unset fields left out, numbers and booleans typed by `#types`.
    static func zeekObject(_ record: CorpusRecord, types: [String: String]) -> [String: Any] {
        var object: [String: Any] = [:]
        for (name, value) in zip(record.names, record.values) where value != "-" {
            switch types[name] ?? "string" {
            case "time", "interval", "double": object[name] = Double(value).map { $0 as Any } ?? value
            case "port", "count", "int": object[name] = Int(value).map { $0 as Any } ?? value
            case "bool": object[name] = value == "T"
            case let kind where kind.hasPrefix("set[") || kind.hasPrefix("vector["): object[name] = value.split(separator: ",").map(String.init)
            default: object[name] = value
            }
        }
        return object
    }

    static func xmlEvent(_ template: String, _ record: CorpusRecord) -> String {
        var event = template
        event = event.replacingOccurrences(of: "SystemTime='2024-03-01T10:00:05.0000000Z'",
                                           with: "SystemTime='\(record["TimeCreated"] ?? "")'")
        for name in ["SourcePort", "DestAddress", "DestPort"] {
            let original = ["SourcePort": "50002", "DestAddress": "2001:DB8:0:0:1:0:0:1", "DestPort": "53"][name]!
            event = event.replacingOccurrences(of: "<Data Name='\(name)'>\(original)</Data>",
                                               with: "<Data Name='\(name)'>\(record[name] ?? "")</Data>")
        }
        return event
    }
}
