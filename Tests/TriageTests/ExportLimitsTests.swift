import BeaconEngine
import Foundation
import Testing
@testable import Triage

/// Hand-made series for the exports' limits: a beacon too busy for a spreadsheet cell, and two whose
/// outliers the report lists with their times.
enum LimitFixture {
    /// 40,001 connections 2 s apart (22 h 13 m 20 s, inside the 1-day window): 40,000 deltas of 2 s,
    /// `[2,2,…,2]` is 80,001 characters of JSON. Corrected mode: jitter 0, no outlier, reported.
    static let busy: BeaconCandidate = {
        let events = Fixture.series(device: "ws-busy", account: "eve", process: "beacon.exe", ip: "203.0.113.40", port: 443,
                                    gaps: Array(repeating: 2, count: 40_000))
        return BeaconQuery.run(EventTable(events), parameters: QueryParameters(mode: .corrected)).beacons[0]
    }()

    /// 41 connections from 01:00:00 on 2024-04-19, 40 deltas: ten of 60 s, 59 s, ten of 60, 61, ten of 60,
    /// 59, six of 60, 61. Sorted, indices 2 to 37 are 60, so linear P10 (position 3.9) and P90 (35.1) are
    /// both 60: faithful mode divides by a zero spread and the two 59s score −∞, the two 61s +∞. Four
    /// outliers > 3: rejected at the outlier stage.
    static let zeroSpread: BeaconCandidate = {
        let gaps: [Int64] = Array(repeating: 60, count: 10) + [59] + Array(repeating: 60, count: 10) + [61]
            + Array(repeating: 60, count: 10) + [59] + Array(repeating: 60, count: 6) + [61]
        let events = Fixture.series(device: "ws-perfect", account: "eve", process: "msedge.exe", ip: "203.0.113.41", port: 443,
                                    gaps: gaps)
        return BeaconQuery.run(EventTable(events), parameters: QueryParameters(mode: .faithful)).candidates[0]
    }()

    /// 22 connections from 01:00:00, 21 deltas: five pairs of 58, 62 s, one of 120 s, five pairs again.
    /// Sorted: ten 58s, ten 62s, 120; P10 (position 2) is 58, P90 (position 18) 62, spread 4. The 120 s
    /// delta scores (120 − 62) / 4 × 2.772605605507915 = 40.2; 58 and 62 are on the fences, score 0.
    /// Jitter about 21 %, one outlier ≤ 3: reported in faithful mode.
    static let oneGap: BeaconCandidate = {
        let pairs: [Int64] = Array([[58, 62], [58, 62], [58, 62], [58, 62], [58, 62]].joined())
        let events = Fixture.series(device: "ws-gap", account: "eve", process: "agent.exe", ip: "203.0.113.42", port: 443,
                                    gaps: pairs + [120] + pairs)
        return BeaconQuery.run(EventTable(events), parameters: QueryParameters(mode: .faithful)).beacons[0]
    }()

    static func context(_ mode: QueryMode) -> ExportContext {
        ExportContext(dataSet: "limits", parameters: QueryParameters(mode: mode), window: Fixture.analysis.window,
                      generated: date(), author: "alice")
    }
}

/// A CSV line's cells as a spreadsheet reads them (RFC 4180: quoted cells, doubled quotes).
func csvFields(_ line: String) -> [String] {
    var fields: [String] = [], field = "", quoted = false
    var characters = Array(line)[...]
    while let character = characters.popFirst() {
        if quoted {
            if character == "\"" {
                if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
            } else {
                field.append(character)
            }
        } else if character == "\"" {
            quoted = true
        } else if character == "," {
            fields.append(field)
            field = ""
        } else {
            field.append(character)
        }
    }
    return fields + [field]
}

@Suite struct CSVCellLimitTests {
    let deltaColumn = BeaconRecord.columnNames.firstIndex(of: "TimeDeltaList")!

