/// Stage 8: PotentialBeacons. `summarize dcount(DeviceId) by InitiatingProcessFileName, RemoteIP,
/// RemotePort` over the jitter survivors, `where dcount_DeviceId <= CompromisedDeviceCountMax`, joined
/// back. Only jitter survivors count, and the same IP under another process name is another
/// destination (Q10). dcount is exact below 1,000 distinct values (spec S10).
enum DeviceCount {
    struct Destination: Hashable {
        var fileName: OrdinalString
        var remoteIP: OrdinalString
        var remotePort: Int32?
    }

    static func destination(_ key: BeaconKey) -> Destination {
        Destination(fileName: OrdinalString(key.initiatingProcessFileName), remoteIP: OrdinalString(key.remoteIP),
                    remotePort: key.remotePort)
    }

    /// Distinct DeviceIds per destination among `survivors`.
    static func counts(_ survivors: [BeaconKey]) -> [Destination: Int] {
        var devices: [Destination: Set<OrdinalString>] = [:]
        for key in survivors { devices[destination(key), default: []].insert(OrdinalString(key.deviceId)) }
        return devices.mapValues(\.count)
    }

    static func check(_ count: Int, parameters: QueryParameters) -> StageCheck {
        .deviceCount(count, max: parameters.deviceCountMax)
    }
}
