import BeaconEngine
import KQL
import BeaconIngest

extension InputFiles {
    /// What the analyst should know about how the files were read, as the console's warnings: the notes
    /// of each file, files left out, merged duplicates and malformed rows (the first few by file:line).
    /// The per-file "loaded N events" lines are not warnings; `analyze` prints them with these.
    static func warnings(_ loaded: LoadResult) -> [String] {
        var lines: [String] = []
        for file in loaded.files {
            for note in file.notes { lines.append("\(terminalSafe(file.path)): \(note)") }
        }
        for leftOut in loaded.filesLeftOut { lines.append("left out \(leftOut)") }
        if loaded.mergedDuplicates > 0 {
            lines.append("\(loaded.mergedDuplicates) Security 5156 records merged into the Sysmon record of the same connection (--provider to choose one)")
        }
        lines += loaded.issues.map { "\($0)" }
        if loaded.skippedRows > loaded.issues.count {
            lines.append("... and \(loaded.skippedRows - loaded.issues.count) more malformed rows")
        }
        return lines
    }
}
