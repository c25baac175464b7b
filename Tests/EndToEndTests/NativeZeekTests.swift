import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// Zeek conn logs read natively (with the http and ssl logs beside them), against the CSVs the shared
/// converter made of them (Fixtures/LICENSE-NOTES.md). Expected beacons come from the captures' ground
/// truth (shared/real-data/*/README.md), not from this program.
@Suite struct NativeZeekTests {
    static let apt29Captures = [
        "day1/NASHUA", "day1/SCRANTON", "day2/NEWYORK", "day2/SCRANTON", "day2/UTICA-A", "day2/UTICA-C",
        "day2/UTICA-D", "day2/UTICA-ONE-DRIVE",
    ]

    static func apt29Conn(_ capture: String) -> String {
        nativeFixture("otrf-apt29-zeek/original/\(capture)_conn.log")
    }

    static func apt29Converted(_ capture: String) -> String {
        let parts = capture.split(separator: "/")
        return nativeFixture("otrf-apt29-zeek/mde/apt29_\(parts[0])_\(parts[1]).zeekconn.csv.gz")
    }

    /// One conn log given alone: its ssl and http logs (same folder, `<HOST>_ssl.log`) are found and
    /// joined, and every row is the converted CSV's.
    @Test(arguments: apt29Captures)
    func apt29ConnLogHasTheConvertedRowsAndBeacons(capture: String) throws {
        let native = try EventLoader.load(paths: [Self.apt29Conn(capture)])
        let csv = try EventLoader.load(paths: [Self.apt29Converted(capture)])
        let actual = rowCounts(native.table), expected = rowCounts(csv.table)
        #expect(actual == expected, "\(rowDifferences(actual, expected))")
        #expect(native.files.first?.format == .zeekConnJSON)
        #expect(native.skippedRows == 0)
        #expect((0..<native.table.count).allSatisfy { native.table.event(at: $0).source == .zeek })
        for parameters in comparisonParameters() {
            #expect(reportedBeacons(native.table, parameters) == reportedBeacons(csv.table, parameters))
        }
    }

