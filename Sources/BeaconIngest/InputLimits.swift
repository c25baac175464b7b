/// Limits on the size of what one input holds, so that hostile or broken input ends in a clear message
/// rather than in memory exhaustion (docs/ROBUSTNESS.md).
public enum InputLimits {
    /// The longest line (without its line feed) a line-oriented reader takes in: a longer one is skipped
    /// and reported with its file:line, and never held in memory whole.
    public static let maximumLineBytes = 16 << 20
}
