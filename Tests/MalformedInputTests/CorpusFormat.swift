import Foundation

/// The input formats the corpus covers, each with a clean base document of `recordCount` records cut from a
/// real fixture, every one of them an event (or result row) the reader loads.
enum CorpusFormat: String, CaseIterable, Sendable {
    case defenderCSV = "defender-csv"
    case defenderJSONArray = "defender-json-array"
    case defenderJSONLines = "defender-json-lines"
    case advancedHunting = "defender-advanced-hunting"
    case windowsJSON = "windows-json"
    case windowsXML = "windows-xml"
    case zeekTSV = "zeek-tsv"
    case zeekJSON = "zeek-json"
    case kustoCSV = "kusto-result-csv"
    case kustoJSON = "kusto-result-json"

    static let recordCount = 10

    /// The file extension a corpus file of this format gets (the loader ignores it; people reading the list do not).
    var fileExtension: String {
        switch self {
        case .defenderCSV, .kustoCSV: "csv"
        case .defenderJSONArray, .advancedHunting, .kustoJSON: "json"
        case .defenderJSONLines, .windowsJSON, .zeekJSON: "jsonl"
        case .windowsXML: "xml"
        case .zeekTSV: "log"
        }
    }

    /// The names of the time, remote port and remote address in this format, as the reader reports them.
    var timeField: String {
        switch self {
        case .defenderCSV, .defenderJSONArray, .defenderJSONLines, .advancedHunting: "Timestamp"
        case .windowsJSON: "UtcTime"
        case .windowsXML: "TimeCreated"
        case .zeekTSV, .zeekJSON: "ts"
        case .kustoCSV, .kustoJSON: "min_Timestamp"
        }
    }
    var portField: String {
        switch self {
        case .defenderCSV, .defenderJSONArray, .defenderJSONLines, .advancedHunting, .kustoCSV, .kustoJSON: "RemotePort"
        case .windowsJSON: "DestinationPort"
        case .windowsXML: "DestPort"
        case .zeekTSV, .zeekJSON: "id.resp_p"
        }
    }
    var addressField: String {
        switch self {
        case .defenderCSV, .defenderJSONArray, .defenderJSONLines, .advancedHunting, .kustoCSV, .kustoJSON: "RemoteIP"
        case .windowsJSON: "DestinationIp"
        case .windowsXML: "DestAddress"
        case .zeekTSV, .zeekJSON: "id.resp_h"
        }
    }

    /// A time the format's syntax allows but no calendar (or Kusto's datetime range) does, and one far ahead.
    var timeOutOfRange: String {
        switch self {
        case .defenderCSV, .defenderJSONArray, .defenderJSONLines, .advancedHunting, .kustoCSV, .kustoJSON:
            "2020-13-07T18:32:07.339Z"                       // month 13
        case .windowsJSON: "2020-08-32 18:32:07.339"         // 32 August
        case .windowsXML: "2024-02-30T10:00:05.0000000Z"     // 30 February
        case .zeekTSV, .zeekJSON: "253402300800"             // 10000-01-01, past Kusto's last datetime
        }
    }
    var timeInTheFuture: String {
        switch self {
        case .defenderCSV, .defenderJSONArray, .defenderJSONLines, .advancedHunting, .kustoCSV, .kustoJSON:
            "2099-08-07T18:32:07.339Z"
        case .windowsJSON: "2099-08-07 18:32:07.339"
        case .windowsXML: "2099-03-01T10:00:05.0000000Z"
        case .zeekTSV, .zeekJSON: "4102444800.5"             // 2100-01-01T00:00:00.5Z
        }
    }

    var isJSON: Bool {
        switch self {
        case .defenderJSONArray, .defenderJSONLines, .advancedHunting, .windowsJSON, .zeekJSON, .kustoJSON: true
        case .defenderCSV, .windowsXML, .zeekTSV, .kustoCSV: false
        }
    }
    /// One document (an array) rather than one record a line: a record's damage can reach past its line.
    var isOneDocument: Bool { self == .defenderJSONArray || self == .advancedHunting || self == .kustoJSON }
    var isCSV: Bool { self == .defenderCSV || self == .kustoCSV }
}

/// One record as named cells, in the order they are written.
struct CorpusRecord: Sendable {
    var names: [String]
    var values: [String]

    subscript(name: String) -> String? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            guard let index = names.firstIndex(of: name) else { return }
            if let newValue { values[index] = newValue } else { names.remove(at: index); values.remove(at: index) }
        }
    }
}

/// A document as lines: the lines before the records, one line per record, the lines after.
struct CorpusText: Sendable {
    var head: [String]
    var records: [String]
    var tail: [String]

    /// The 1-based line record `index` (0-based) is on.
    func line(ofRecord index: Int) -> Int { head.count + index + 1 }

    var bytes: [UInt8] { Array(((head + records + tail).joined(separator: "\n") + "\n").utf8) }
}