    @Test func aDeltaListLongerThanExcelHoldsIsCutWithAMarker() throws {
        let row = ExportRow(candidate: LimitFixture.busy, status: .new, decision: nil)
        let line = CSVExport.render([row]).components(separatedBy: "\r\n")[1]
        let cell = csvFields(line)[deltaColumn]
        // "[" and k values "2," take 1 + 2k; the marker "… (23,644 more values; full list in the JSON export)]"
        // takes 3 + 6 + 44 = 53 while what is left has five digits grouped as six characters. 2k + 54 ≤ 32,767
        // gives k = 16,356, leaving 40,000 − 16,356 = 23,644 values, and a cell of 32,766.
        let expected = "[" + String(repeating: "2,", count: 16_356) + "… (23,644 more values; full list in the JSON export)]"
        #expect(cell == expected)
        #expect(cell.utf16.count == 32_766)
        #expect(cell.utf16.count <= spreadsheetCellLimit)
    }

    @Test func theJSONExportKeepsEveryValue() throws {
        let row = ExportRow(candidate: LimitFixture.busy, status: .new, decision: nil)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(JSONExport.render([row]).utf8)) as? [[String: Any]])
        let deltas = try #require(parsed[0]["TimeDeltaList"] as? [Int])
        #expect(deltas.count == 40_000)
        #expect(Set(deltas) == [2])
    }

    @Test func aLongNoteIsCutBetweenCharacters() {
        let note = String(repeating: "a", count: 40_000)
        let decision = TriageDecision(scope: .exactBeacon(LimitFixture.oneGap.key), status: .investigating, note: note,
                                      reason: "", author: "alice", created: date())
        let line = CSVExport.render([ExportRow(candidate: LimitFixture.oneGap, status: .investigating, decision: decision)])
            .components(separatedBy: "\r\n")[1]
        let cell = csvFields(line)[BeaconRecord.columnNames.count + 1]
        // The marker "… (7,288 more characters; full text in the JSON export)" is 3 + 5 + 47 = 55: 32,712
        // characters kept fill the cell to exactly 32,767; one more would leave 7,287, still five, and overflow.
        #expect(cell == String(repeating: "a", count: 32_712) + "… (7,288 more characters; full text in the JSON export)")
        #expect(cell.utf16.count == spreadsheetCellLimit)
    }

    @Test func analyzeCSVObeysTheSameLimitAndPointsToItsJSON() {
        let line = AnalysisReport.render([LimitFixture.busy], format: .csv, explain: false).components(separatedBy: "\r\n")[1]
        let cell = csvFields(line)[deltaColumn]
        // " more values; full list with --format json)]" is 44 characters too, so the cut falls at the same place.
        #expect(cell == "[" + String(repeating: "2,", count: 16_356) + "… (23,644 more values; full list with --format json)]")
        let json = AnalysisReport.render([LimitFixture.busy], format: .json, explain: false)
        #expect(json.contains("\"TimeDeltaList\":[" + Array(repeating: "2", count: 40_000).joined(separator: ",") + "]"))
    }

    @Test func shortCellsAreUntouched() {
        #expect(csvCell(.longArray([60, 61])) == "\"[60,61]\"")
        #expect(csvCell(.string(String(repeating: "b", count: spreadsheetCellLimit))).count == spreadsheetCellLimit)
    }
}

