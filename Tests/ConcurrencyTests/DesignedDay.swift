import Foundation

/// A day of DeviceNetworkEvents laid out by formula, large enough that every threaded path runs (more
/// than one 8 MB block, so the CSV workers parse; well over 100,000 passing rows, so stage 2 numbers its
/// groups in partitions and the measures are split), and regular enough that every figure a test checks
/// follows from the layout alone.
///
/// Group `g = device * destinationsPerDevice + slot` is one device's process talking to one public
/// address of its own (`20.<device>.<slot>.9:443`), so every address has one device. A slot with
/// `slot % 4 == 3` alternates 10 s and 110 s gaps: mean 60 s, sample stdev just over 50 s, a jitter of
/// about 84 % that stage 6 rejects. Every other slot beacons every 60 s exactly: jitter 0, and a constant
/// series has no outliers (spec S1, "Constant series"), so it is reported. Rows come round by round
/// (every group's first connection, then every group's second, …) as a time-ordered export interleaves
/// them, and a few rows with a bad port are slipped in between.
enum DesignedDay {
    static let devices = 80
    static let destinationsPerDevice = 20
    static var groups: Int { devices * destinationsPerDevice }

    /// 2024-03-04T00:00:00Z in seconds since the epoch (`calendar.timegm((2024, 3, 4, 0, 0, 0))`).
    static let baseSeconds: Int64 = 1_709_510_400

    /// Connections of group `g`: 100 to 140, so every group clears the minimum of 15 events.
    static func connections(_ group: Int) -> Int { 100 + group % 41 }

    static func isSteady(_ group: Int) -> Bool { group % destinationsPerDevice % 4 != 3 }

    /// Seconds after the base of group `g`'s connection `i`; a phase of `g % 60` s keeps the groups apart.
    static func offset(_ group: Int, _ index: Int) -> Int64 {
        let phase = Int64(group % 60), i = Int64(index)
        return isSteady(group) ? phase + 60 * i : phase + (i / 2) * 120 + (i % 2) * 10
    }

    static func deviceId(_ group: Int) -> String { "dev\(group / destinationsPerDevice)" }
    static func deviceName(_ group: Int) -> String { "host\(group / destinationsPerDevice)" }
    static func account(_ group: Int) -> String { "user\(group / destinationsPerDevice)" }
    static func process(_ group: Int) -> String { "agent\(group % destinationsPerDevice).exe" }
    static func remoteIP(_ group: Int) -> String { "20.\(group / destinationsPerDevice).\(group % destinationsPerDevice).9" }
    /// The query keeps the last three labels of the host (its reversed-regex `replace`): `g<g>.example.net`.
    static func url(_ group: Int) -> String { "https://www.g\(group).example.net/beat" }
    static func domain(_ group: Int) -> String { "g\(group).example.net" }

    /// The good rows, in file order, as (group, connection index).
    static let rows: [(group: Int, index: Int)] = {
        var rows: [(group: Int, index: Int)] = []
        rows.reserveCapacity((0..<groups).reduce(0) { $0 + connections($1) })
        let most = (0..<groups).map(connections).max()!
        for index in 0..<most {
            for group in 0..<groups where index < connections(group) { rows.append((group, index)) }
        }
        return rows
    }()

    /// Good rows loaded: the sum of every group's connections.
    static var rowCount: Int { (0..<groups).reduce(0) { $0 + connections($1) } }

    /// A bad row goes before good row `n` for each `n` here: seven, so that all fit in the ten issues a
    /// file reports, spread over the file's blocks.
    static let badRowsBefore = [1, 30_000, 60_000, 90_000, 120_000, 150_000, 180_000]

    /// The physical lines of the bad rows: the header is line 1, and each bad row is preceded by the
    /// good rows before it and the bad rows before it.
    static var badLines: [Int] { badRowsBefore.enumerated().map { count, before in 2 + before + count } }

    static let header = "Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,"
        + "InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain"

    /// The CSV text, built once.
    static let csv: [UInt8] = {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 130)
        bytes += Array((header + "\n").utf8)
        var nextBad = 0
        for (position, row) in rows.enumerated() {
            let stamp = timestamp(baseSeconds + offset(row.group, row.index))
            if nextBad < badRowsBefore.count && badRowsBefore[nextBad] == position {
                bytes += Array(line(stamp, row.group, port: "port?").utf8)
                nextBad += 1
            }
            bytes += Array(line(stamp, row.group, port: "443").utf8)
        }
        return bytes
    }()

    private static func line(_ stamp: String, _ group: Int, port: String) -> String {
        "\(stamp),\(deviceId(group)),\(deviceName(group)),ConnectionSuccess,\(remoteIP(group)),\(port),\(url(group)),"
            + "Public,\(process(group)),\(account(group)),corp\n"
    }

    /// ISO 8601 in UTC for seconds since the epoch on the base day (every offset is under a day).
    static func timestamp(_ seconds: Int64) -> String {
        let ofDay = seconds - baseSeconds
        precondition((0..<86_400).contains(ofDay), "the designed day stays on its day")
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "2024-03-04T\(two(ofDay / 3600)):\(two(ofDay / 60 % 60)):\(two(ofDay % 60))Z"
    }

    /// Ticks (100 ns since the epoch) of group `g`'s connection `i`.
    static func ticks(_ group: Int, _ index: Int) -> Int64 { (baseSeconds + offset(group, index)) * 10_000_000 }

    /// Steady groups: three slots of every four, on every device.
    static var steadyGroups: [Int] { (0..<groups).filter(isSteady) }

    /// Writes the CSV into a fresh temporary folder; the caller removes the folder.
    static func writeFile() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("concurrency-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("designed-day.csv").path
        try Data(csv).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }
}
