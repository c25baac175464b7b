/// The known-benign entries of one decision matched against groups by their pool ids. An entry with one
/// kind of condition (a process list, or domains and ranges) is judged once per process name or address
/// and remembered in an array by pool id, so re-deciding a day of groups at a slider's pace costs two
/// array lookups a group; only entries with several kinds of condition (the analyst's marks: a process
/// to an address and port on one device) are judged per group.
struct KnownBenignMatcher {
    private let entries: [KnownBenignEntry]
    private let pool: StringPool
    private let domainsByIP: [UInt32: [String]]
    private let processEntries: [Int]
    private let addressEntries: [Int]
    private let otherEntries: [Int]
    /// Per pool id: the first process-only (or address-only) entry that covers it, -1 for none, -2 for not
    /// judged yet.
    private var processVerdicts: [Int32]
    private var addressVerdicts: [Int32]
    /// Per entry with several kinds of condition: the pool ids of its exact strings (nil inside when the
    /// string is not in the data, so the condition can never hold).
    private let remoteIPs: [Int: UInt32?]
    private let deviceIds: [Int: UInt32?]

    init(_ entries: [KnownBenignEntry], pool: StringPool, domainsByIP: [UInt32: [String]]) {
        self.entries = entries
        self.pool = pool
        self.domainsByIP = domainsByIP
        var processEntries: [Int] = [], addressEntries: [Int] = [], otherEntries: [Int] = []
        for (index, entry) in entries.enumerated() {
            let conditions = entry.match
            let hasProcess = !conditions.processNames.isEmpty
            let hasAddress = !conditions.domainSuffixes.isEmpty || !conditions.addressRanges.isEmpty
            let hasExact = conditions.remoteIP != nil || conditions.remotePort != nil || conditions.deviceId != nil
            if hasProcess && !hasAddress && !hasExact {
                processEntries.append(index)
            } else if hasAddress && !hasProcess && !hasExact {
                addressEntries.append(index)
            } else if hasProcess || hasAddress || hasExact {
                otherEntries.append(index)
            }
        }
        self.processEntries = processEntries
        self.addressEntries = addressEntries
        self.otherEntries = otherEntries
        processVerdicts = processEntries.isEmpty ? [] : [Int32](repeating: -2, count: pool.count)
        addressVerdicts = addressEntries.isEmpty ? [] : [Int32](repeating: -2, count: pool.count)
        remoteIPs = Dictionary(uniqueKeysWithValues: otherEntries.compactMap { index in
            entries[index].match.remoteIP.map { (index, pool.id(of: $0)) }
        })
        deviceIds = Dictionary(uniqueKeysWithValues: otherEntries.compactMap { index in
            entries[index].match.deviceId.map { (index, pool.id(of: $0)) }
        })
    }

    var isEmpty: Bool { entries.isEmpty }

    func entry(_ index: Int) -> KnownBenignEntry { entries[index] }

    /// The first entry, in the entries' order, that covers the group.
    mutating func match(_ key: EncodedGroupKey) -> Int? {
        var first = Int.max
        if !processEntries.isEmpty {
            let id = Int(key.fileName)
            if processVerdicts[id] == -2 {
                let name = pool[key.fileName]
                processVerdicts[id] = Int32(processEntries.first { processHolds(entries[$0].match, name) } ?? -1)
            }
            if processVerdicts[id] >= 0 { first = Int(processVerdicts[id]) }
        }
        if !addressEntries.isEmpty {
            let id = Int(key.remoteIP)
            if addressVerdicts[id] == -2 {
                addressVerdicts[id] = Int32(addressEntries.first { addressHolds(entries[$0].match, key.remoteIP) } ?? -1)
            }
            if addressVerdicts[id] >= 0 { first = min(first, Int(addressVerdicts[id])) }
        }
        for index in otherEntries where index < first && holds(index, key) {
            first = index
            break
        }
        return first == Int.max ? nil : first
    }

    private func holds(_ index: Int, _ key: EncodedGroupKey) -> Bool {
        let conditions = entries[index].match
        if let wanted = remoteIPs[index], wanted != key.remoteIP { return false }
        if let wanted = deviceIds[index], wanted != key.deviceId { return false }
        if let port = conditions.remotePort, port != key.remotePort { return false }
        if !conditions.processNames.isEmpty && !processHolds(conditions, pool[key.fileName]) { return false }
        if (!conditions.domainSuffixes.isEmpty || !conditions.addressRanges.isEmpty)
            && !addressHolds(conditions, key.remoteIP) { return false }
        return true
    }

    private func processHolds(_ conditions: KnownBenignEntry.Conditions, _ name: String) -> Bool {
        conditions.processNames.contains { asciiCaseInsensitiveEqual($0, name) }
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
