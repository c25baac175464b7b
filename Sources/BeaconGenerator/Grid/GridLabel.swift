import BeaconEngine

/// What a group of the detection grid is, as the benchmark scores it.
public enum GridFamily: String, Sendable, CaseIterable {
    /// An injected C2 beacon: the only positives.
    case malicious
    /// A benign periodic agent on 1–3 devices: what the query reports and an analyst marks false positive.
    case benignAgent = "benign-agent"
    /// A benign periodic service on 20–80 % of the fleet: the same process and destination everywhere.
    case benignService = "benign-service"
    /// Poisson noise and bursty browsing sessions.
    case noise
}

/// The awkward real-world shapes a beacon cell can take on top of its sleep and jitter.
public enum GridVariant: String, Sendable, CaseIterable {
    /// A plain beacon: every check-in logged once (minus the cell's missing share).
    case plain
    /// Beacons only Monday–Friday 08:00–18:00 (UTC stands for local time), over 7 days.
    case workingHours = "working hours"
    /// The host is off the network once, for 6–14 h.
    case offlineHost = "offline host"
    /// Two implants on one device, process and destination: the cell's sleep and five times it.
    case twoImplants = "two implants"
    /// A second connection 1–6 s after each check-in.
    case burst = "bursts"
    /// Each check-in logged two or three times with the identical timestamp.
    case duplicateTimestamps = "duplicate timestamps"
    /// Timestamps rounded down to the whole second, as some exports write them.
    case wholeSeconds = "whole-second timestamps"
    /// The C2 server has an IPv6 address.
    case ipv6 = "IPv6 destination"
}

/// One beacon cell: the design every replicate of it shares.
public struct GridCell: Sendable, Hashable {
    public var sleepSeconds: Double
    /// 0...1.
    public var jitter: Double
    /// `.none` exactly when the jitter is 0.
    public var style: JitterStyle
    /// Share of check-ins that never reach the server and leave no row, 0...1.
    public var missing: Double
    public var variant: GridVariant

    public init(sleepSeconds: Double, jitter: Double, style: JitterStyle, missing: Double = 0,
                variant: GridVariant = .plain) {
        self.sleepSeconds = sleepSeconds
        self.jitter = jitter
        self.style = jitter == 0 ? .none : style
        self.missing = missing
        self.variant = variant
    }

    /// `60s j30 cs m10 bursts`: a stable name for reports and labels.
    public var name: String {
        var parts = [GridCell.sleepText(sleepSeconds), "j\(Int((jitter * 100).rounded()))"]
        if style != .none { parts.append(style == .cobaltStrike ? "cs" : "sym") }
        if missing > 0 { parts.append("m\(Int((missing * 100).rounded()))") }
        if variant != .plain { parts.append(variant.rawValue) }
        return parts.joined(separator: " ")
    }

    /// `5s`, `15m`, `3h`, `24h`.
    public static func sleepText(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        return "\(s / 3600)h"
    }
}

/// Everything the benchmark knows about one group of a grid table.
public struct GridLabel: Sendable {
    public var family: GridFamily
    /// For agents and services: whether the process and destination are well-known software a catalogue
    /// of benign agents would list (nxlog, Datadog, TeamViewer…), or an in-house tool none would know.
    public var knownName: Bool
    /// The beacon cell, for malicious groups.
    public var cell: GridCell?
    /// Replicate number within the cell (0-based); 0 for negatives.
    public var replicate: Int
    /// What the group is, for people: `beacon 60s j30 cs`, `agent nxlog.exe`, `poisson 1/42s`.
    public var summary: String

    public var isBeacon: Bool { family == .malicious }
}

/// One group of a grid table: its key, its rows' timestamps and its label.
public struct GridGroup: Sendable {
    public var key: BeaconKey
    public var remoteUrl: String
    /// One entry per row (duplicates included), in ascending order.
    public var timestamps: [Int64]
    public var label: GridLabel
}
