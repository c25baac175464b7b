/// The known-benign entries of one decision matched against groups by their pool ids: each entry's
/// strings are looked up once, each process name and address judged once per entry, so re-deciding a
/// day of groups at a slider's pace costs array lookups, not string comparisons.
struct KnownBenignMatcher {
    private let entries: [KnownBenignEntry]
    private let pool: StringPool
    private let domainsByIP: [UInt32: [String]]
    /// Per entry: the pool ids its exact strings have (nil when the string is not in the data, so the
    /// condition can never hold).
    private let remoteIPs: [UInt32??]
    private let deviceIds: [UInt32??]
    /// Per entry, per pool id judged so far: whether the process condition, or the address conditions,
    /// hold.
    private var processVerdicts: [[UInt32: Bool]]
    private var addressVerdicts: [[UInt32: Bool]]

    init(_ entries: [KnownBenignEntry], pool: StringPool, domainsByIP: [UInt32: [String]]) {
        self.entries = entries
        self.pool = pool
        self.domainsByIP = domainsByIP
        remoteIPs = entries.map { entry in entry.match.remoteIP.map { pool.id(of: $0) } }
        deviceIds = entries.map { entry in entry.match.deviceId.map { pool.id(of: $0) } }
        processVerdicts = Array(repeating: [:], count: entries.count)
        addressVerdicts = Array(repeating: [:], count: entries.count)
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The first entry covering the group, by its index.
    mutating func match(_ key: EncodedGroupKey) -> Int? {
        for index in entries.indices where matches(index, key) { return index }
        return nil
    }

    func entry(_ index: Int) -> KnownBenignEntry { entries[index] }

    private mutating func matches(_ index: Int, _ key: EncodedGroupKey) -> Bool {
        let conditions = entries[index].match
        if let wanted = remoteIPs[index], wanted != key.remoteIP { return false }
        if let wanted = deviceIds[index], wanted != key.deviceId { return false }
        if let port = conditions.remotePort, port != key.remotePort { return false }
        if !conditions.processNames.isEmpty {
            let verdict = processVerdicts[index][key.fileName] ?? {
                let name = pool[key.fileName]
                return conditions.processNames.contains { asciiCaseInsensitiveEqual($0, name) }
            }()
            processVerdicts[index][key.fileName] = verdict
            if !verdict { return false }
        }
        if !conditions.domainSuffixes.isEmpty || !conditions.addressRanges.isEmpty {
            let verdict = addressVerdicts[index][key.remoteIP] ?? addressHolds(conditions, key.remoteIP)
            addressVerdicts[index][key.remoteIP] = verdict
            if !verdict { return false }
        }
        return conditions != KnownBenignEntry.Conditions()
    }

    private func addressHolds(_ conditions: KnownBenignEntry.Conditions, _ remoteIP: UInt32) -> Bool {
        if !conditions.domainSuffixes.isEmpty {
            let domains = domainsByIP[remoteIP] ?? []
            guard domains.contains(where: { domain in conditions.domainSuffixes.contains { domainHasSuffix(domain, $0) } })
            else { return false }
        }
        if !conditions.addressRanges.isEmpty {
            guard let address = AddressRange.Address(pool[remoteIP]),
                  conditions.addressRanges.contains(where: { $0.contains(address) }) else { return false }
        }
        return true
    }
}
