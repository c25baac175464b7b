import BeaconEngine

/// One analysis window of the grid and the beacon cells that are judged in it: each window is one table,
/// long enough for at least eight check-ins of its slowest sleep.
public struct GridWindow: Sendable {
    /// `1d`, `3d`, `7d`, `14d`.
    public var name: String
    public var days: Int
    public var cells: [GridCell]

    public var ticks: Int64 { Int64(days) * Instant.ticksPerDay }
}

/// The sampled grid: which cells exist, in which window, and how many replicates each has.
///
/// The full product (10 sleeps × 7 jitter columns × 4 missing shares × 8 variants) would take far longer
/// than a benchmark should, so it is sampled: every sleep × jitter × style with nothing missing; the
/// missing shares over four sleeps (1 min to 6 h) and three jitter columns; each variant over three settings.
public struct GridPlan: Sendable {
    public var windows: [GridWindow]
    /// Devices of the fleet the table is spread over.
    public var devices: Int
    /// Replicates of each beacon cell, each on its own device.
    public var replicates: Int
    /// Negative groups of each kind per table (Poisson noise, browsing).
    public var noiseGroups: Int
    public var browsingGroups: Int

    public static let sleeps: [Double] = [5, 30, 60, 300, 900, 3600, 10_800, 21_600, 43_200, 86_400]
    /// Jitter columns: (jitter, style); jitter 0 is one exact timer whatever the framework.
    public static let columns: [(jitter: Double, style: JitterStyle)] = [
        (0, .none), (0.1, .cobaltStrike), (0.1, .symmetric), (0.3, .cobaltStrike), (0.3, .symmetric),
        (0.6, .cobaltStrike), (0.6, .symmetric),
    ]
    public static let missingShares: [Double] = [0.05, 0.10, 0.20]

    /// The window a sleep is judged in: 1 d up to 1 h, 3 d for 3 h, 7 d for 6 h and 12 h, 14 d for a day.
    public static func days(forSleep sleep: Double) -> Int {
        switch sleep {
        case ...3600: 1
        case ...10_800: 3
        case ...43_200: 7
        default: 14
        }
    }

    /// The benchmark's grid; `quick` keeps one replicate, five sleeps and fewer negatives for a smoke run.
    public static func standard(quick: Bool = false) -> GridPlan {
        let sleeps = quick ? [5.0, 60, 900, 10_800, 86_400] : sleeps
        var cells: [GridCell] = []
        for sleep in sleeps {
            for column in columns {
                cells.append(GridCell(sleepSeconds: sleep, jitter: column.jitter, style: column.style))
            }
        }
        let missingSleeps: [Double] = quick ? [60] : [60, 300, 3600, 21_600]
        for sleep in missingSleeps {
            for column in [columns[0], columns[3], columns[4]] {
                for share in missingShares {
                    cells.append(GridCell(sleepSeconds: sleep, jitter: column.jitter, style: column.style,
                                          missing: share))
                }
            }
        }
        // Variants over a fast, a middling and a slow beacon, each with its own jitter.
        let settings: [(Double, Double, JitterStyle)] = [(60, 0.1, .symmetric), (300, 0.3, .cobaltStrike),
                                                           (3600, 0, .none)]
        for variant in GridVariant.allCases where variant != .plain {
            for (sleep, jitter, style) in settings {
                cells.append(GridCell(sleepSeconds: sleep, jitter: jitter, style: style, variant: variant))
            }
        }
        var byDays: [Int: [GridCell]] = [:]
        for cell in cells { byDays[windowDays(cell), default: []].append(cell) }
        let windows = byDays.keys.sorted().map { GridWindow(name: "\($0)d", days: $0, cells: byDays[$0]!) }
        return GridPlan(windows: windows, devices: quick ? 120 : 250, replicates: quick ? 1 : 5,
                        noiseGroups: quick ? 60 : 250, browsingGroups: quick ? 60 : 250)
    }

    /// Working hours need a whole week to show their weekend; an offline night needs days around it so the
    /// remaining check-ins are not simply too few.
    static func windowDays(_ cell: GridCell) -> Int {
        switch cell.variant {
        case .workingHours: 7
        case .offlineHost: max(3, days(forSleep: cell.sleepSeconds))
        default: days(forSleep: cell.sleepSeconds)
        }
    }
}
