import Testing
@testable import BeaconEngine

/// Issue 17 item 8: the `analyze` table pads and elides by terminal columns (CJK and emoji take two,
/// combining marks none), as the console measures them, so the columns after a wide name stay aligned.
@Suite struct TableWidthTests {
    static let columns = [
        BeaconTable.Column(title: "Device", width: 6, rightAligned: false) { _, _ in "" },
        BeaconTable.Column(title: "N", width: 3, rightAligned: true) { _, _ in "" },
    ]

    @Test func wideAndCombiningCharactersKeepTheColumnsAligned() {
        // Expected lines worked out by hand: Device is 6 columns, one space, N right-aligned in 3.
        let lines = [
            BeaconTable.line(["Device", "N"], Self.columns),
            BeaconTable.line(["abc", "7"], Self.columns),
            BeaconTable.line(["日本語", "7"], Self.columns),  // 3 wide characters: 6 columns, no padding
            BeaconTable.line(["🔥🔥ab", "12"], Self.columns),  // 2 emoji (4) + 2 = 6 columns
            BeaconTable.line(["cafe\u{301}", "1"], Self.columns),  // the accent takes no column: 4, pad 2
            BeaconTable.line(["日本語x", "7"], Self.columns),  // 7 columns: 日本 (4) + … (1), pad 1
        ]
        #expect(lines == [
            "Device   N",
            "abc      7",
            "日本語   7",
            "🔥🔥ab  12",
            "cafe\u{301}     1",
            "日本…    7",
        ])
    }
}
