import BeaconEngine
import BeaconIngest
import Testing

/// The query's output exported from the Defender / Sentinel portal, read back as rows to triage.
@Suite struct QueryResultReaderTests {
    /// As the portal's "Export" writes it: datetimes with 7 fractional digits, dynamic arrays as JSON text
    /// in quoted cells (their commas inside the quotes). Columns in the query's output order, trimmed.
    static let portalCSV = """
    DeviceId,DeviceName,InitiatingProcessAccountName,InitiatingProcessAccountDomain,InitiatingProcessFileName,RemoteIP,RemotePort,dcount_DeviceId,count_,min_Timestamp,max_Timestamp,Duration,TimeDeltaList,Jitter,Domains,Timestamp
    a1b2,ws-17.corp,alice,corp,rundll32.exe,64.225.56.201,80,1,16,2024-04-19T00:04:00.5000000Z,2024-04-19T00:19:00.5000000Z,900,"[60,60,60,60,60,60,60,60,60,60,60,60,60,60,60,60]",0,"[""update.example.net""]",2024-04-19T00:04:00.5000000Z
    c3d4,ws-18.corp,bob,corp,svc.exe,198.51.100.9,,3,16,2024-04-19T01:00:00Z,2024-04-19T01:15:00Z,900,"[50,70,50,70,50,70,50,70,50,70,50,70,50,70,50,70]",17.2,[],2024-04-19T01:00:00Z
    e5f6,ws-19.corp,carol,corp,x.exe,203.0.113.4,443,1,2,2024-04-19T02:00:00Z,,,"[60,sixty]",0,[],2024-04-19T02:00:00Z
    e5f6,ws-19.corp,carol,corp,x.exe,203.0.113.4,99999,1,2,2024-04-19T02:00:00Z,,,"[60,60]",0,[],2024-04-19T02:00:00Z

    """

    @Test func portalCSVGivesRowsWithKustosOwnColumns() throws {
        let loaded = try loadText(Self.portalCSV, name: "kusto.csv")
        #expect(loaded.table.count == 0)
        #expect(loaded.files.first?.format == .kustoResultCSV)
        #expect(loaded.queryResults.count == 2)
        let first = try #require(loaded.queryResults.first)
        #expect(first.key.deviceName == "ws-17.corp" && first.key.initiatingProcessFileName == "rundll32.exe")
        #expect(first.key.remotePort == 80)
        #expect(first.deltas == Array(repeating: 60, count: 16))
        // 2024-04-19T00:04:00.5Z: 1713484800 (the day, `date -u -d 2024-04-19 +%s`) + 240 s, plus half a second.
        #expect(first.minTimestamp.ticks == ticks(1_713_484_800 + 240, 5_000_000))
        #expect(first.maxTimestamp.ticks == ticks(1_713_484_800 + 240 + 900, 5_000_000))
        #expect(first.duration == 900 && first.deviceCount == 1)
        #expect(first.domains == ["update.example.net"])
        // An empty RemotePort is Kusto's null.
        #expect(loaded.queryResults[1].key.remotePort == nil)
        #expect(loaded.queryResults[1].deviceCount == 3)
    }

