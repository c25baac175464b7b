import Foundation
import TOML

// Reads TOML files with beacon-triage's parser and prints, per file, one JSON line: the parsed document in
// the tagged form of toml-test (every scalar as {"type": …, "value": …}), or the error with its line and
// column. Fuzz/toml_differential.py compares these lines with Python's tomllib.
//
//   toml-dump FILE|DIR...     (a folder: its files, by name)

func json(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

func tagged(_ type: String, _ value: String) -> String { "{\"type\":\(json(type)),\"value\":\(value)}" }

func dateFields(_ date: TOMLDate?, _ time: TOMLTime?, _ offset: Int?) -> String {
    var fields: [String] = []
    if let date { fields += ["\"year\":\(date.year)", "\"month\":\(date.month)", "\"day\":\(date.day)"] }
    if let time {
        fields += ["\"hour\":\(time.hour)", "\"minute\":\(time.minute)", "\"second\":\(time.second)", "\"nanosecond\":\(time.nanosecond)"]
    }
    if let offset { fields.append("\"offset\":\(offset)") }
    return "{" + fields.joined(separator: ",") + "}"
}

func dump(_ value: TOMLValue) -> String {
    switch value {
    case .string(let text): return tagged("string", json(text))
    case .integer(let number): return tagged("integer", json(String(number)))
    case .float(let number):
        let text = number.isNaN ? "nan" : number.isInfinite ? (number < 0 ? "-inf" : "inf") : "\(number)"
        return tagged("float", json(text))
    case .boolean(let flag): return tagged("bool", json(flag ? "true" : "false"))
    case .offsetDateTime(let date, let time, let offset): return tagged("datetime", dateFields(date, time, offset))
    case .localDateTime(let date, let time): return tagged("datetime-local", dateFields(date, time, nil))
    case .localDate(let date): return tagged("date-local", dateFields(date, nil, nil))
    case .localTime(let time): return tagged("time-local", dateFields(nil, time, nil))
    case .array(let items): return "[" + items.map(dump).joined(separator: ",") + "]"
    case .table(let table): return dump(table)
    }
}

func dump(_ table: TOMLTable) -> String {
    "{" + table.entries.map { json($0.key) + ":" + dump($0.value) }.joined(separator: ",") + "}"
}

var paths: [String] = []
for argument in CommandLine.arguments.dropFirst() {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
        paths += names.sorted().map { argument + "/" + $0 }
    } else {
        paths.append(argument)
    }
}
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("{\"file\":\(json(path)),\"unreadable\":true}")
        continue
    }
    do {
        let table = try TOMLDocument.parse(bytes: Array(data))
        print("{\"file\":\(json(path)),\"ok\":true,\"value\":\(dump(table))}")
    } catch {
        print("{\"file\":\(json(path)),\"ok\":false,\"line\":\(error.line),\"column\":\(error.column),\"message\":\(json(error.message))}")
    }
}
