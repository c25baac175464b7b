/// Who made a connection: the device, the account and the process, as pool ids. A day of telemetry
/// has a few thousand of these against millions of events, so the table stores each once and rows
/// hold its number (see `EventTable`).
struct EventOrigin: Hashable, Sendable {
    var deviceId: UInt32
    var deviceName: UInt32
    var accountName: UInt32
    var accountDomain: UInt32
    var fileName: UInt32
}

/// Where a connection went and how the event describes it: RemoteIP, RemotePort, RemoteUrl, ActionType,
/// RemoteIPType and the source it was read from, as pool ids (the port as itself). Like origins, these
/// repeat across millions of events: an address is mostly reached under one URL, or none.
struct EventTarget: Hashable, Sendable {
    var remoteIP: UInt32
    /// `EventTable.nullPort` for Kusto's null.
    var remotePort: Int32
    var remoteUrl: UInt32
    var actionType: UInt32
    var remoteIPType: UInt32
    /// `EventSource.rawValue`.
    var source: UInt8
}

extension EventOrigin: IndexableKey {
    /// Ids are numbers the pool hands out in order, not values the data's authors choose, so a fixed
    /// multiplicative mix spreads them.
    @inline(__always)
    var hashValueForIndex: Int {
        var h = mixBits(UInt64(deviceId) | UInt64(deviceName) << 32, 0x9E37_79B9_7F4A_7C15)
        h = mixBits(h ^ (UInt64(accountName) | UInt64(accountDomain) << 32), 0xE703_7ED1_A0B4_28DB)
        h = mixBits(h ^ UInt64(fileName), 0x8EBC_6AF0_9C88_C6E3)
        return Int(truncatingIfNeeded: h >> 1)
    }
}

extension EventTarget: IndexableKey {
    @inline(__always)
    var hashValueForIndex: Int {
        var h = mixBits(UInt64(remoteIP) | UInt64(UInt32(bitPattern: remotePort)) << 32, 0x9E37_79B9_7F4A_7C15)
        h = mixBits(h ^ (UInt64(actionType) | UInt64(remoteIPType) << 32), 0xE703_7ED1_A0B4_28DB)
        h = mixBits(h ^ (UInt64(remoteUrl) | UInt64(source) << 32), 0x8EBC_6AF0_9C88_C6E3)
        return Int(truncatingIfNeeded: h >> 1)
    }
}
