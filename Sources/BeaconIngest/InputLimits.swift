/// Limits on the input that keep one hostile or broken record from taking the process's memory.
public enum InputLimits {
    /// The documented 16 MiB limit on one line or field (docs/INPUT-FORMATS.md, "Limits"): a record or
    /// field beyond it is skipped and reported with file:line, never inflated into a value of its own.
    public static let maximumLineBytes = 16 << 20
}
