import KQL

/// The most characters Excel keeps in a cell: a longer cell is cut off, or (for a delta list of a busy
/// beacon) breaks the sheet's import. LibreOffice and Google Sheets accept more, so this is the limit to keep.
public let spreadsheetCellLimit = 32_767

/// A CSV cell's text cut to `spreadsheetCellLimit` UTF-16 code units (what Excel counts), with a marker that
/// says how much was left out and where the whole value is: `fullValue` ends "full list …" (`in the JSON
/// export`, `with --format json`). A list is cut between values and keeps its closing bracket, so the prefix
/// still reads as the start of the series; any other text is cut between characters. `text` is already
/// escaped (`terminalSafe`), and a list's kept elements are escaped the same way. Text within the limit is
/// returned as it is.
func fittedToCellLimit(_ text: String, value: OutputValue, fullValue: String) -> String {
    guard text.utf16.count > spreadsheetCellLimit else { return text }
    switch value {
    case .longArray(let values): return cutList(values.map(String.init), fullValue: fullValue)
    case .stringArray(let values): return cutList(values.map { terminalSafe(jsonString($0)) }, fullValue: fullValue)
    default: return cutText(text, fullValue: fullValue)
    }
}

/// The most leading elements whose JSON, with the marker for the rest, fits the limit.
private func cutList(_ elements: [String], fullValue: String) -> String {
    func marker(_ left: Int) -> String {
        "… (\(WindowFit.grouped(left)) more value\(left == 1 ? "" : "s"); full list \(fullValue))]"
    }
    var length = 1  // "["
    var kept = 0
    for (index, element) in elements.enumerated() {
        // The element, its comma before the marker, and the marker for what would then be left.
        let next = length + element.utf16.count + 1
        guard next + marker(elements.count - index - 1).utf16.count <= spreadsheetCellLimit else { break }
        length = next
        kept = index + 1
    }
    let prefix = elements[..<kept].map { $0 + "," }.joined()
    return "[" + prefix + marker(elements.count - kept)
}

/// The most leading characters that, with the marker for the rest, fit the limit.
private func cutText(_ text: String, fullValue: String) -> String {
    let characters = Array(text)
    func marker(_ left: Int) -> String {
        "… (\(WindowFit.grouped(left)) more character\(left == 1 ? "" : "s"); full text \(fullValue))"
    }
    var length = 0
    var kept = 0
    for (index, character) in characters.enumerated() {
        let next = length + character.utf16.count
        guard next + marker(characters.count - index - 1).utf16.count <= spreadsheetCellLimit else { break }
        length = next
        kept = index + 1
    }
    return String(characters[..<kept]) + marker(characters.count - kept)
}
