import BeaconIngest
import CFuzzerDriver
import Foundation
import TOML
import Triage
import TriageUI

/// The readers and parsers a fuzz run can drive; `BEACON_FUZZ_TARGET` names one (see Fuzz/run.sh).
///
/// The event readers are all entered through `EventLoader.load(bytes:name:)`, as the CLI enters them: format
/// detection is part of what is fuzzed, and each target's seed corpus (built from that format's fixtures)
/// is what keeps its mutations inside its reader.
enum FuzzTarget: String, CaseIterable {
    case defenderCSV = "defender-csv"
    case defenderJSON = "defender-json"
    case windowsJSON = "windows-json"
    case windowsXML = "windows-xml"
    case zeekTSV = "zeek-tsv"
    case zeekJSON = "zeek-json"
    case kustoResult = "kusto-result"
    case triageTOML = "triage-toml"
    case filter
    case theme

    /// Feeds one input to the reader; anything but a crash, a sanitizer report or a hang is a pass.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .defenderCSV, .defenderJSON, .windowsJSON, .windowsXML, .zeekTSV, .zeekJSON, .kustoResult:
            do {
                let loaded = try EventLoader.load(bytes: bytes, name: "fuzz-input")
                // The messages are built from the data too: render them as the CLI would.
                for issue in loaded.issues { _ = issue.description }
                for file in loaded.files { _ = file.notes }
            } catch {
                _ = String(describing: error)
            }
        case .triageTOML:
            switch TriageFileFormat.parse(bytes, file: "fuzz.triage.toml") {
            case .success(let decisions): _ = TriageFileFormat.render(decisions)
            case .failure(let error): _ = error.description
            }
            checkTOMLRoundTrip(bytes)
        case .filter:
            switch BeaconFilter.parse(String(decoding: bytes, as: UTF8.self)) {
            case .success(let filter): _ = filter.terms.count
            case .failure(let error): _ = error.message
            }
        case .theme:
            let loaded = ThemeFile.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.toml")
            for diagnostic in loaded.diagnostics { _ = diagnostic.description }
            checkTOMLRoundTrip(bytes)
        }
    }
}

/// An oracle besides "no crash": a document that parses, written back as TOML (`tomlText`, every table
/// inline), must parse again to the same values. A difference stops the run like a crash would.
func checkTOMLRoundTrip(_ bytes: [UInt8]) {
    guard let table = try? TOMLDocument.parse(bytes: bytes) else { return }
    // A key in double quotes is always a valid key; the string's escaping is tomlText's.
    let text = table.entries.map { TOMLValue.string($0.key).tomlText + " = " + $0.value.tomlText }.joined(separator: "\n")
    do {
        let again = try TOMLDocument.parse(text)
        guard equivalent(.table(table), .table(again)) else { fatalError("round trip changed the values:\n\(text)") }
    } catch {
        // Written inline, tables nest deeper than their headers did: only the depth limit may refuse them.
        guard error.message.contains("nested more than") else { fatalError("round trip does not parse: \(error)\n\(text)") }
    }
}

/// Equality with NaN equal to NaN.
func equivalent(_ a: TOMLValue, _ b: TOMLValue) -> Bool {
    switch (a, b) {
    case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.array(let xs), .array(let ys)): return xs.count == ys.count && zip(xs, ys).allSatisfy(equivalent)
    case (.table(let x), .table(let y)):
        return x.keys == y.keys && x.entries.allSatisfy { entry in y[entry.key].map { equivalent(entry.value, $0) } ?? false }
    default: return a == b
    }
}

/// The target this process fuzzes, read once: a process runs one target for its whole life.
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["BEACON_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
        FileHandle.standardError.write(Data("set BEACON_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(64)
    }
    return target
}()

/// libFuzzer's entry point: one input, by address and length.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    selectedTarget.run(bytes)
    return 0
}

/// SwiftPM points an executable's `main` at its module's entry point (`beacon_fuzz_main`), which must exist
/// for the link to succeed: it hands the command line to libFuzzer's driver, as libFuzzer's own `main` does.
@main
enum BeaconFuzz {
    static func main() {
        _ = selectedTarget
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { start, count in fuzzOneInput(start, count) })
    }
}
