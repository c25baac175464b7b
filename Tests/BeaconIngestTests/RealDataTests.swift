import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// RITA's proxy capture converted to DeviceNetworkEvents (Fixtures/LICENSE-NOTE.md). Expected values come
/// from the capture's README and its original Zeek conn.log, not from this program.
@Suite struct RealDataTests {
    @Test func ritaProxyCaptureLoadsEveryRow() throws {
        let path = fixturePath("proxy.zeekconn.csv")
        let result = try EventLoader.load(paths: [path])
        #expect(result.table.count == 463)
        #expect(result.skippedRows == 0)
        #expect(result.issues.isEmpty)
        #expect(result.files.first?.format == .csv)
        #expect(result.files.first?.rowsRead == 463)

        // The first conn.log record: ts 1672843056.913119, 10.136.0.18 -> 10.136.0.16:3128 (www.google.com).
        let first = result.table.event(at: 0)
        #expect(first.timestamp.ticks == ticks(1_672_843_056, 9_131_190))
        #expect(first.deviceName == "10.136.0.18")
        #expect(first.deviceId == "a5e3c9f1b93acc90a3a042126b1a70125d826ab0")
        #expect(first.remoteIP == "10.136.0.16")
        #expect(first.remotePort == 3128)
        #expect(first.remoteUrl == "www.google.com")
        #expect(first.actionType == "ConnectionSuccess")
        #expect(first.remoteIPType == "Private")
        #expect(first.initiatingProcessFileName == "")
        #expect(first.initiatingProcessAccountName == "")

        // README: 397 CONNECT www.honestimnotevil.com through the proxy.
        #expect(result.table.events.filter { $0.remoteUrl == "www.honestimnotevil.com" }.count == 397)
        // README: the capture ends 2023-01-05 18:48 UTC (last record 18:48:42.948240 = 1672944522 s).
        #expect(result.table.latest?.ticks == ticks(1_672_944_522, 9_482_400))
    }

    @Test func sameCaptureGzippedGivesTheSameTable() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: fixturePath("proxy.zeekconn.csv"))))
        let plain = try EventLoader.load(bytes: bytes, name: "proxy.csv")
        let compressed = try EventLoader.load(bytes: try gzipped(bytes), name: "proxy.csv.gz")
        #expect(compressed.files.first?.compressed == true)
        #expect(compressed.table.count == plain.table.count)
        #expect((0..<plain.table.count).allSatisfy { compressed.table.event(at: $0) == plain.table.event(at: $0) })
    }
}
