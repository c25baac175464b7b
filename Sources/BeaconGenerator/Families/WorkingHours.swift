import BeaconEngine

/// How busy a device's user is at a time of day (UTC): people browse in office hours, little at night;
/// servers are flat.
struct WorkingHours: Sendable {
    let kind: DeviceKind

    func intensity(at ticks: Int64) -> Double {
        if kind == .server { return 1 }
        let hour = Int((ticks / Instant.ticksPerSecond) % 86_400 / 3600)
        switch hour {
        case 8..<18: return 1
        case 7, 18, 19: return 0.5
        default: return 0.08
        }
    }

    static let peak = 1.0

    /// The integral of the intensity over [start, end] in seconds (`active`), and of its square
    /// (`squared`), by whole minutes. Sessions arrive in proportion to the intensity, so the intensity a
    /// session sees on average is squared / active.
    func activeSeconds(start: Int64, end: Int64) -> (active: Double, squared: Double) {
        let minute = 60 * Instant.ticksPerSecond
        var active = 0.0, squared = 0.0
        var t = start
        while t < end {
            let level = intensity(at: t)
            let seconds = Double(min(minute, end - t)) / Double(Instant.ticksPerSecond)
            active += level * seconds
            squared += level * level * seconds
            t += minute
        }
        return (active, squared)
    }
}
