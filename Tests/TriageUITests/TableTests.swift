import Testing
@testable import TriageUI

/// The beacon list's columns, as the console lays them out: priorities decide what drops first.
let beaconColumns: [TableColumn] = [
    TableColumn("#", minWidth: 3, alignment: .right, priority: 100),
    TableColumn("Device", minWidth: 8, preferredWidth: 16, flexible: true, priority: 90),
    TableColumn("Account", minWidth: 6, preferredWidth: 12, flexible: true, priority: 40),
    TableColumn("Process", minWidth: 8, preferredWidth: 16, flexible: true, priority: 80),
    TableColumn("Remote", minWidth: 15, preferredWidth: 21, priority: 85),
    TableColumn("Domain", minWidth: 8, preferredWidth: 20, flexible: true, priority: 60),
    TableColumn("Events", minWidth: 6, alignment: .right, priority: 70),
    TableColumn("Median", minWidth: 7, alignment: .right, priority: 50),
    TableColumn("Avg", minWidth: 7, alignment: .right, priority: 30),
    TableColumn("Jitter", minWidth: 6, alignment: .right, priority: 75),
    TableColumn("Outl", minWidth: 4, alignment: .right, priority: 20),
    TableColumn("Devs", minWidth: 4, alignment: .right, priority: 35),
]

let beaconRows: [TableRow] = [
    TableRow(["1", "WS-FINANCE-042", "alice", "rundll32.exe", "203.0.113.50:443", "cdn.example-updates.com", "288",
              "5m 00s", "5m 01s", "2.1", "0", "1"], status: "●"),
    TableRow(["2", "東京-サーバー01", "svc_backup", "powershell.exe", "198.51.100.7:8443", "api.東京.jp", "96",
              "15m 00s", "15m 04s", "4.8", "2", "3"], role: .rowInvestigating, status: "?"),
    TableRow(["3", "LAB-\u{1b}[31mPC", "bob", "evil\u{1b}[31m.exe", "192.0.2.1:80", "x.test", "20", "1h 00m",
              "59m 58s", "9.9", "1", "1"], role: .rowMalicious, status: "✗"),
]

@Suite struct TableLayoutTests {
    // Minimum widths add up to 82 and preferred to 122, plus 11 separators: 93 and 133.

    @Test func at200EveryColumnHasItsPreferredWidthAndFlexibleOnesShareTheRest() {
        // 200 - 133 = 67 spare, shared by Device, Account, Process, Domain: 17, 17, 17, 16.
        let expected = [(0, 0, 3), (1, 4, 33), (2, 38, 29), (3, 68, 33), (4, 102, 21), (5, 124, 36), (6, 161, 6),
                        (7, 168, 7), (8, 176, 7), (9, 184, 6), (10, 191, 4), (11, 196, 4)]
        #expect(tableLayout(beaconColumns, width: 200) == expected.map { ColumnPlacement(column: $0.0, x: $0.1, width: $0.2) })
    }

    @Test func at120NothingDropsAndTheMostImportantColumnsGrowFirst() {
        // 27 spare over the minimums: Device +8, Remote +6, Process +8, Domain +5 (of 12); the rest stay minimal.
        let expected = [(0, 0, 3), (1, 4, 16), (2, 21, 6), (3, 28, 16), (4, 45, 21), (5, 67, 13), (6, 81, 6),
                        (7, 88, 7), (8, 96, 7), (9, 104, 6), (10, 111, 4), (11, 116, 4)]
        #expect(tableLayout(beaconColumns, width: 120) == expected.map { ColumnPlacement(column: $0.0, x: $0.1, width: $0.2) })
    }

    @Test func at80TheLowestPrioritiesDropOut() {
        // 93 > 80: Outl (20) drops (88), then Avg (30) (80): the rest fit exactly at their minimums.
        let expected = [(0, 0, 3), (1, 4, 8), (2, 13, 6), (3, 20, 8), (4, 29, 15), (5, 45, 8), (6, 54, 6),
                        (7, 61, 7), (9, 69, 6), (11, 76, 4)]
        #expect(tableLayout(beaconColumns, width: 80) == expected.map { ColumnPlacement(column: $0.0, x: $0.1, width: $0.2) })
    }

    @Test func tooNarrowForAnyColumnShowsTheMostImportantOneAlone() {
        #expect(tableLayout(beaconColumns, width: 2) == [ColumnPlacement(column: 0, x: 0, width: 2)])
        #expect(tableLayout(beaconColumns, width: 0).isEmpty)
        #expect(tableLayout([], width: 80).isEmpty)
    }

