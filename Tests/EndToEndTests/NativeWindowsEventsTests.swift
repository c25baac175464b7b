import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// The OTRF Empire datasets (Fixtures/LICENSE-NOTES.md) read natively from their nxlog JSON lines, against
/// the CSVs the shared converter made of the same records: `*.sysmon3.csv` of the Sysmon event 3 records,
/// `*.sec5156.csv` of the Security 5156 ones. Expectations come from those CSVs and the datasets' ground
/// truth (shared/real-data/otrf-mordor-empire-sysmon/README.md), not from this program.
@Suite struct NativeWindowsEventsTests {
    static let datasets = [
        "empire_dllinjection_LoadLibrary_CreateRemoteThread", "empire_mimikatz_logonpasswords",
        "empire_mimikatz_lsadump_patch", "empire_monologue_netntlm_downgrade", "empire_psinject_PEinjection",
    ]

    static func original(_ dataset: String) -> String {
        nativeFixture("otrf-mordor-empire-sysmon/original/\(dataset).net.jsonl.gz")
    }

    static func converted(_ dataset: String, _ kind: String) -> String {
        nativeFixture("otrf-mordor-empire-sysmon/mde/\(dataset).\(kind).csv.gz")
    }

    @Test(arguments: datasets)
    func sysmonViewHasTheConvertedRowsAndBeacons(dataset: String) throws {
        let native = try EventLoader.load(paths: [Self.original(dataset)], provider: .sysmon)
        let csv = try EventLoader.load(paths: [Self.converted(dataset, "sysmon3")])
        // The converter kept inbound connections as InboundConnectionAccepted; the reader leaves them out.
        let expected = rowCounts(csv.table) { $0.actionType == "ConnectionSuccess" }
        let actual = rowCounts(native.table)
        #expect(actual == expected, "\(rowDifferences(actual, expected))")
        #expect((0..<native.table.count).allSatisfy { native.table.event(at: $0).source == .sysmon })
        for parameters in comparisonParameters() {
            #expect(reportedBeacons(native.table, parameters) == reportedBeacons(csv.table, parameters))
        }
    }

    @Test(arguments: datasets)
    func filteringPlatformViewHasTheConvertedRowsAndBeacons(dataset: String) throws {
        let native = try EventLoader.load(paths: [Self.original(dataset)], provider: .wfp)
        let csv = try EventLoader.load(paths: [Self.converted(dataset, "sec5156")])
        let expected = rowCounts(csv.table) { $0.actionType == "ConnectionSuccess" }
        let actual = rowCounts(native.table)
        #expect(actual == expected, "\(rowDifferences(actual, expected))")
        #expect((0..<native.table.count).allSatisfy { native.table.event(at: $0).source == .windowsFilteringPlatform })
        for parameters in comparisonParameters() {
            #expect(reportedBeacons(native.table, parameters) == reportedBeacons(csv.table, parameters))
        }
    }

