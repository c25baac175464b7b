import Triage
@testable import TriageApp

/// The effects an update step asked for, read the way the tests ask about them.
extension Array where Element == Effect {
    var exportRequest: ExportRequest? {
        for case .export(let request) in self { return request }
        return nil
    }

    var queryRequest: QueryFileRequest? {
        for case .writeQuery(let request) in self { return request }
        return nil
    }

    var preparation: PreparationRequest? {
        for case .prepare(let request) in self { return request }
        return nil
    }

    /// The decisions of each save asked for.
    var saves: [[TriageDecision]] {
        compactMap { if case .save(let decisions) = $0 { decisions } else { nil } }
    }

    var names: [String] { map(\.name) }
}
