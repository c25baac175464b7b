import KQL
import Synchronization

/// Stage 7: the `leftouter` join that adds `Domains`: for each RemoteIP, the set of domains extracted from
/// the RemoteUrl of every event after `ago(starttime + 1d)`, any device, process or ActionType, with no
/// upper bound (Q9). It never filters.
enum DomainEnrichment {
    /// Domains for each RemoteIP whose pool id `wanted` marks, distinct and sorted by UTF-8 bytes as Kusto
    /// compares strings, the empty string kept when `keepEmpty`.
    static func domains(for wanted: [Bool], in table: EventTable, window: AnalysisWindow,
                        keepEmpty: Bool) -> [UInt32: [String]] {
        guard wanted.contains(true) else { return [:] }
        let after = window.domainLookbackStart.ticks
        // Each distinct (RemoteIP, RemoteUrl) pair once: the targets of the rows after the lookback start.
        let targets = table.targets
        var used = [Bool](repeating: false, count: targets.count)
        let wantedTarget = targets.map { wanted[Int($0.remoteIP)] }
        table.timestamp.withUnsafeBufferPointer { timestamps in
            table.target.withUnsafeBufferPointer { targetOfRow in
                wantedTarget.withUnsafeBufferPointer { wantedTarget in
                    for row in 0..<timestamps.count where timestamps[row] > after {
                        let target = Int(targetOfRow[row])
                        if wantedTarget[target] { used[target] = true }
                    }
                }
            }
        }
        if let counted = table.secondPass {
            // A two-pass read stores no row it dropped and releases the kept ones once grouped, so every
            // row's target reaches the join through its latest row.
            for (target, latest) in counted.latestByTarget.enumerated() where latest > after && wantedTarget[target] {
                used[target] = true
            }
        }
        var pairs = KeyIndex<PairKey>(capacity: 4096)
        for (target, isUsed) in zip(targets, used) where isUsed { _ = pairs.number(of: PairKey(target.remoteIP, target.remoteUrl)) }
        var domainOfURL: [UInt32: String] = [:]
        var domainsByIP: [UInt32: Set<OrdinalString>] = [:]
        for pair in pairs.keys {
            let ip = UInt32(truncatingIfNeeded: pair.bits >> 32), url = UInt32(truncatingIfNeeded: pair.bits)
            let domain = domainOfURL[url] ?? DomainMemo.shared.domain(of: table.pool[url])
            domainOfURL[url] = domain
            if keepEmpty || !domain.isEmpty {
                domainsByIP[ip, default: []].insert(OrdinalString(domain))
            } else if domainsByIP[ip] == nil {
                domainsByIP[ip] = []
            }
        }
        return domainsByIP.mapValues { $0.sorted().map(\.string) }
    }
}

/// `domainOfRemoteUrl` remembered by URL for the process's life: the console prepares again at every
/// window change, and extracting a domain (URL parsing and the query's regular expression, on
/// characters) costs far more than looking it up. Keyed by the URL's bytes, so it holds whatever
/// table the URL came from; emptied when it grows past a bound, so that a file of millions of
/// distinct URLs cannot make it grow without end.
final class DomainMemo: Sendable {
    static let shared = DomainMemo()
    static let capacity = 1 << 20

    private let domains = Mutex<[OrdinalString: String]>([:])

    func domain(of url: String) -> String {
        let key = OrdinalString(url)
        if let known = domains.withLock({ $0[key] }) { return known }
        let domain = domainOfRemoteUrl(url)
        domains.withLock { memo in
            if memo.count >= Self.capacity { memo.removeAll() }
            memo[key] = domain
        }
        return domain
    }
}
