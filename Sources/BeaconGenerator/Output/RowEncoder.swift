/// The columns of every generated file, in this order: what Defender's DeviceNetworkEvents export has
/// for the query's columns, plus LocalIP/LocalPort/Protocol/InitiatingProcessId for realism.
public let generatedColumns = [
    "Timestamp", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteUrl", "RemoteIPType",
    "LocalIP", "LocalPort", "Protocol", "InitiatingProcessFileName", "InitiatingProcessAccountName",
    "InitiatingProcessAccountDomain", "InitiatingProcessId",
]

/// Encodes events as CSV rows or JSON lines straight into the output buffer, copying each string's
/// pre-encoded bytes from the string table.
final class RowEncoder {
    let format: GeneratedFormat
    private let buffer: OutputBuffer
    private let timestamps = TimestampEncoder()
    private let bytes: UnsafeMutablePointer<UInt8>
    private let offsets: UnsafeMutablePointer<Int>
    private let deviceIds: UnsafeMutablePointer<StringTable.ID>
    private let deviceNames: UnsafeMutablePointer<StringTable.ID>
    private let deviceCount: Int
    /// JSON lines: the text before each value (`{"Timestamp":"`, `","DeviceId":`, `,"DeviceName":` ...).
    private let jsonKeys: [[UInt8]]
    private static let null = Array("null".utf8)
    /// An upper bound on one row's size.
    let maxRowBytes: Int

    init(format: GeneratedFormat, table: StringTable, fleet: Fleet, buffer: OutputBuffer) {
        self.format = format
        self.buffer = buffer
        let encoded = format == .csv ? table.csvBytes : table.jsonBytes
        let encodedOffsets = format == .csv ? table.csvOffsets : table.jsonOffsets
        bytes = .allocate(capacity: max(1, encoded.count))
        bytes.initialize(from: encoded, count: encoded.count)
        offsets = .allocate(capacity: encodedOffsets.count)
        offsets.initialize(from: encodedOffsets, count: encodedOffsets.count)
        deviceCount = fleet.count
        deviceIds = .allocate(capacity: fleet.count)
        deviceNames = .allocate(capacity: fleet.count)
        for device in fleet.devices {
            deviceIds[device.index] = device.ids.deviceId
            deviceNames[device.index] = device.ids.name
        }
        jsonKeys = generatedColumns.enumerated().map { index, column in
            let quoteTimestamp = column == "Timestamp" ? "\"" : ""
            let closePrevious = index == 0 ? "{" : (index == 1 ? "\"," : ",")
            return Array((closePrevious + "\"" + column + "\":" + quoteTimestamp).utf8)
        }
        maxRowBytes = 15 * table.longestEncoding + 400
    }

    deinit {
        bytes.deallocate()
        offsets.deallocate()
        deviceIds.deallocate()
        deviceNames.deallocate()
    }

    /// The header line (CSV only; JSON lines have none).
    func writeHeader() throws {
        guard format == .csv else { return }
        try buffer.reserve(1024)
        buffer.append(Array((generatedColumns.joined(separator: ",") + "\n").utf8))
    }

    @inline(__always)
    func write(_ event: GeneratedEvent) throws {
        try buffer.reserve(maxRowBytes)
        if format == .csv { writeCSV(event) } else { writeJSON(event) }
    }

    @inline(__always)
    private func string(_ id: StringTable.ID) {
        let start = offsets[Int(id)]
        buffer.append(bytes + start, offsets[Int(id) + 1] - start)
    }

    @inline(__always)
    private func comma() { buffer.append(UInt8(ascii: ",")) }

    private func writeCSV(_ e: GeneratedEvent) {
        timestamps.append(e.ticks, to: buffer)
        comma(); string(deviceIds[Int(e.device)])
        comma(); string(deviceNames[Int(e.device)])
        comma(); string(e.action)
        comma(); string(e.remoteIP)
        comma(); if e.remotePort >= 0 { buffer.appendDecimal(UInt64(e.remotePort)) }
        comma(); string(e.remoteUrl)
        comma(); string(e.remoteIPType)
        comma(); string(e.localIP)
        comma(); buffer.appendDecimal(UInt64(e.localPort))
        comma(); string(e.transport)
        comma(); string(e.process)
        comma(); string(e.account)
        comma(); string(e.accountDomain)
        comma(); buffer.appendDecimal(UInt64(e.processId))
        buffer.append(0x0A)
    }

    private func key(_ index: Int) {
        jsonKeys[index].withUnsafeBufferPointer { buffer.append($0.baseAddress!, $0.count) }
    }

    private func writeJSON(_ e: GeneratedEvent) {
        key(0); timestamps.append(e.ticks, to: buffer)
        key(1); string(deviceIds[Int(e.device)])
        key(2); string(deviceNames[Int(e.device)])
        key(3); string(e.action)
        key(4); string(e.remoteIP)
        key(5)
        if e.remotePort >= 0 { buffer.appendDecimal(UInt64(e.remotePort)) } else { buffer.append(Self.null) }
        key(6); string(e.remoteUrl)
        key(7); string(e.remoteIPType)
        key(8); string(e.localIP)
        key(9); buffer.appendDecimal(UInt64(e.localPort))
        key(10); string(e.transport)
        key(11); string(e.process)
        key(12); string(e.account)
        key(13); string(e.accountDomain)
        key(14); buffer.appendDecimal(UInt64(e.processId))
        buffer.append(UInt8(ascii: "}"))
        buffer.append(0x0A)
    }
}