    @Test func badCellsAreReportedWithLineAndFieldAndTheRestLoads() throws {
        let loaded = try loadText(Self.portalCSV, name: "kusto.csv")
        #expect(loaded.skippedRows == 2)
        #expect(loaded.issues.map(\.description) == [
            "kusto.csv:4: field 'TimeDeltaList': not a JSON array of whole seconds: \"[60,sixty]\"",
            "kusto.csv:5: field 'RemotePort': out of range 0...65535: \"99999\"",
        ])
    }

    @Test func advancedHuntingJSONResponseIsAResultToo() throws {
        let json = """
        {"Schema":[{"Name":"DeviceId","Type":"String"}],
         "Results":[{"DeviceId":"a1","DeviceName":"h","InitiatingProcessAccountName":"","InitiatingProcessAccountDomain":"",
                     "InitiatingProcessFileName":"p.exe","RemoteIP":"8.8.8.8","RemotePort":53,"dcount_DeviceId":2,
                     "min_Timestamp":"2024-04-19T00:00:00Z","max_Timestamp":"2024-04-19T00:02:00Z","Duration":120,
                     "TimeDeltaList":[60,60,60],"Domains":["dns.google"]}]}
        """
        let loaded = try loadText(json, name: "kusto.json")
        #expect(loaded.files.first?.format == .kustoResultJSON)
        let row = try #require(loaded.queryResults.first)
        #expect(row.deltas == [60, 60, 60] && row.key.remotePort == 53 && row.deviceCount == 2)
        #expect(row.domains == ["dns.google"])
    }

    @Test func blankLinesBeforeTheHeaderAreNotTheHeader() throws {
        // The header is the first non-blank line, for results as for events.
        let loaded = try loadText("\n\r\n" + Self.portalCSV, name: "kusto.csv")
        #expect(loaded.queryResults.count == 2)
        #expect(loaded.issues.first?.line == 6)
    }

    @Test func aResultWithoutTheDeltasSaysWhichColumnsAreMissing() {
        let text = "DeviceId,DeviceName,TimeDeltaList\na,b,[1]\n"
        #expect(throws: LoadError.missingColumns(path: "r.csv", columns: [
            "InitiatingProcessAccountName", "InitiatingProcessFileName", "RemoteIP", "RemotePort", "min_Timestamp",
        ])) { try loadText(text, name: "r.csv") }
    }

    @Test func anEventWhoseUrlMentionsTheColumnIsStillAnEvent() throws {
        // The key's closing quote is escaped inside a string value: not a result's key.
        let json = #"{"Timestamp":"2024-01-01T00:00:00Z","RemoteUrl":"x\"TimeDeltaList\":1","DeviceId":"d","DeviceName":"n","ActionType":"ConnectionSuccess","RemoteIP":"8.8.8.8","RemotePort":1,"RemoteIPType":"Public","InitiatingProcessFileName":"f","InitiatingProcessAccountName":"a","InitiatingProcessAccountDomain":"d"}"#
        let loaded = try loadText(json + "\n", name: "events.jsonl")
        #expect(loaded.table.count == 1 && loaded.queryResults.isEmpty)
    }

    @Test func deltasThatOverflowADatetimeAreReportedNotATrap() throws {
        // 9e17 s is 9e24 ticks, past Int64 (9.2e18): the sum used to trap while working out max_Timestamp.
        let text = """
        DeviceId,DeviceName,InitiatingProcessAccountName,InitiatingProcessFileName,RemoteIP,RemotePort,min_Timestamp,TimeDeltaList
        a,b,c,d.exe,192.0.2.1,80,2024-01-01T00:00:00Z,"[900000000000000000]"
        a,b,c,d.exe,192.0.2.1,80,2024-01-01T00:00:00Z,"[60,60]"

        """
        let loaded = try loadText(text, name: "r.csv")
        #expect(loaded.queryResults.count == 1)
        #expect(loaded.issues.map(\.line) == [2] && loaded.issues.map(\.field) == ["TimeDeltaList"])
        // Two deltas of 60 s from midnight: the last connection at 00:02:00.
        #expect(loaded.queryResults.first?.maxTimestamp.ticks == ticks(1_704_067_200 + 120))
    }

    static func resultObject(ip: String = "192.0.2.1", account: String = "InitiatingProcessAccountName") -> String {
        #"{"DeviceId":"a","DeviceName":"b","\#(account)":"c","InitiatingProcessFileName":"d.exe","RemoteIP":"\#(ip)","RemotePort":80,"min_Timestamp":"2024-01-01T00:00:00Z","TimeDeltaList":[60,60]}"#
    }

    @Test func aMalformedRemoteIPIsReportedLikeAnEventsOne() throws {
        let text = "[\n" + Self.resultObject() + ",\n" + Self.resultObject(ip: "203.0.113.300") + "\n]\n"
        let loaded = try loadText(text, name: "r.json")
        #expect(loaded.queryResults.count == 1)
        // Array elements are reported at their line (line 3 here), as event arrays are.
        #expect(loaded.issues == [IngestIssue(file: "r.json", line: 3, field: "RemoteIP",
                                              message: "not an IPv4 or IPv6 address \"203.0.113.300\"")])
    }

    @Test func oneRowWithADamagedKeyDoesNotRefuseTheFile() throws {
        // The first row's account column is misspelt: the columns are those of every row together, so the file
        // is read, and that row has an empty account.
        let text = "[\n" + Self.resultObject(account: "InitiatingProcessAccountNane") + ",\n" + Self.resultObject() + "\n]\n"
        let loaded = try loadText(text, name: "r.json")
        #expect(loaded.queryResults.count == 2)
        #expect(loaded.queryResults.first?.key.initiatingProcessAccountName == "")
    }

    @Test func aResultArrayCutShortKeepsItsWholeRows() throws {
        let text = "[\n" + Self.resultObject() + ",\n" + Self.resultObject() + ",\n" + Self.resultObject().prefix(40)
        let loaded = try loadText(text, name: "r.json")
        #expect(loaded.queryResults.count == 2)
        #expect(loaded.issues.map(\.line) == [4])
    }
}
