import KQL

/// Stage 7: the `leftouter` join that adds `Domains`: for each RemoteIP, the set of domains extracted from
/// the RemoteUrl of every event after `ago(starttime + 1d)`, any device, process or ActionType, with no
/// upper bound (Q9). It never filters.
enum DomainEnrichment {
    /// Domains for each of `remoteIPs` (pool ids), distinct and sorted by UTF-8 bytes as Kusto compares
    /// strings, the empty string kept when `keepEmpty`.
    static func domains(for remoteIPs: Set<UInt32>, in table: EventTable, window: AnalysisWindow,
                        keepEmpty: Bool) -> [UInt32: [String]] {
        guard !remoteIPs.isEmpty else { return [:] }
        let after = window.domainLookbackStart.ticks
        var urlsByIP: [UInt32: Set<UInt32>] = [:]
        for row in 0..<table.count where table.timestamp[row] > after {
            let ip = table.remoteIP[row]
            if remoteIPs.contains(ip) { urlsByIP[ip, default: []].insert(table.remoteUrl[row]) }
        }
        var domainOfURL: [UInt32: String] = [:]
        var result: [UInt32: [String]] = [:]
        for (ip, urls) in urlsByIP {
            var domains = Set<OrdinalString>()
            for url in urls {
                let domain = domainOfURL[url] ?? domainOfRemoteUrl(table.pool[url])
                domainOfURL[url] = domain
                if keepEmpty || !domain.isEmpty { domains.insert(OrdinalString(domain)) }
            }
            result[ip] = domains.sorted().map(\.string)
        }
        return result
    }
}
