/// Which Windows provider's connections to analyse. Sysmon event 3 and Security event 5156 usually
/// describe the same connections; counting both halves every gap of a beacon and ruins its jitter.
public enum WindowsEventProvider: String, CaseIterable, Sendable {
    /// Both, with a connection seen by both kept once, as its (richer) Sysmon record: same device, process
    /// id, local port and remote address and port, within `ProviderDeduplication.tolerance`.
    case auto
    /// Only Sysmon event 3; Security 5156 records are left out.
    case sysmon
    /// Only Security event 5156 (the Windows Filtering Platform); Sysmon records are left out.
    case wfp

    /// A line for `--help`.
    public var summary: String {
        switch self {
        case .auto: "both, one record per connection (the Sysmon one when both saw it)"
        case .sysmon: "Sysmon event 3 only"
        case .wfp: "Security event 5156 only"
        }
    }
}
