extension InputLimits {
    /// The issue reported for a record or field beyond `maximumLineBytes`: `what` is "record", "element 3",
    /// "a field"; the size is given so the analyst can tell a hostile value from a format mix-up.
    static func beyondLimit(_ what: String, bytes: Int) -> String {
        let megabytes = Double(bytes) / 1_048_576
        return "\(what) is \(megabytes >= 100 ? "\(Int(megabytes))" : String(format: "%.1f", megabytes)) MiB, "
            + "beyond the \(maximumLineBytes >> 20) MiB limit on one line or field: skipped unread"
    }
}