@Suite struct MarkdownOutlierTimesTests {
    @Test func eachOutlierHasItsConnectionTimeTheOneBeforeAndItsScore() {
        let report = MarkdownReport.render([ExportRow(candidate: LimitFixture.oneGap, status: .new, decision: nil)],
                                           context: LimitFixture.context(.faithful))
        // Ten deltas of five 58 + 62 pairs end at 01:10:00; the 120 s delta ends at 01:12:00.
        #expect(report.contains("""
            **Outliers**

            | # | Connection (UTC) | Previous connection | Delta | Score |
            |--:|---|---|--:|--:|
            | 1 | 2024-04-19T01:12:00.0000000Z | 2024-04-19T01:10:00.0000000Z | 120 s (2m 00s) | 40.2 |

            """))
        #expect(!report.contains("±∞"))
    }

    @Test func infiniteScoresAreSignedAndExplained() {
        let report = MarkdownReport.render([ExportRow(candidate: LimitFixture.zeroSpread, status: .new, decision: nil)],
                                           context: LimitFixture.context(.faithful))
        // 01:00:00 + 10 × 60 = 01:10:00, + 59 = 01:10:59; + 10 × 60 = 01:20:59, + 61 = 01:22:00;
        // + 10 × 60 = 01:32:00, + 59 = 01:32:59; + 6 × 60 = 01:38:59, + 61 = 01:40:00.
        #expect(report.contains("""
            | 1 | 2024-04-19T01:10:59.0000000Z | 2024-04-19T01:10:00.0000000Z | 59 s | −∞ |
            | 2 | 2024-04-19T01:22:00.0000000Z | 2024-04-19T01:20:59.0000000Z | 61 s (1m 01s) | +∞ |
            | 3 | 2024-04-19T01:32:59.0000000Z | 2024-04-19T01:32:00.0000000Z | 59 s | −∞ |
            | 4 | 2024-04-19T01:40:00.0000000Z | 2024-04-19T01:38:59.0000000Z | 61 s (1m 01s) | +∞ |

            ±∞: P10 = P90: division by zero \\(Q13\\); corrected mode needs a spread ≥ 2 s.
            """))
        #expect(report.contains("outliers: **failed** — outliers 4 \\> 3 \\(score \\> 2 or \\< -3\\); 4 score ±∞: "
                                + "P10 = P90: division by zero \\(Q13\\); corrected mode needs a spread ≥ 2 s"))
    }
}

@Suite struct HistogramBinLabelTests {
    @Test func secondScaleBinsNameTheirSecond() {
        #expect(DeltaHistogramText.render(deltas: [58, 60, 60, 61], outliers: [], barWidth: 2) == [
            "bin width 1s",
            "   58s | #  1",
            "   59s |    0",
            "1m 00s | ## 2",
            "1m 01s | #  1",
        ])
    }

    @Test func minuteBinsOfHourLongDeltasStayApart() {
        // Span 900 s over at most 16 bins: 900 / 16 + 1 = 57 → 60 s bins from 3,600 s, 16 of them.
        let lines = DeltaHistogramText.render(deltas: [3600, 3660, 3720, 4500], outliers: [], barWidth: 4)
        #expect(lines.count == 17)
        #expect(lines[0] == "bin width 1m (a bin holds lower ≤ Δ < upper)")
        #expect(lines[1] == "1h 00m – 1h 01m | #### 1")
        #expect(lines[2] == "1h 01m – 1h 02m | #### 1")
        #expect(lines[4] == "1h 03m – 1h 04m |      0")
        #expect(lines[16] == "1h 15m – 1h 16m | #### 1")
        #expect(Set(lines).count == lines.count)
    }

    @Test func hourBins() {
        // Span 46,400 s: 46,400 / 16 + 1 = 2,901 → 1 h bins from 1 h; 50,000 s falls in 13 h – 14 h.
        let lines = DeltaHistogramText.render(deltas: [3600, 7200, 50_000], outliers: [], barWidth: 4)
        #expect(lines.count == 14)
        #expect(lines[0] == "bin width 1h (a bin holds lower ≤ Δ < upper)")
        #expect(lines[1] == "  1h – 2h | #### 1")
        #expect(lines[2] == "  2h – 3h | #### 1")
        #expect(lines[13] == "13h – 14h | #### 1")
    }

    @Test func dayBins() {
        // Span 777,600 s over 4 bins: 194,401 s wanted, past the nice widths, so whole days: 3 d bins from 0.
        #expect(DeltaHistogramText.render(deltas: [86_400, 864_000], outliers: [], maxBins: 4, barWidth: 4) == [
            "bin width 3d (a bin holds lower ≤ Δ < upper)",
            " 0d – 3d | #### 1",
            " 3d – 6d |      0",
            " 6d – 9d |      0",
            "9d – 12d | #### 1",
        ])
    }

    @Test func boundsAreWrittenDownToTheWidthsUnit() {
        #expect(BinLabel.text(90_061, precision: 3) == "1d 01h 01m 01s")
        #expect(BinLabel.text(3605, precision: 3) == "1h 00m 05s")
        #expect(BinLabel.text(7200, precision: 1) == "2h")
        #expect(BinLabel.text(86_400, precision: 2) == "1d 00h 00m")
        #expect(BinLabel.label(lower: 300, width: 300) == "5m – 10m")
        #expect(BinLabel.label(lower: 3540, width: 60) == "59m – 1h 00m")
    }
}
