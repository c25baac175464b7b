/// Bounds on what one piece of input may hold, so that a hostile or corrupt file is refused piece by
/// piece (the rest still loads) instead of being inflated whole in memory.
public enum InputLimits {
    /// The longest line or record read, in bytes (16 MiB): far beyond any real event, small enough that
    /// skipping one costs no more memory than a few read blocks.
    public static let maximumLineBytes = 16 << 20
}
