extension BeaconKey {
    /// `DOMAIN\name` as Windows writes an account, or nil when the data has none (Zeek, 5156).
    public var accountText: String? {
        let name = initiatingProcessAccountName, domain = initiatingProcessAccountDomain
        if name.isEmpty && domain.isEmpty { return nil }
        return domain.isEmpty ? name : "\(domain)\\\(name)"
    }

    /// The destination as `ip:port`, IPv6 in brackets, a null port as `null`.
    public var remoteText: String {
        let port = remotePort.map(String.init) ?? "null"
        return remoteIP.contains(":") ? "[\(remoteIP)]:\(port)" : "\(remoteIP):\(port)"
    }
}