    @Test func apt29CompanionLogsAreListed() throws {
        let native = try EventLoader.load(paths: [Self.apt29Conn("day1/SCRANTON")])
        #expect(native.files.map(\.format) == [.zeekConnJSON, .zeekHTTP, .zeekSSL])
        #expect(native.files.map { URL(fileURLWithPath: $0.path).lastPathComponent }
                == ["SCRANTON_conn.log", "SCRANTON_http.log", "SCRANTON_ssl.log"])
        #expect(native.files.dropFirst().allSatisfy { $0.rowsLoaded == 0 && $0.rowsRead > 0 })
        // NASHUA's Meterpreter sends the bare IP as SNI (README): the ssl log names it.
        let nashua = try EventLoader.load(paths: [Self.apt29Conn("day1/NASHUA")]).table
        #expect(nashua.events.filter { $0.remoteUrl == "192.168.0.4" }.count == 376)
    }

    /// Ground truth: the PoshC2 slice on UTICA-C, 10.0.1.5 → 192.168.0.4:443, 29 connections in 70 s,
    /// jitter 43 % over the merged implants; found once private destinations are kept, with the default
    /// thresholds of either mode (29 > 15 events, jitter < 50).
    @Test(arguments: [QueryMode.faithful, .corrected])
    func poshC2OnUticaCIsFoundFromTheZeekJSON(mode: QueryMode) throws {
        let table = try EventLoader.load(paths: [Self.apt29Conn("day2/UTICA-C")]).table
        var parameters = QueryParameters(mode: mode)
        parameters.keepPrivate = true
        let poshC2 = try #require(BeaconQuery.run(table, parameters: parameters).beacons.first {
            $0.key.deviceName == "10.0.1.5" && $0.key.remoteIP == "192.168.0.4" && $0.key.remotePort == 443
        })
        #expect(poshC2.timestamps.count == 29)
        #expect(poshC2.key.initiatingProcessFileName.isEmpty && poshC2.key.initiatingProcessAccountName.isEmpty)
        #expect(poshC2.sources == EventSources(.zeek))
        // Without the switch the private destination is filtered out.
        #expect(!BeaconQuery.run(table, parameters: QueryParameters(mode: mode)).candidates.contains {
            $0.key.remoteIP == "192.168.0.4"
        })
    }

    /// RITA's three days, 72 hourly conn logs and their http/ssl logs, gzipped, in day folders with the
    /// authors' README: the folder loads as one data set, the same rows as the converted CSV (host names
    /// joined across hourly files, as a connection's http record may close in the hour before its conn
    /// record), and the same beacons.
    @Test func ritaRotatedGzippedFolderHasTheConvertedRowsAndBeacons() throws {
        let native = try EventLoader.load(paths: [nativeFixture("rita-zeek-beacons/original/missing_host")])
        let csv = try EventLoader.load(paths: [nativeFixture("rita-zeek-beacons/mde/missing_host.zeekconn.query-columns.csv.gz")])
        // README: 105,918 conn records; ConnectionSuccess 35,798, ConnectionFailed 55,445, ConnectionAttempt
        // 422, IcmpConnectionInspected 14,253.
        #expect(native.table.count == 105_918)
        let actions = Dictionary(grouping: native.table.events.map(\.actionType), by: { $0 }).mapValues(\.count)
        #expect(actions == ["ConnectionSuccess": 35_798, "ConnectionFailed": 55_445, "ConnectionAttempt": 422,
                            "IcmpConnectionInspected": 14_253])
        let actual = rowCounts(native.table), expected = rowCounts(csv.table)
        #expect(actual == expected, "\(rowDifferences(actual, expected))")

        #expect(native.files.count == 216)
        #expect(native.files.filter { $0.format == .zeekConnTSV }.count == 72)
        #expect(native.files.allSatisfy { $0.compressed })
        // The authors' README is not a log: left out, the load goes on.
        #expect(native.filesLeftOut.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["README"])
        // Sorted: the first conn log is the first hour of the first day.
        #expect(native.files.first?.path.hasSuffix("2024-04-19/conn.00_00_00-01_00_00.log.gz") == true)

        for parameters in comparisonParameters(days: 3) + [QueryParameters()] {
            #expect(reportedBeacons(native.table, parameters) == reportedBeacons(csv.table, parameters))
        }
    }

    /// Ground truth: 73.54.23.243 → 64.225.56.201:80, 950 connections over three days, every 200-350 s
    /// (mean 272.8 s), public addresses: found by the unmodified query in both modes.
    @Test(arguments: [QueryMode.faithful, .corrected])
    func ritaHTTPBeaconIsFoundFromTheRotatedFolder(mode: QueryMode) throws {
        let table = try EventLoader.load(paths: [nativeFixture("rita-zeek-beacons/original/missing_host")]).table
        var parameters = QueryParameters(mode: mode)
        parameters.start = .ago(ticks: 3 * Instant.ticksPerDay)
        let beacon = try #require(BeaconQuery.run(table, parameters: parameters).beacons.first {
            $0.key.deviceName == "73.54.23.243" && $0.key.remoteIP == "64.225.56.201" && $0.key.remotePort == 80
        })
        #expect(beacon.timestamps.count == 950)
        #expect(abs((beacon.summary?.stats.avg ?? 0) - 272.8) < 0.5)
        // sha1("zeek:73.54.23.243"), computed with Python's hashlib.
        #expect(beacon.key.deviceId == "edd17e410ac9629110c65b51b7bb8e71cca86f1c")
    }

    /// RITA's proxy capture: TSV conn, http and ssl logs side by side; the http log's CONNECT host names the
    /// C2 behind the proxy (README: 397 × www.honestimnotevil.com).
    @Test func ritaProxyFolderHasTheConvertedRows() throws {
        let native = try EventLoader.load(paths: [nativeFixture("rita-zeek-beacons/original/proxy")])
        let csv = try EventLoader.load(paths: [nativeFixture("rita-zeek-beacons/mde/proxy.zeekconn.csv.gz")])
        let actual = rowCounts(native.table), expected = rowCounts(csv.table)
        #expect(actual == expected, "\(rowDifferences(actual, expected))")
        #expect(native.table.events.filter { $0.remoteUrl == "www.honestimnotevil.com" }.count == 397)
        for parameters in comparisonParameters(days: 2) {
            #expect(reportedBeacons(native.table, parameters) == reportedBeacons(csv.table, parameters))
        }
    }

    /// An http or ssl log alone holds no connections: named explicitly it is an error that says so.
    @Test func companionLogAloneIsNotEvents() throws {
        let ssl = nativeFixture("otrf-apt29-zeek/original/day2/UTICA-C_ssl.log")
        do {
            _ = try EventLoader.load(paths: [ssl])
            Issue.record("an ssl log alone loaded")
        } catch let error as LoadError {
            guard case .notConnectionEvents(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == ssl)
            #expect(error.description.contains("conn log"))
        }
        // With its conn log it is a companion, read once.
        let both = try EventLoader.load(paths: [ssl, Self.apt29Conn("day2/UTICA-C")])
        #expect(both.files.map(\.format) == [.zeekSSL, .zeekConnJSON])
        #expect(both.table.count == 31)
    }
}
