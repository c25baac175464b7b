import BeaconEngine

/// A conn.log record turned into an event, waiting for the http/ssl logs that may name its host.
struct PendingZeekConnection: Sendable {
    var fileIndex: Int
    var uid: String
    var event: NetworkEvent
}

/// Zeek conn.log records to `DeviceNetworkEvents` columns, as the shared real-data converter mapped them:
/// the originator is the device (`DeviceName` = `id.orig_h`, `DeviceId` = SHA-1 of `zeek:` + address), the
/// responder the remote side, no process and no account (Zeek sees neither).
enum ZeekConnMapping {
    /// TCP states where the handshake completed: the connection was established.
    static let establishedTCPStates: Set<String> = ["SF", "S1", "S2", "S3", "RSTO", "RSTR"]
    /// TCP states of a connection that never got established (no answer, rejected, or only half seen).
    static let failedTCPStates: Set<String> = ["S0", "REJ", "RSTOS0", "RSTRH", "SH", "SHR"]

    /// `ActionType` from `proto` and `conn_state`: TCP SF, S1, S2, S3, RSTO, RSTR → ConnectionSuccess; S0, REJ,
    /// RSTOS0, RSTRH, SH, SHR → ConnectionFailed; OTH and anything else → ConnectionAttempt; any UDP →
    /// ConnectionSuccess (UDP has no handshake to fail); ICMP → IcmpConnectionInspected, which keeps it out
    /// of the query's ConnectionSuccess filter; other transports → ConnectionAttempt.
    static func actionType(proto: String, connState: String) -> String {
        switch proto.lowercased() {
        case "tcp":
            if establishedTCPStates.contains(connState) { return "ConnectionSuccess" }
            if failedTCPStates.contains(connState) { return "ConnectionFailed" }
            return "ConnectionAttempt"
        case "udp":
            return "ConnectionSuccess"
        case "icmp":
            return "IcmpConnectionInspected"
        default:
            return "ConnectionAttempt"
        }
    }

    /// The event of one conn record; `field` gives a field's value by its Zeek name (`id.orig_h`), nil
    /// when unset. Invalid values are reported (with the field's name) and the record skipped.
    static func connection(line: Int, fileIndex: Int, ingest: inout FileIngest, cache: inout NativeValueCache,
                           field: (String) -> String?, time: (String) -> Instant?) -> PendingZeekConnection? {
        let timeText = field("ts") ?? ""
        guard let timestamp = time(timeText) else {
            ingest.skip(line: line, field: "ts", message: RowMessage.badTimestamp(timeText))
            return nil
        }
        let rawOriginator = field("id.orig_h") ?? ""
        guard let originator = cache.address(rawOriginator) else {
            ingest.skip(line: line, field: "id.orig_h", message: RowMessage.badIP(rawOriginator))
            return nil
        }
        let rawResponder = field("id.resp_h") ?? ""
        guard let responder = cache.address(rawResponder) else {
            ingest.skip(line: line, field: "id.resp_h", message: RowMessage.badIP(rawResponder))
            return nil
        }
        let rawPort = field("id.resp_p") ?? ""
        let port = PortValue.parse(rawPort)
        let remotePort: Int32?
        switch port {
        case .value(let value): remotePort = value
        case .null: remotePort = nil
        case .notANumber, .outOfRange:
            ingest.skip(line: line, field: "id.resp_p", message: RowMessage.badPort(port, raw: rawPort))
            return nil
        }
        let device = originator.canonicalText
        let event = NetworkEvent(
            timestamp: timestamp,
            deviceId: cache.zeekOriginatorID(device),
            deviceName: device,
            actionType: actionType(proto: field("proto") ?? "", connState: field("conn_state") ?? ""),
            remoteIP: responder.canonicalText,
            remotePort: remotePort,
            remoteIPType: responder.remoteIPType,
            source: .zeek)
        return PendingZeekConnection(fileIndex: fileIndex, uid: field("uid") ?? "", event: event)
    }

    /// `ts` as Zeek writes it: epoch seconds (`1588317685.417361`), or ISO 8601 when configured so.
    ///
    /// Epoch times are rounded to the microsecond, Zeek's resolution (packet time stamps): its ASCII writer
    /// prints six decimals, but a JSON writer may print the double behind them with a spurious seventh
    /// (OTRF's UTICA-A has `1588317141.9032831` for .903283).
    static func time(_ text: String) -> Instant? {
        if text.utf8.count >= 19, text.utf8.contains(0x2D /* - */), text.utf8.contains(0x3A /* : */) {
            return TimestampParser.parse(Substring(text))
        }
        guard let instant = EpochTime.parse(text) else { return nil }
        let ticksPerMicrosecond: Int64 = 10
        let (quotient, remainder) = instant.ticks.quotientAndRemainder(dividingBy: ticksPerMicrosecond)
        // Half a microsecond (5 ticks) rounds away from zero.
        let rounded = quotient + (abs(remainder) >= 5 ? (remainder < 0 ? -1 : 1) : 0)
        return Instant(ticks: rounded * ticksPerMicrosecond)
    }
}
