import BeaconIngest
import Foundation
import Testing

/// One malformed input: its bytes (or how to make it on disk) and what loading it must give, worked out
/// from how it was made.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    var name: String
    var format: CorpusFormat
    var content: Content
    var expected: Expectation

    enum Content: Sendable {
        case bytes([UInt8])
        /// A directory where the file should be.
        case directory
        /// A file the process cannot read.
        case unreadable([UInt8])
        /// A named pipe (FIFO) with no writer: opening it would block.
        case fifo
        /// A symbolic link to itself.
        case symlinkLoop
    }

    enum Expectation: Sendable {
        /// The file loads: this many good rows, and every issue on one of `faultyLines`; `required` issues
        /// (line, field) must be among them.
        case rows(loaded: ClosedRange<Int>, faultyLines: Set<Int>, required: [RequiredIssue])
        /// The whole file is refused with this kind of error.
        case fileError(LoadErrorKind)
    }

    struct RequiredIssue: Sendable, Equatable {
        var line: Int
        /// nil: the problem is the record's shape (cut short, broken JSON), not one cell.
        var field: String?
    }

    enum LoadErrorKind: String, Sendable {
        case empty, missingColumns, corruptGzip, unreadable, noFiles, invalidJSON, unknownFormat, notRegularFile

        func matches(_ error: LoadError) -> Bool {
            switch (self, error) {
            case (.empty, .empty), (.missingColumns, .missingColumns), (.corruptGzip, .corruptGzip),
                 (.unreadable, .unreadable), (.noFiles, .noFiles), (.invalidJSON, .invalidJSON),
                 (.unknownFormat, .unknownFormat), (.notRegularFile, .notRegularFile): true
            default: false
            }
        }
    }

    var fileName: String { "\(format.rawValue)-\(name).\(format.fileExtension)" }
    var testDescription: String { fileName }
}
