import BeaconEngine
import Foundation
import Testing
@testable import Triage

/// One beacon whose names are attacks on a spreadsheet, a terminal and a Markdown viewer.
enum HostileFixture {
    static let device = "ws|1*_`<img src=x>`[a](http://evil.example)\u{1B}[2J"
    static let process = "=HYPERLINK(\"http://evil.example\",\"click\")"

    static let analysis: BeaconAnalysis = {
        let events = Fixture.series(device: device, account: "@admin", process: process, ip: "203.0.113.66", port: 443,
                                    url: "www.evil.example", gaps: Array(repeating: 60, count: 16))
        return BeaconQuery.run(EventTable(events), parameters: QueryParameters(mode: .corrected))
    }()

    static var row: ExportRow {
        let candidate = analysis.beacons[0]
        let decision = TriageDecision(scope: .exactBeacon(candidate.key), status: .malicious, note: "+SUM(A1:A9)\u{202E}",
                                      reason: "-1, \"quoted\"", author: "alice", created: date())
        return ExportRow(candidate: candidate, status: .malicious, decision: decision)
    }
}

let context = ExportContext(dataSet: "day|1.csv", parameters: QueryParameters(mode: .corrected),
                            window: Fixture.analysis.window, eventCount: 85, filter: "jitter:<20 -status:fp",
                            generated: date(), author: "alice")

@Suite struct ExportRowTests {
    let book: TriageBook = {
        var book = TriageBook()
        book.mark([Fixture.beacon(ws20).key], scope: .processToDestination, status: .falsePositive, author: "a", at: date())
        book.mark([Fixture.beacon(ws14).key], scope: .exactBeacon, status: .malicious, author: "a", at: date())
        return book
    }()

    @Test func falsePositivesAreLeftOutUnlessAskedFor() {
        let rows = ExportRow.rows(Fixture.analysis.beacons, book: book, at: date(1))
        #expect(Set(rows.map(\.candidate.key.deviceName)) == [ws14, ws15, db01, ws30])
        let all = ExportRow.rows(Fixture.analysis.beacons, book: book, at: date(1), includeFalsePositives: true)
        #expect(all.map(\.candidate.key) == Fixture.analysis.beacons.map(\.key))  // the query's order is kept
        #expect(all.first { $0.candidate.key.deviceName == ws20 }?.status == .falsePositive)
    }

    @Test func theFilterSeesTheStatus() throws {
        let malicious = ExportRow.rows(Fixture.analysis.beacons, book: book, at: date(1),
                                       filter: try BeaconFilter.parse("status:malicious").get())
        #expect(malicious.map(\.candidate.key.deviceName) == [ws14])
        #expect(malicious[0].decision?.scope.kind == .exactBeacon)
        let fp = ExportRow.rows(Fixture.analysis.beacons, book: book, at: date(1),
                                filter: try BeaconFilter.parse("status:fp").get(), includeFalsePositives: true)
        #expect(fp.map(\.candidate.key.deviceName) == [ws20])
    }
}

@Suite struct CSVExportTests {
    @Test func theHeaderIsTheKQLColumnsThenTheTriageColumns() {
        let text = CSVExport.render([])
        #expect(text == BeaconRecord.columnNames.joined(separator: ",") + ",Status,Note,Reason\r\n")
        #expect(CSVExport.columnNames.count == 33)
    }

    @Test func formulasAreDefusedAndCellsQuoted() {
        let text = CSVExport.render([HostileFixture.row])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines[2].isEmpty)
        let row = lines[1]
        // The process cell: prefixed with ' (not a formula) and quoted (it holds quotes and a comma).
        #expect(row.contains(#","'=HYPERLINK(""http://evil.example"",""click"")","#))
        #expect(row.hasPrefix("id-ws|1*_`<img src=x>`[a](http://evil.example)\\x1b[2J,"))
        #expect(row.contains(",@admin,") == false)
        #expect(row.contains(",'@admin,CORP,"))
        #expect(row.hasSuffix(#",malicious,'+SUM(A1:A9)<U+202E>,"'-1, ""quoted""""#))
    }

    @Test func numbersAreWrittenAsAnalyzeWritesThem() {
        let candidate = Fixture.beacon(ws14)
        let row = CSVExport.render([ExportRow(candidate: candidate, status: .new, decision: nil)]).components(separatedBy: "\r\n")[1]
        let expected = BeaconRecord(candidate).columns.map { csvCell($0.value) }.joined(separator: ",") + ",new,,"
        #expect(row == expected)
        #expect(row.contains(",443,2,16,"))  // RemotePort, dcount_DeviceId, count_
    }
}

