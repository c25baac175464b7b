/// What a native reader works out once per distinct value instead of once per record: an address's
/// canonical text and RemoteIPType, a host's synthetic DeviceId (a SHA-1). A day of conn logs repeats a
/// few thousand addresses a million times.
struct NativeValueCache {
    struct Address {
        var canonicalText: String
        var remoteIPType: String
    }

    /// Beyond this many entries a table starts again, so hostile data with endless distinct values costs
    /// time, not memory.
    static let capacity = 1 << 18

    private var addresses: [String: Address?] = [:]
    private var windowsHosts: [String: String] = [:]
    private var zeekOriginators: [String: String] = [:]

    /// The address in `text`, or nil when it is not one.
    mutating func address(_ text: String) -> Address? {
        if let known = addresses[text] { return known }
        let parsed = IPAddressValue(text).map {
            Address(canonicalText: $0.canonicalText, remoteIPType: RemoteIPTypeClassifier.type(of: $0))
        }
        if addresses.count >= Self.capacity { addresses.removeAll(keepingCapacity: true) }
        addresses[text] = .some(parsed)
        return parsed
    }

    mutating func windowsHostID(_ name: String) -> String {
        if let known = windowsHosts[name] { return known }
        let id = DeviceIdentity.windowsHost(name)
        if windowsHosts.count >= Self.capacity { windowsHosts.removeAll(keepingCapacity: true) }
        windowsHosts[name] = id
        return id
    }

    mutating func zeekOriginatorID(_ address: String) -> String {
        if let known = zeekOriginators[address] { return known }
        let id = DeviceIdentity.zeekOriginator(address)
        if zeekOriginators.count >= Self.capacity { zeekOriginators.removeAll(keepingCapacity: true) }
        zeekOriginators[address] = id
        return id
    }
}