    @Test func scrollOffsetKeepsTheSelectionVisibleWithTheLeastMovement() {
        #expect(scrollOffsetKeepingVisible(selected: 15, offset: 0, visibleRows: 10, rowCount: 30) == 6)
        #expect(scrollOffsetKeepingVisible(selected: 3, offset: 6, visibleRows: 10, rowCount: 30) == 3)
        #expect(scrollOffsetKeepingVisible(selected: 8, offset: 2, visibleRows: 10, rowCount: 30) == 2)
        #expect(scrollOffsetKeepingVisible(selected: nil, offset: 100, visibleRows: 10, rowCount: 30) == 20)
        #expect(scrollOffsetKeepingVisible(selected: 2, offset: 5, visibleRows: 10, rowCount: 4) == 0)
        #expect(scrollOffsetKeepingVisible(selected: 0, offset: 0, visibleRows: 0, rowCount: 4) == 0)
    }
}

@Suite struct TableSnapshotTests {
    func table() -> Table {
        Table(columns: beaconColumns, rows: beaconRows, selected: 1, sortColumn: 6, sortAscending: false)
    }

    @Test func at80ColumnsCellsAreElidedAndWideAndHostileValuesStayInTheirColumns() {
        // Two columns go to the status glyph, so the layout has 78: Outl, Avg and Devs drop, Device gets +3.
        // The sort column is too narrow for "Events ▼": the title is elided and the ▼ kept.
        let buffer = draw(width: 80, height: 4) { table().render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "    # Device      Accou… Process  Remote          Domain   Eve… ▼  Median Jitter",
            "●   1 WS-FINANCE… alice  rundll3… 203.0.113.50:4… cdn.exa…    288  5m 00s    2.1",
            "?   2 東京-サー…  svc_b… powersh… 198.51.100.7:8… api.東…      96 15m 00s    4.8",
            "✗   3 LAB-\\x1b[3… bob    evil\\x1… 192.0.2.1:80    x.test       20  1h 00m    9.9"
        ))
    }

    @Test func at120ColumnsEverythingShowsAndTheEscapeSequenceIsPrintedEscaped() {
        let buffer = draw(width: 120, height: 4) { table().render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "    # Device           Accou… Process          Remote                Domain      Eve… ▼  Median     Avg Jitter Outl Devs",
            "●   1 WS-FINANCE-042   alice  rundll32.exe     203.0.113.50:443      cdn.exampl…    288  5m 00s  5m 01s    2.1    0    1",
            "?   2 東京-サーバー01  svc_b… powershell.exe   198.51.100.7:8443     api.東京.jp     96 15m 00s 15m 04s    4.8    2    3",
            "✗   3 LAB-\\x1b[31mPC   bob    evil\\x1b[31m.exe 192.0.2.1:80          x.test          20  1h 00m 59m 58s    9.9    1    1"
        ))
        #expect(!buffer.cells.contains { $0.glyph == "\u{1b}" })
    }

    @Test func theSelectedRowIsInRowSelectedAndOtherRowsKeepTheirRole() {
        let buffer = draw(width: 80, height: 4) { table().render(into: &$0, area: $1) }
        #expect(roles(buffer, y: 0, 0..<80) == [.header])
        #expect(roles(buffer, y: 1, 0..<80) == [.normal])
        #expect(roles(buffer, y: 2, 0..<80) == [.rowSelected])
        #expect(roles(buffer, y: 3, 0..<80) == [.rowMalicious])
    }

    @Test func ascendingSortShowsTheUpTriangleWhenTheTitleFits() {
        var wide = table()
        wide.sortColumn = 1
        wide.sortAscending = true
        let buffer = draw(width: 120, height: 1) { wide.render(into: &$0, area: $1) }
        #expect(buffer.text() == "    # Device ▲         Accou… Process          Remote                Domain      Events  Median     Avg Jitter Outl Devs")
    }

    @Test func scrollingKeepsTheSelectedRowOnScreen() {
        let rows = (0..<20).map { TableRow(["\($0 + 1)", "host-\($0)"]) }
        let columns = [TableColumn("#", minWidth: 3, alignment: .right, priority: 2), TableColumn("Device", minWidth: 8, priority: 1)]
        let table = Table(columns: columns, rows: rows, selected: 10, scrollOffset: 0, showsStatus: false)
        let buffer = draw(width: 20, height: 5) { table.render(into: &$0, area: $1) }
        #expect(table.effectiveScrollOffset(height: 5) == 7)
        #expect(buffer.text() == screen(
            "  # Device",
            "  8 host-7",
            "  9 host-8",
            " 10 host-9",
            " 11 host-10"
        ))
        #expect(roles(buffer, y: 4, 0..<20) == [.rowSelected])
        #expect(table.rowIndex(atY: 2, area: buffer.bounds) == 8)
        #expect(table.rowIndex(atY: 0, area: buffer.bounds) == nil)
    }

    @Test func tinyAndOffScreenAreasDoNotCrash() {
        for (width, height) in [(0, 0), (1, 1), (3, 1), (80, 1)] {
            _ = draw(width: width, height: height) { table().render(into: &$0, area: $1) }
        }
        var buffer = ScreenBuffer(width: 10, height: 3)
        table().render(into: &buffer, area: Rect(x: 50, y: 40, width: 80, height: 4))
        table().render(into: &buffer, area: Rect(x: -5, y: -2, width: 12, height: 4))
        #expect(buffer.text().count >= 0)
    }
}
