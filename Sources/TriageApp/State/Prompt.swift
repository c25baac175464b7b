import Triage

/// A question the console is asking; while one is open, keys answer it instead of acting on the list.
public enum Prompt: Equatable, Sendable {
    /// `f`: which beacons the false-positive mark covers.
    case markScope(selected: Int)
    /// Then, when that scope would hide beacons marked malicious or investigating, whether to go on.
    case markConfirm(scope: MarkScope.Kind)
    /// Then an optional reason, typed.
    case markReason(scope: MarkScope.Kind, text: String)
    /// Then an optional expiry, as a span from now (`7d`, `12h`).
    case markExpiry(scope: MarkScope.Kind, reason: String, text: String)
    /// `c`: the note of the selected beacon.
    case note(text: String)
    /// `e` and `K`: what to write, where, and whether to replace a file (FileWriting).
    case file(FileDialog)
    /// `/`: the list filter (`process:powershell.exe jitter:<10 -status:fp`), applied as typed.
    case filter(FilterEdit)
    /// `=`: a value for the focused slider, typed.
    case sliderValue(QuerySlider, text: String)

    static let scopes: [MarkScope.Kind] = [.exactBeacon, .processToDestination, .destination, .process]
}
