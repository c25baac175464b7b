import BeaconEngine
@testable import BeaconIngest
import Foundation
import Testing

/// Zeek logs written by hand in the formats Zeek documents (TSV with `#` headers, JSON lines); expected
/// rows follow from the mapping (docs/INPUT-FORMATS.md), DeviceIds from Python's hashlib.
@Suite struct ZeekLogTests {
    static let originator = "5ac53a1491440a22fe9cda39067ab79641eb9dd7"   // sha1("zeek:10.0.0.1")

    static func tsv(_ rows: [String], path: String = "conn",
                    fields: String = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tconn_state") -> String {
        (["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\t\(path)",
          "#open\t2024-04-19-00-00-01", "#fields\t\(fields)", "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tstring"]
            + rows + ["#close\t2024-04-19-01-00-00"]).joined(separator: "\n") + "\n"
    }

    @Test func tsvConnRecords() throws {
        let text = Self.tsv([
            "1713484795.943239\tCa1\t10.0.0.1\t50000\t64.225.56.201\t80\ttcp\thttp\tSF",
            "1713484796.5\tCa2\t10.0.0.1\t50001\t64.225.56.201\t-\ttcp\t-\tS0",
            "1713484797\tCa3\t10.0.0.1\t8\t2001:DB8::1\t0\ticmp\t(empty)\tOTH",
        ])
        let result = try loadText(text, name: "conn.log")
        #expect(result.files.first?.format == .zeekConnTSV)
        #expect(result.table.count == 3)
        #expect(result.table.event(at: 0) == NetworkEvent(
            timestamp: Instant(ticks: 17_134_847_959_432_390), deviceId: Self.originator, deviceName: "10.0.0.1",
            actionType: "ConnectionSuccess", remoteIP: "64.225.56.201", remotePort: 80, remoteIPType: "Public", source: .zeek))
        // `-` is unset: a null RemotePort, as an empty CSV cell is.
        #expect(result.table.event(at: 1).remotePort == nil)
        #expect(result.table.event(at: 1).actionType == "ConnectionFailed")
        #expect(result.table.event(at: 2).remoteIP == "2001:db8::1")
        #expect(result.table.event(at: 2).actionType == "IcmpConnectionInspected")
        #expect(result.table.event(at: 2).remoteIPType == "Reserved")
    }

    @Test func epochTimesOutsideKustosDatetimeRangeAreReportedNotATrap() throws {
        // 922337203685.4775807 s is Int64.max ticks: rounding it to the microsecond used to overflow and trap.
        // 253402300800 s is 10000-01-01, one second past Kusto's last datetime (`date -u -d 9999-12-31T23:59:59 +%s`
        // is 253402300799); -62135596801 s is one second before 0001-01-01.
        let text = Self.tsv([
            "922337203685.4775807\tCa1\t10.0.0.1\t50000\t64.225.56.201\t80\ttcp\thttp\tSF",
            "253402300800\tCa2\t10.0.0.1\t50000\t64.225.56.201\t80\ttcp\thttp\tSF",
            "-62135596801\tCa3\t10.0.0.1\t50000\t64.225.56.201\t80\ttcp\thttp\tSF",
            "253402300799.999999\tCa4\t10.0.0.1\t50000\t64.225.56.201\t80\ttcp\thttp\tSF",
        ])
        let result = try loadText(text, name: "conn.log")
        #expect(result.issues.map(\.line) == [9, 10, 11])
        #expect(result.issues.allSatisfy { $0.field == "ts" })
        // Kusto's last second, to Zeek's microsecond, still loads.
        #expect(result.table.count == 1)
        #expect(result.table.count == 1 && result.table.event(at: 0).timestamp.ticks == 2_534_023_007_999_999_990)
    }

    /// The real-data READMEs' mapping of conn_state, state by state.
    @Test func connStateToActionType() {
        for state in ["SF", "S1", "S2", "S3", "RSTO", "RSTR"] {
            #expect(ZeekConnMapping.actionType(proto: "tcp", connState: state) == "ConnectionSuccess", "\(state)")
        }
        for state in ["S0", "REJ", "RSTOS0", "RSTRH", "SH", "SHR"] {
            #expect(ZeekConnMapping.actionType(proto: "tcp", connState: state) == "ConnectionFailed", "\(state)")
        }
        for state in ["OTH", "", "XYZ"] {
            #expect(ZeekConnMapping.actionType(proto: "tcp", connState: state) == "ConnectionAttempt", "\(state)")
        }
        for state in ["S0", "SF", "SHR", "OTH"] {
            #expect(ZeekConnMapping.actionType(proto: "udp", connState: state) == "ConnectionSuccess")
        }
        #expect(ZeekConnMapping.actionType(proto: "icmp", connState: "OTH") == "IcmpConnectionInspected")
        #expect(ZeekConnMapping.actionType(proto: "unknown_transport", connState: "OTH") == "ConnectionAttempt")
    }

    @Test func tsvMalformedRowsAreReportedAndTheRestLoads() throws {
        let text = Self.tsv([
            "1713484795.1\tCa1\t10.0.0.1\t1\t64.225.56.201\t80\ttcp\t-\tSF",
            "yesterday\tCa2\t10.0.0.1\t1\t64.225.56.201\t80\ttcp\t-\tSF",
            "1713484795.2\tCa3\tnot-an-ip\t1\t64.225.56.201\t80\ttcp\t-\tSF",
            "1713484795.3\tCa4\t10.0.0.1\t1\t64.225.56.201\t99999\ttcp\t-\tSF",
            "1713484795.4\tCa5\t10.0.0.1",
        ])
        let result = try loadText(text, name: "conn.log")
        #expect(result.table.count == 1)
        // Eight header lines come first: the records are lines 9 to 13.
        #expect(result.issues.map(\.line) == [10, 11, 12, 13])
        #expect(result.issues.map(\.field) == ["ts", "id.orig_h", "id.resp_p", nil])
        #expect(result.issues[3].message == "expected 9 fields as in #fields, found 3")
    }

    /// Concatenated logs: a second header block may change the fields; the separator is read from its
    /// escaped form.
    @Test func headersMayChangeMidFile() throws {
        let first = Self.tsv(["1713484795\tCa1\t10.0.0.1\t1\t8.8.8.8\t53\tudp\tdns\tSF"])
        let second = ["#separator \\x2c", "#path,conn", "#fields,uid,ts,id.orig_h,id.resp_h,id.resp_p,proto,conn_state",
                      "Cb1,1713484796,10.0.0.1,8.8.4.4,53,udp,S0"].joined(separator: "\n")
        let result = try loadText(first + second + "\n", name: "conn.log")
        #expect(result.skippedRows == 0)
        #expect(result.table.count == 2)
        #expect(result.table.event(at: 1).remoteIP == "8.8.4.4")
        #expect(result.table.event(at: 1).timestamp == Instant(ticks: 17_134_847_960_000_000))
    }

    @Test func jsonFieldNameStyles() throws {
        let lines = [
            #"{"ts":1713484795.943239,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"64.225.56.201","id.resp_p":80,"proto":"tcp","conn_state":"SF"}"#,
            #"{"ts":1713484796.0,"uid":"C2","id_orig_h":"10.0.0.1","id_orig_p":1,"id_resp_h":"64.225.56.201","id_resp_p":80,"proto":"tcp","conn_state":"REJ"}"#,
            #"{"ts":"2024-04-19T00:00:00.5Z","uid":"C3","id":{"orig_h":"10.0.0.1","orig_p":1,"resp_h":"64.225.56.201","resp_p":80},"proto":"udp","conn_state":"S0"}"#,
        ]
        let result = try loadText(lines.joined(separator: "\n"), name: "conn.json")
        #expect(result.files.first?.format == .zeekConnJSON)
        #expect(result.table.count == 3)
        #expect(result.table.event(at: 0).timestamp == Instant(ticks: 17_134_847_959_432_390))
        #expect((0..<3).map { result.table.event(at: $0).actionType } == ["ConnectionSuccess", "ConnectionFailed", "ConnectionSuccess"])
        #expect((0..<3).allSatisfy { result.table.event(at: $0).deviceId == Self.originator })
        #expect(result.table.event(at: 2).timestamp == TimestampParser.parse("2024-04-19T00:00:00.5Z")!)
    }

    /// One stream with several logs (`_path`): conn records are events, http/ssl name their hosts, the
    /// rest is counted and left out.
    @Test func mixedJSONStream() throws {
        let lines = [
            #"{"_path":"conn","ts":1713484795,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"64.225.56.201","id.resp_p":443,"proto":"tcp","conn_state":"SF"}"#,
            #"{"_path":"ssl","ts":1713484795.1,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"64.225.56.201","id.resp_p":443,"server_name":"tls.example.org"}"#,
            #"{"_path":"dns","ts":1713484795.2,"uid":"C9","id.orig_h":"10.0.0.1","id.resp_h":"8.8.8.8","id.resp_p":53,"query":"example.org"}"#,
            #"{"_path":"http","ts":1713484796,"uid":"C2","id.orig_h":"10.0.0.1","id.resp_h":"64.225.56.201","id.resp_p":80,"host":"web.example.org"}"#,
            #"{"_path":"conn","ts":1713484796,"uid":"C2","id.orig_h":"10.0.0.1","id.resp_h":"64.225.56.201","id.resp_p":80,"proto":"tcp","conn_state":"SF"}"#,
        ]
        let result = try loadText(lines.joined(separator: "\n"), name: "zeek.json")
        #expect(result.table.count == 2)
        #expect(result.table.event(at: 0).remoteUrl == "tls.example.org")
        #expect(result.table.event(at: 1).remoteUrl == "web.example.org")
        #expect(result.files.first?.rowsIgnored == 1)
    }

    /// http's `host` is preferred to ssl's `server_name`, and the first non-empty value of each wins.
    @Test func hostIndexOrder() {
        var index = ZeekHostIndex()
        index.add(kind: .ssl, uid: "C1", host: "sni.example")
        index.add(kind: .http, uid: "C1", host: "")
        index.add(kind: .http, uid: "C1", host: "first.example")
        index.add(kind: .http, uid: "C1", host: "second.example")
        index.add(kind: .ssl, uid: "C2", host: "only-sni.example")
        #expect(index.host(for: "C1") == "first.example")
        #expect(index.host(for: "C2") == "only-sni.example")
        #expect(index.host(for: "C3") == nil)
    }

    @Test func companionNames() {
        #expect(ZeekCompanionLogs.candidates(forConnLog: "/logs/2024-04-19/conn.00_00_00-01_00_00.log.gz") == [
            "/logs/2024-04-19/http.00_00_00-01_00_00.log.gz", "/logs/2024-04-19/http.00_00_00-01_00_00.log",
            "/logs/2024-04-19/ssl.00_00_00-01_00_00.log.gz", "/logs/2024-04-19/ssl.00_00_00-01_00_00.log",
        ])
        #expect(ZeekCompanionLogs.candidates(forConnLog: "/logs/NASHUA_conn.log") == [
            "/logs/NASHUA_http.log", "/logs/NASHUA_http.log.gz", "/logs/NASHUA_ssl.log", "/logs/NASHUA_ssl.log.gz",
        ])
        // `conn` must stand alone in the name.
        #expect(ZeekCompanionLogs.candidates(forConnLog: "/logs/connections.log").isEmpty)
        #expect(ZeekCompanionLogs.candidates(forConnLog: "/logs/reconn-conn.log").first == "/logs/reconn-http.log")
    }

    /// A conn log loaded by path finds its http and ssl logs beside it; loaded from bytes it has no folder.
    @Test func companionsBesideAConnLog() throws {
        let scratch = try ScratchDirectory()
        let conn = try scratch.write("SITE_conn.log", Self.tsv(["1713484795\tCx\t10.0.0.1\t1\t64.225.56.201\t443\ttcp\tssl\tSF"]))
        try scratch.write("SITE_ssl.log", Self.tsv(["1713484795.1\tCx\ttls.example.org"], path: "ssl",
                                                  fields: "ts\tuid\tserver_name"))
        try scratch.write("OTHER_ssl.log", Self.tsv(["1713484795.1\tCx\twrong.example.org"], path: "ssl",
                                                   fields: "ts\tuid\tserver_name"))
        let result = try EventLoader.load(paths: [conn])
        #expect(result.table.event(at: 0).remoteUrl == "tls.example.org")
        #expect(result.files.map(\.format) == [.zeekConnTSV, .zeekSSL])
        let bytes = try EventLoader.load(bytes: Array(try String(contentsOfFile: conn, encoding: .utf8).utf8), name: conn)
        #expect(bytes.table.event(at: 0).remoteUrl == "")
    }

    @Test func otherZeekLogsAreNotConnections() throws {
        let dns = Self.tsv(["1713484795\tCd\t10.0.0.1\texample.org"], path: "dns", fields: "ts\tuid\tid.orig_h\tquery")
        #expect(throws: LoadError.unknownFormat(path: "dns.log", reason: "a Zeek dns log; only conn logs (with their http and ssl logs) hold connections")) {
            try loadText(dns, name: "dns.log")
        }
    }
}
