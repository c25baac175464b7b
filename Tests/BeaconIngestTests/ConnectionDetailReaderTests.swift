import BeaconEngine
import Foundation
import Testing
@testable import BeaconIngest

/// A beacon's rows read back from a tiny CSV for the connections view, paired with the table's rows;
/// every expected value worked out from the text below.
@Suite struct ConnectionDetailReaderTests {
    /// Line 1 the header; lines 3–4 one record of another process whose quoted URL holds a comma and a
    /// line break; the beacon's five rows on lines 2, 5, 6, 7 and 8 (line 6 repeats line 5's time).
    static let csv = """
    Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,LocalIP,LocalPort,Protocol,InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain,ReportId
    2024-01-01T10:00:00.2000000Z,id-1,dev-1,ConnectionSuccess,203.0.113.7,443,c2.example,Public,10.0.0.5,50001,Tcp,beacon.exe,alice,corp,101
    2024-01-01T10:00:30.0000000Z,id-1,dev-1,ConnectionSuccess,203.0.113.7,443,"x,
    y",Public,10.0.0.5,50100,Tcp,other.exe,alice,corp,102
    2024-01-01T10:01:00.9000000Z,id-1,dev-1,ConnectionSuccess,203.0.113.7,443,c2.example,Public,10.0.0.5,50002,Tcp,beacon.exe,alice,corp,103
    2024-01-01T10:01:00.9000000Z,id-1,dev-1,ConnectionSuccess,203.0.113.7,443,c2.example,Public,10.0.0.5,50003,Tcp,beacon.exe,alice,corp,104
    2024-01-01T10:02:01.1000000Z,id-1,dev-1,ConnectionSuccess,203.0.113.7,443,c2.example,Public,10.0.0.5,50004,Tcp,beacon.exe,alice,corp,105
    2024-01-01T10:07:01.0000000Z,id-1,dev-1,ConnectionSuccess,203.0.113.7,443,c2.example,Public,10.0.0.5,50005,Tcp,beacon.exe,alice,corp,106

    """

    /// 2024-01-01T20:00:00Z as now, two events enough, jitter up to 200 % and the outlier cut at 0.5.
    static func parameters() -> QueryParameters {
        var parameters = QueryParameters()
        parameters.now = Instant(ticks: (1_704_067_200 + 20 * 3600) * Instant.ticksPerSecond)
        parameters.minEvents = 2
        parameters.jitter = 200
        parameters.outlierMax = 0.5
        return parameters
    }

    static func connections(file: String) throws -> [BeaconConnection] {
        let loaded = try EventLoader.load(paths: [file])
        let analysis = BeaconQuery.run(loaded.table, parameters: parameters())
        let candidate = try #require(analysis.candidates.first { $0.key.initiatingProcessFileName == "beacon.exe" })
        let listed = BeaconConnections.list(candidate, in: loaded.table, window: analysis.window, parameters: parameters())
        let read = ConnectionDetailReader.read(paths: [file], key: candidate.key)
        #expect(read.notes.isEmpty)
        return BeaconConnections.attach(read.details, to: listed)
    }

    /// Deltas by second boundaries (S4): 10:01:00 − 10:00:00 = 60, the repeat none (Q5), 10:02:01 −
    /// 10:01:00 = 61, 10:07:01 − 10:02:01 = 300. Sorted 60, 61, 300: P90 = 61 + 0.8 × 239 = 252.2, P10
    /// = 60.2, so only 300 scores above 0.5: 47.8 / 192 × 2.772605605507915 = 0.69.
    @Test(arguments: [false, true])
    func theBeaconsRowsComeBackWithTheirColumnsAndLines(compressed: Bool) throws {
        let scratch = try ScratchDirectory()
        let bytes = Array(Self.csv.utf8)
        let file = try scratch.write(compressed ? "day.csv.gz" : "day.csv", compressed ? try gzipped(bytes) : bytes)
        let connections = try Self.connections(file: file)
        #expect(connections.map(\.deltaSeconds) == [nil, 60, nil, 61, 300])
        #expect(connections.map(\.isOutlier) == [false, false, false, false, true])
        #expect(connections.map { $0.detail?.line } == [2, 5, 6, 7, 8])
        #expect(connections.map { $0.detail?.localPort } == ["50001", "50002", "50003", "50004", "50005"])
        #expect(connections.map { $0.detail?.reportId } == ["101", "103", "104", "105", "106"])
        #expect(connections.allSatisfy {
            $0.detail?.localIP == "10.0.0.5" && $0.detail?.protocolName == "Tcp" && $0.detail?.file == file
        })
    }

    @Test func aFileWithoutTheOptionalColumnsLeavesThemEmpty() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("lean.csv", """
        Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain
        2024-01-01T10:00:00Z,id-1,dev-1,ConnectionSuccess,203.0.113.7,,,Public,beacon.exe,alice,corp

        """)
        let key = BeaconKey(deviceId: "id-1", deviceName: "dev-1", initiatingProcessAccountName: "alice",
                            initiatingProcessAccountDomain: "corp", initiatingProcessFileName: "beacon.exe",
                            remoteIP: "203.0.113.7", remotePort: nil)
        let read = ConnectionDetailReader.read(paths: [file], key: key)
        #expect(read.details == [ConnectionDetail(
            timestamp: Instant(ticks: (1_704_067_200 + 36_000) * Instant.ticksPerSecond), actionType: "ConnectionSuccess",
            remoteUrl: "", localIP: "", localPort: "", protocolName: "", reportId: "", file: file, line: 2)])
        // The same key with port 443 is another group: nothing of it is in the file.
        var other = key
        other.remotePort = 443
        #expect(ConnectionDetailReader.read(paths: [file], key: other).details.isEmpty)
    }

    @Test func otherFormatsAreANoteNotAnError() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("events.jsonl", "{\"Timestamp\": \"2024-01-01T10:00:00Z\"}\n")
        let key = BeaconKey(deviceId: "", deviceName: "", initiatingProcessAccountName: "",
                            initiatingProcessAccountDomain: "", initiatingProcessFileName: "", remoteIP: "", remotePort: nil)
        let read = ConnectionDetailReader.read(paths: [file], key: key)
        #expect(read.details.isEmpty)
        #expect(read.notes == ["\(file): LocalIP, LocalPort, Protocol and ReportId are re-read only from CSV exports"])
    }
}
