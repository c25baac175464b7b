import BeaconEngine

/// The labelled detection grid: beacon cells over sleeps, jitters, styles, missing check-ins and variants,
/// among benign agents, benign services, Poisson noise and browsing, one table per analysis window.
///
/// Everything follows from the seed: the fleet, every placement and every series (each series has its
/// own named random stream, so one cell's rows do not depend on which other cells the plan holds).
public struct DetectionGrid: Sendable {
    public let seed: UInt64
    public let plan: GridPlan
    /// The fleet every table is spread over.
    public let devices: [Device]

    /// Monday 2 November 2026, 00:00 UTC: every table starts on a Monday, so a 7-day window is one
    /// working week and its weekend.
    public static let startTicks: Int64 = 20_759 * Instant.ticksPerDay

    public init(seed: UInt64, plan: GridPlan = .standard()) {
        self.seed = seed
        self.plan = plan
        var strings = StringTable()
        devices = Fleet(count: plan.devices, streams: RandomStreams(seed: seed), table: &strings).devices
    }

    /// The table of one of the plan's windows, starting at `startTicks`.
    public func table(_ window: GridWindow) -> GridTable {
        let start = Self.startTicks, end = Self.startTicks + window.ticks
        var builder = GridTableBuilder(window: window, devices: devices, start: start, end: end,
                                       streams: Self.streams(seed: seed, window: window))
        builder.addBeacons(replicates: plan.replicates)
        builder.addPeriodic(GridNames.agents, family: .benignAgent)
        builder.addPeriodic(GridNames.services, family: .benignService)
        builder.addNoise(count: plan.noiseGroups)
        builder.addBrowsing(count: plan.browsingGroups)
        return GridTable(window: window, start: start, end: end, groups: builder.finished())
    }

    /// Every table of the plan, in window order.
    public func tables() -> [GridTable] { plan.windows.map(table) }

    /// The rows of replicate `replicate` of a beacon cell alone, as the grid makes them (without an
    /// offline interval), for checking the generator by hand.
    public static func beaconTimestamps(_ cell: GridCell, start: Int64, end: Int64, seed: UInt64,
                                        replicate: Int = 0) -> [Int64] {
        GridSeries.beacon(cell, start: start, end: end, offline: [],
                          streams: RandomStreams(seed: seed), index: replicate)
    }

    static func streams(seed: UInt64, window: GridWindow) -> RandomStreams {
        RandomStreams(seed: seed ^ fnv1a("detection-grid-" + window.name))
    }
}