@Suite struct JSONExportTests {
    @Test func anArrayOfObjectsWithTheKQLNamesAndTheTriageFields() throws {
        let plain = ExportRow(candidate: Fixture.beacon(ws30), status: .new, decision: nil)
        let text = JSONExport.render([HostileFixture.row, plain])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        #expect(parsed[0]["InitiatingProcessFileName"] as? String == HostileFixture.process)
        #expect(parsed[0]["DeviceName"] as? String == HostileFixture.device)
        #expect(parsed[0]["Status"] as? String == "malicious")
        #expect(parsed[0]["Note"] as? String == "+SUM(A1:A9)\u{202E}")
        #expect(parsed[0]["TriageScope"] as? String == "exact-beacon")
        #expect(parsed[0]["TriageAuthor"] as? String == "alice")
        #expect(parsed[0]["TriageUpdated"] as? String == "2024-05-01T10:00:00.000Z")
        #expect(parsed[1]["RemotePort"] is NSNull)
        #expect(parsed[1]["TriageScope"] is NSNull)
        #expect(parsed[1]["Note"] as? String == "")
        #expect((parsed[1]["TimeDeltaList"] as? [Int])?.count == 16)
        #expect(Set(parsed[1].keys) == Set(BeaconRecord.columnNames + ["Status", "Note", "Reason", "TriageScope", "TriageAuthor", "TriageUpdated"]))
        #expect(JSONExport.render([]) == "[]\n")
    }
}

@Suite struct MarkdownReportTests {
    @Test func dataIsEscapedForMarkdown() {
        #expect(markdownEscaped("a|b*c_d`e<f>[g](h)") == #"a\|b\*c\_d\`e\<f\>\[g\]\(h\)"#)
        #expect(markdownEscaped("\u{1B}[2J \u{202E}x") == #"\\x1b\[2J \<U+202E\>x"#)
        #expect(markdownEscaped("@admin www.evil.com WWW.x http://a.b/c") == #"\@admin www\.evil.com WWW\.x http\://a.b/c"#)
        #expect(markdownEscaped("a\nb") == #"a\\x0ab"#)
        #expect(markdownEscaped("plain-text 1.5 ok") == "plain-text 1.5 ok")
    }

    @Test func theReportTellsHowTheFindingsWereFound() {
        let report = MarkdownReport.render([HostileFixture.row], context: context)
        let lines = report.components(separatedBy: "\n")
        #expect(lines[0] == "# Beacon triage report")
        #expect(lines.contains(#"- **Data set:** day\|1.csv (85 events loaded)"#))
        #expect(lines.contains("- **Generated:** 2024-05-01T10:00:00.000Z by alice"))
        #expect(lines.contains { $0.hasPrefix("- **Window:** 2024-04-18T") && $0.contains("anchored on the latest event") })
        #expect(lines.contains("- **Mode:** corrected"))
        #expect(lines.contains("- **Thresholds:** more than 15 and fewer than 86399000 distinct timestamps; jitter below 50 %; an outlier scores above 2 or below -2; at most 3 outliers; at most 10 devices per destination"))
        #expect(lines.contains(#"- **Filter:** jitter:\<20 -status:fp"#))
        #expect(lines.contains("- **Findings:** 1 (1 malicious)"))
    }

