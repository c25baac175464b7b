import Testing
@testable import TOML

/// Parses `text`, recording the error as a test failure.
func parsed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> TOMLTable? {
    do {
        return try TOMLDocument.parse(text)
    } catch {
        Issue.record("\(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The error `text` gives, recording a test failure when it parses.
func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> TOMLError? {
    do {
        let table = try TOMLDocument.parse(text)
        Issue.record("parsed: \(table.keys)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
