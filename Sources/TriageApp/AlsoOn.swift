import BeaconEngine

/// `d`: from a beacon to the next listed row of another device whose same process reaches the same
/// destination, the devices the detail pane lists as "also on" (`DetailText.sharingDevices`), wrapping
/// round the list, so an analyst walks a destination's whole fleet and back.
enum AlsoOn {
    /// Whether `other` is one of `key`'s "also on" beacons: another device, the same process and
    /// destination, as the device-count stage counts them.
    static func shares(_ other: BeaconCandidate, with key: BeaconKey) -> Bool {
        let otherKey = other.key
        return other.deviceCount != nil && otherKey.deviceId != key.deviceId
            && otherKey.initiatingProcessFileName == key.initiatingProcessFileName
            && otherKey.remoteIP == key.remoteIP && otherKey.remotePort == key.remotePort
    }

    static func next(_ state: inout AppState) {
        guard let index = state.selectedIndex else {
            state.message = "no beacon selected"
            return
        }
        let key = state.rows[index].candidate.key
        let devices = DetailText.sharingDevices(state.rows[index].candidate, in: state.analysis)
        guard !devices.isEmpty else {
            state.message = "no other device runs this process to \(key.remoteText)"
            return
        }
        let rows = state.rows
        let listed = (1..<max(1, rows.count)).map { (index + $0) % rows.count }.filter { shares(rows[$0].candidate, with: key) }
        guard let target = listed.first else {
            state.message = "also on \(devices.joined(separator: ", ")): not in the list (x shows rejected groups, F false positives, Esc clears the filter)"
            return
        }
        state.selectedKey = rows[target].candidate.key
        state.message = "also on \(key.remoteText): \(rows[target].candidate.key.deviceName), \(listed.count) of \(devices.count) other device\(devices.count == 1 ? "" : "s") listed (d goes on)"
    }
}
