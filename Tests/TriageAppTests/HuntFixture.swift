import BeaconEngine
@testable import TriageApp

/// A small hunt-mode data set whose scores follow from `HuntScore`'s rules by hand.
///
/// Every group is a perfect timer of 17 callbacks (16 equal gaps) from 01:00 on 2024-01-01, each to an
/// address of its own from one device. With `now` at 20:00 the window runs from 20:00 the day before to
/// 19:59:59, 86,399 s. So for every group:
/// - periodicity: 16 of 16 gaps fit a ±2 % band, which random traffic at the same rate fits that well
///   with p ≤ 10^-20 or less, so the strength 1 / (1 + e^(−1.5 (evidence − 3))) is 1 to 12 digits; fit 1
///   (every gap fits, and 60 % already costs nothing); chain 1 (16 gaps in a row over at least 16 min,
///   where 6 gaps and 10 min cost nothing);
/// - prevalence 1 (one device per address, at most 3 is rare); regular days 1 (one day); novelty 1 (the
///   address is first seen 5 h = 21 % into the window, after the first 10 %); process identity 1 and
///   domain 1 unless said;
/// - coverage 0.7 + 0.3 × 16 × gap / 86,399.
///
/// | group   | gap    | other factors                          | score                         |
/// | ------- | ------ | -------------------------------------- | ----------------------------- |
/// | alpha   | 3000 s |                                        | 100 × 0.866669 = 86.67        |
/// | bravo   | 2400 s |                                        | 100 × 0.833335 = 83.33        |
/// | charlie | 3600 s | a domain: 0.92                         | 100 × 0.900002 × 0.92 = 82.80 |
/// | delta   | 60 s   |                                        | 100 × 0.703333 = 70.33        |
/// | echo    | 60 s   | svchost.exe under SYSTEM: 0.7          | 70.33 × 0.7 = 49.23           |
/// | foxtrot | 3000 s | agent.exe, in the catalogue: 0.35      | 86.67 × 0.35 = 30.33          |
/// | golf    | 3 connections: too few for a score (fewer than 5)                        |
///
/// At the default cut of 50: alpha, bravo, charlie, delta.
enum HuntFixture {
    static let windowSeconds = 86_399.0

    /// The coverage factor of a 16-gap timer.
    static func coverage(gap: Double) -> Double { 0.7 + 0.3 * 16 * gap / windowSeconds }

    static let scores: [String: Double] = [
        "alpha": 100 * coverage(gap: 3000),
        "bravo": 100 * coverage(gap: 2400),
        "charlie": 100 * coverage(gap: 3600) * 0.92,
        "delta": 100 * coverage(gap: 60),
        "echo": 100 * coverage(gap: 60) * 0.7,
        "foxtrot": 100 * coverage(gap: 3000) * 0.35,
    ]

    static let agent = KnownBenignEntry(name: "Example Agent", category: "monitoring",
                                        source: "https://example.com/agent",
                                        match: .init(processNames: ["agent.exe"]))

    static func series(_ device: String, address: Int, gap: Int64, count: Int = 17, process: String = "c2.exe",
                       account: String = "", url: String = "") -> [NetworkEvent] {
        (0..<count).map { index in
            let seconds = ReducerTests.base + 3600 + Int64(index) * gap
            return NetworkEvent(timestamp: Instant(ticks: seconds * Instant.ticksPerSecond), deviceId: "id-" + device,
                                deviceName: device, actionType: "ConnectionSuccess", remoteIP: "198.51.100.\(address)",
                                remotePort: 443, remoteUrl: url, remoteIPType: "Public",
                                initiatingProcessAccountName: account, initiatingProcessFileName: process)
        }
    }

    static func events(agentName: String = agent.name) -> [NetworkEvent] {
        series("alpha", address: 1, gap: 3000)
            + series("bravo", address: 2, gap: 2400)
            + series("charlie", address: 3, gap: 3600, url: "updates.example.net")
            + series("delta", address: 4, gap: 60)
            + series("echo", address: 5, gap: 60, process: "svchost.exe", account: "SYSTEM")
            + series("foxtrot", address: 6, gap: 3000, process: "agent.exe")
            + series("golf", address: 7, gap: 60, count: 3)
    }

    /// The console in hunt mode on the table above, with a one-entry catalogue.
    static func state(catalogue: [KnownBenignEntry] = [agent]) -> AppState {
        var parameters = QueryParameters(mode: .hunt)
        parameters.now = Instant(ticks: (ReducerTests.base + 20 * 3600) * Instant.ticksPerSecond)
        parameters.hunt.catalogue = catalogue
        return AppState(dataSetName: "hunt", events: EventTable(events()), parameters: parameters)
    }

    static func names(_ state: AppState) -> [String] { state.rows.map(\.candidate.key.deviceName) }

    static func score(_ name: String, in state: AppState) -> Double? {
        state.rows.first { $0.candidate.key.deviceName == name }?.hunt?.score
    }
}