    /// The default keeps every Sysmon record and the 5156 records no Sysmon record repeats: the Sysmon
    /// beacons, unchanged, plus the flows only WFP saw (the Azure agents, which the Sysmon configuration did
    /// not log).
    @Test(arguments: datasets)
    func defaultGivesTheSysmonBeaconsPlusTheFlowsOnlyWFPSaw(dataset: String) throws {
        let merged = try EventLoader.load(paths: [Self.original(dataset)])
        let sysmon = try EventLoader.load(paths: [Self.original(dataset)], provider: .sysmon)
        let wfp = try EventLoader.load(paths: [Self.original(dataset)], provider: .wfp)
        #expect(merged.table.count == sysmon.table.count + wfp.table.count - merged.mergedDuplicates)
        #expect(merged.mergedDuplicates > 0)

        // Every Sysmon row is there; the 5156 rows that stay are the WFP view less the merged ones.
        let mergedRows = rowCounts(merged.table)
        for (event, count) in rowCounts(sysmon.table) { #expect(mergedRows[event, default: 0] >= count) }
        let sysmonFlows = Set((0..<sysmon.table.count).map { flow(sysmon.table.event(at: $0)) })

        for parameters in comparisonParameters() {
            let all = reportedBeacons(merged.table, parameters)
            let fromSysmon = reportedBeacons(sysmon.table, parameters)
            // Every Sysmon beacon, with the same statistics (5156 rows have no account, so they never join a
            // Sysmon group). Its Domains may gain the empty name of a 5156 row to the same address that no
            // Sysmon record repeats (monologue's last powershell connection), as the query gathers them by
            // address over every event.
            for beacon in fromSysmon {
                let same = all.first { $0.ignoringDomains == beacon.ignoringDomains }
                #expect(same != nil, "\(beacon) lost in the merged load")
                let domains = Set(same?.domains ?? [])
                #expect(domains.isSuperset(of: beacon.domains))
                #expect(domains.subtracting(beacon.domains).isSubset(of: [""]))
            }
            // The others come from flows Sysmon never logged, and carry no account.
            let sysmonKeys = Set(fromSysmon.map(\.key))
            for beacon in all where !sysmonKeys.contains(beacon.key) {
                #expect(beacon.key.initiatingProcessAccountName.isEmpty)
                #expect(!sysmonFlows.contains(flow(beacon.key)), "\(beacon) duplicates a Sysmon flow")
            }
        }
    }

    /// dllinjection's ground truth: the public Azure agents (networkwatcheragent → 168.63.129.16:8037 every
    /// 12 s, 0 % jitter; windowsazureguestagent → 168.63.129.16) are in the 5156 records only, and are what
    /// the unmodified query reports; the Empire agent's destination is private.
    @Test func azureAgentsAreTheDefaultQuerysFindingsInTheMergedLoad() throws {
        let merged = try EventLoader.load(paths: [Self.original("empire_dllinjection_LoadLibrary_CreateRemoteThread")])
        let beacons = reportedBeacons(merged.table, QueryParameters())
        #expect(beacons.contains { $0.key.initiatingProcessFileName == "networkwatcheragent.exe"
            && $0.key.remoteIP == "168.63.129.16" && $0.key.remotePort == 8037 && $0.jitter == 0 })
        #expect(beacons.allSatisfy { $0.key.remoteIP == "168.63.129.16" })
        #expect(!beacons.contains { $0.key.initiatingProcessFileName == "powershell.exe" })
    }

    /// With private destinations kept, the default thresholds of either mode report every Empire agent of
    /// the ground truth from the mixed files: 16-51 connections (> 15), jitter 12-35 % (< 50), at most 3
    /// outliers, one device.
    @Test(arguments: [QueryMode.faithful, .corrected])
    func empireAgentsAreFoundWithPrivateDestinationsKept(mode: QueryMode) throws {
        var parameters = QueryParameters(mode: mode)
        parameters.keepPrivate = true
        let agents: [(dataset: String, device: String, process: String, ip: String)] = [
            ("empire_dllinjection_LoadLibrary_CreateRemoteThread", "workstation5.mordor.local", "powershell.exe", "10.10.10.5"),
            ("empire_mimikatz_logonpasswords", "workstation5.theshire.local", "powershell.exe", "10.10.10.5"),
            ("empire_mimikatz_lsadump_patch", "workstation5.theshire.local", "powershell.exe", "10.10.10.5"),
            ("empire_psinject_PEinjection", "workstation5.theshire.local", "powershell.exe", "10.10.10.5"),
            ("empire_psinject_PEinjection", "workstation5.theshire.local", "notepad.exe", "10.10.10.5"),
            ("empire_monologue_netntlm_downgrade", "it001.shire.com", "powershell.exe", "172.18.39.8"),
        ]
        for agent in agents {
            let loaded = try EventLoader.load(paths: [Self.original(agent.dataset)])
            let analysis = BeaconQuery.run(loaded.table, parameters: parameters)
            let found = analysis.beacons.filter {
                $0.key.deviceName == agent.device && $0.key.initiatingProcessFileName == agent.process
                    && $0.key.remoteIP == agent.ip && $0.key.remotePort == 80
            }
            // One beacon per agent: the Sysmon group (with the user); its 5156 twin was merged away.
            #expect(found.count == 1, "\(agent.dataset) \(agent.process)")
            #expect(found.first?.key.initiatingProcessAccountName == "pgustavo")
            // Ground truth: 16-51 connections, a 5 s sleep.
            let count = found.first?.timestamps.count ?? 0
            #expect((16...51).contains(count))
            #expect(abs((found.first?.summary?.stats.avg ?? 0) - 5) < 0.6)
        }
        // Without the switch, the query's private-address filters remove every one of them.
        let defaultRun = BeaconQuery.run(try EventLoader.load(paths: [Self.original("empire_psinject_PEinjection")]).table)
        #expect(!defaultRun.candidates.contains { $0.key.remoteIP == "10.10.10.5" })
    }

    @Test func summaryAccountsForEveryRecord() throws {
        for dataset in Self.datasets {
            for provider in WindowsEventProvider.allCases {
                let loaded = try EventLoader.load(paths: [Self.original(dataset)], provider: provider)
                let file = try #require(loaded.files.first)
                #expect(file.format == .windowsEventJSON)
                #expect(file.compressed)
                #expect(file.rowsSkipped == 0)
                #expect(file.rowsRead == file.rowsLoaded + file.rowsSkipped + file.rowsIgnored + file.mergedDuplicates)
                #expect(file.rowsLoaded == loaded.table.count)
                #expect(loaded.mergedDuplicates == file.mergedDuplicates)
                if provider != .auto { #expect(file.mergedDuplicates == 0) }
            }
        }
    }

    /// Both files of a split export (Sysmon in one, Security in the other) merge the same way as one file.
    @Test func duplicatesAreMergedAcrossFiles() throws {
        let scratch = try ScratchFolder()
        let lines = try gunzipLines(Self.original("empire_psinject_PEinjection"))
        try lines.filter { $0.contains("\"EventID\":3,") }.joined(separator: "\n")
            .write(toFile: scratch.path("sysmon.jsonl"), atomically: true, encoding: .utf8)
        try lines.filter { !$0.contains("\"EventID\":3,") }.joined(separator: "\n")
            .write(toFile: scratch.path("security.jsonl"), atomically: true, encoding: .utf8)
        let split = try EventLoader.load(paths: [scratch.path("security.jsonl"), scratch.path("sysmon.jsonl")])
        let whole = try EventLoader.load(paths: [Self.original("empire_psinject_PEinjection")])
        #expect(split.mergedDuplicates == whole.mergedDuplicates)
        #expect(rowCounts(split.table) == rowCounts(whole.table))
        #expect(split.files[0].mergedDuplicates == whole.mergedDuplicates)
        #expect(split.files[1].mergedDuplicates == 0)
    }

    private func flow(_ event: NetworkEvent) -> [String] {
        [event.deviceId, event.initiatingProcessFileName, event.remoteIP, event.remotePort.map(String.init) ?? ""]
    }

    private func flow(_ key: BeaconKey) -> [String] {
        [key.deviceId, key.initiatingProcessFileName, key.remoteIP, key.remotePort.map(String.init) ?? ""]
    }
}

/// The lines of a gzip file, through the system's gzip (not the loader's zlib use).
func gunzipLines(_ path: String) throws -> [String] {
    let result = try runProcess("/usr/bin/gzip", ["-dc", path])
    guard result.status == 0 else { throw ReferenceFailure(message: "gzip -dc \(path): \(result.errors)") }
    return result.output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}
