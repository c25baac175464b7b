/// How process names compare wherever the analyst names one (marks, the known-benign catalogue, the
/// filter, the KQL the console writes): Windows file names are case-insensitive, so `PowerShell.exe` is
/// the program `powershell.exe`, and a mark on one must cover the other. Only ASCII letters fold, as the
/// catalogue's matcher does (`asciiCaseInsensitiveEqual`); Kusto's `=~` may fold further, which the
/// generated queries say where they use it. Composed and decomposed spellings stay apart (byte for byte
/// otherwise), since the query groups them as different processes.
///
/// The query's own grouping is not this rule: Kusto's `summarize by` keeps `PowerShell.exe` and
/// `powershell.exe` as two beacons, and so does `BeaconKey`.
public enum ProcessName {
    /// Equal but for the case of ASCII letters.
    public static func equal(_ a: String, _ b: String) -> Bool {
        asciiCaseInsensitiveEqual(a, b)
    }

    /// The bytes `equal` compares: UTF-8 with ASCII letters lowered, for hashing what `equal` equates.
    public static func folded(_ name: String) -> [UInt8] {
        name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    }
}
