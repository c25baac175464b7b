/// Every `let` of the query, plus the switches for its quirks: the basis a preparation depends on and the
/// thresholds a decision applies, kept apart so that telling "prepare again" from "decide again" is a
/// comparison of bases. Their fields read and write through this value (`parameters.jitter`,
/// `parameters.mode`).
@dynamicMemberLookup
public struct QueryParameters: Sendable, Equatable {
    public var basis: QueryBasis
    public var thresholds: Thresholds

    public init(basis: QueryBasis = QueryBasis(), thresholds: Thresholds = Thresholds()) {
        self.basis = basis
        self.thresholds = thresholds
    }

    public init(mode: QueryMode) {
        self.init(basis: QueryBasis(mode: mode))
    }

    public subscript<Value>(dynamicMember path: WritableKeyPath<QueryBasis, Value>) -> Value {
        get { basis[keyPath: path] }
        set { basis[keyPath: path] = newValue }
    }

    public subscript<Value>(dynamicMember path: KeyPath<QueryBasis, Value>) -> Value { basis[keyPath: path] }

    public subscript<Value>(dynamicMember path: WritableKeyPath<Thresholds, Value>) -> Value {
        get { thresholds[keyPath: path] }
        set { thresholds[keyPath: path] = newValue }
    }

    /// The low-side outlier threshold: `-1 * OutlierCountMax` as written (Q2), `-OutlierThresholdMax` corrected.
    public var lowOutlierThreshold: Double {
        basis.mode == .faithful ? -Double(thresholds.outlierCountMax) : -thresholds.outlierMax
    }
}