    @Test func aFindingHasItsKeyStatisticsTrailAndHistogram() {
        let report = MarkdownReport.render([HostileFixture.row], context: context)
        let device = #"ws\|1\*\_\`\<img src=x\>\`\[a\]\(http\://evil.example\)\\x1b\[2J"#
        let process = #"=HYPERLINK\(\"http\://evil.example\",\"click\"\)"#
            .replacingOccurrences(of: #"\""#, with: "\"")
        #expect(report.contains("| 1 | malicious | \(device) | CORP\\\\\\@admin | \(process) | 203.0.113.66:443 | 17 | 1m 00s | 1m 00s | 0 | 0 | 1 |"))
        #expect(report.contains("### 1. \(device) — \(process) → 203.0.113.66:443"))
        #expect(report.contains("- **Status:** malicious (scope: exact beacon; by alice, 2024-05-01T10:00:00.000Z)"))
        #expect(report.contains(#"- **Note:** +SUM\(A1:A9\)\<U+202E\>"#))
        #expect(report.contains(#"- **Reason:** -1, "quoted""#))
        #expect(report.contains(#"- **Domains:** www\.evil.example"#))
        #expect(report.contains("| Jitter | 0 % |"))
        #expect(report.contains("| Percentiles 5 / 25 / 50 / 75 / 95 | 60 s (1m 00s) / 60 s (1m 00s) / 60 s (1m 00s) / 60 s (1m 00s) / 60 s (1m 00s) |"))
        #expect(report.contains("1. events: passed — distinct timestamps 17 \\> 15"))
        #expect(report.contains("```\nbin width 1s\n1m 00s | ######################################## 16\n```"))
        // Nothing raw: no ESC, no override, no unescaped tag.
        #expect(!report.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        let characters = Array(report)
        let rawAngles = characters.indices.filter { characters[$0] == "<" && (($0 == 0) || characters[$0 - 1] != "\\") }
        #expect(rawAngles.isEmpty)
    }

    @Test func anEmptyReportSaysSo() {
        let report = MarkdownReport.render([], context: context)
        #expect(report.contains("No beacons matched."))
        #expect(report.contains("- **Findings:** 0\n"))
        #expect(!report.contains("## Findings"))
    }
}

@Suite struct DeltaHistogramTests {
    @Test func binsAreNiceAndOutliersCounted() {
        let lines = DeltaHistogramText.render(deltas: [10, 10, 12, 40], outliers: [false, false, false, true],
                                              maxBins: 4, barWidth: 4)
        #expect(lines == [
            "bin width 10s (a bin holds lower ≤ Δ < upper)",
            "10s – 20s | #### 3",
            "20s – 30s |      0",
            "30s – 40s |      0",
            "40s – 50s | #    1  (1 outlier)",
        ])
    }

    @Test func aNarrowSpanGetsABinPerSecond() {
        let bins = DeltaHistogramText.bins(deltas: [58, 60, 60, 61], outliers: [], maxBins: 16)
        #expect(bins.map(\.lower) == [58, 59, 60, 61])
        #expect(bins.map(\.count) == [1, 0, 2, 1])
        #expect(DeltaHistogramText.render(deltas: [300, 300], outliers: [], barWidth: 4) == ["bin width 1s", "5m 00s | #### 2"])
        #expect(DeltaHistogramText.render(deltas: [], outliers: []) == ["(no deltas)"])
    }

    @Test func aWideSpanStaysWithinTheBinLimit() {
        let bins = DeltaHistogramText.bins(deltas: [50, 70, 3600, 86_400], outliers: [], maxBins: 16)
        #expect(bins.count <= 16)
        #expect(bins.first?.lower == 0)
        #expect(bins.reduce(0) { $0 + $1.count } == 4)
        #expect(bins[1].lower - bins[0].lower == 7200)
    }
}

@Suite struct ExportWriteTests {
    @Test func anExistingFileIsReplacedOnlyWhenAsked() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/findings.md"
        let rows = [HostileFixture.row]
        try TriageExport.write(rows, format: .md, context: context, to: path, overwrite: false)
        #expect(readText(path) == MarkdownReport.render(rows, context: context))
        #expect(throws: TriageStorageError.exists(path: path)) {
            try TriageExport.write([], format: .md, context: context, to: path, overwrite: false)
        }
        #expect(readText(path) == MarkdownReport.render(rows, context: context))
        try TriageExport.write([], format: .csv, context: context, to: path, overwrite: true)
        #expect(readText(path) == CSVExport.render([]))
    }

    @Test func formatsAreNamedAsTyped() {
        #expect(ExportFormat(name: "Markdown") == .md)
        #expect(ExportFormat(name: "CSV") == .csv)
        #expect(ExportFormat(name: "xlsx") == nil)
    }
}
