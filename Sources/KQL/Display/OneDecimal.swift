/// A measure as people read it: rounded to one decimal (halves away from zero, as `rounded()` does),
/// no trailing `.0` (`12.04` → `12`, `12.05` → `12.1`, `-0.25` → `-0.3`); `NaN`, `∞` and `-∞` spelled
/// out. The one number format of the explain trail, the list, the detail pane, reports and the
/// generator's expectations, so that one value reads the same everywhere.
///
/// From 10^15 on the value is printed as Swift prints a `Double` (`1e+16`): no measure gets there, and
/// an integer conversion would trap on the largest ones.
public func formatOneDecimal(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "∞" : "-∞" }
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
    return String(rounded)
}
