/// The public web the fleet browses: a few thousand sites with hostnames and addresses, whose
/// popularity follows Zipf's law (a handful of sites get most visits, a long tail gets a few each).
///
/// CDN-style sites share a small pool of addresses, as real CDNs do, so one RemoteIP carries many
/// hostnames (which the query's Domains enrichment then lists together, quirk Q9).
struct WebDestinations: Sendable {
    struct Site: Sendable {
        var host: String
        var ips: [StringTable.ID]
        /// The hostname as RemoteUrl (Defender's usual form) and, for a few events, as a full URL.
        var hostURL: StringTable.ID
        var fullURL: StringTable.ID
        var port: Int32
        /// Serves HTTP/3, so some connections are UDP.
        var quic: Bool
    }

    private(set) var sites: [Site] = []
    /// Cumulative Zipf weights for `pick`.
    private var cumulative: [Double] = []
    /// Every address the web uses, so the scenario's fixed series can stay off them.
    private(set) var addresses: Set<String> = []

    /// Real, well-known hosts at the head of the popularity list, for a familiar look. Their addresses are
    /// random, as all browsing addresses are.
    static let wellKnownHosts = [
        "www.bing.com", "login.microsoftonline.com", "outlook.office365.com", "www.google.com",
        "www.office.com", "github.com", "www.linkedin.com", "www.wikipedia.org", "www.youtube.com",
        "slack.com", "zoom.us", "www.amazon.com", "stackoverflow.com", "www.reddit.com", "news.ycombinator.com",
    ]

    init(siteCount: Int, streams: RandomStreams, reserved: Set<String>, table: inout StringTable) {
        var rng = streams.stream("web")
        var taken = reserved
        var cdnPool: [StringTable.ID] = []
        for _ in 0..<60 {
            let ip = Addresses.randomPublicIPv4(&rng, avoiding: taken)
            taken.insert(ip)
            addresses.insert(ip)
            cdnPool.append(table.intern(ip))
        }
        var hosts = Set<String>()
        var total = 0.0
        for rank in 0..<siteCount {
            let (host, onCDN) = rank < Self.wellKnownHosts.count
                ? (Self.wellKnownHosts[rank], false) : Self.inventHost(&rng, rank: rank)
            guard hosts.insert(host).inserted else { continue }
            var ips: [StringTable.ID] = []
            if onCDN {
                ips = [rng.pick(cdnPool), rng.pick(cdnPool)]
            } else {
                for _ in 0..<rng.int(in: 1...3) {
                    let ip = Addresses.randomPublicIPv4(&rng, avoiding: taken)
                    taken.insert(ip)
                    addresses.insert(ip)
                    ips.append(table.intern(ip))
                }
            }
            let port: Int32 = rng.chance(0.08) ? 80 : 443
            let scheme = port == 80 ? "http" : "https"
            let path = rng.pick(["/", "/index.html", "/api/v2/items?page=2", "/static/app.js", "/search?q=report,quarterly"])
            sites.append(Site(host: host, ips: ips, hostURL: table.intern(host),
                              fullURL: table.intern("\(scheme)://\(host)\(path)"),
                              port: port, quic: port == 443 && rng.chance(0.25)))
            // Zipf with exponent 1: weight 1 / rank.
            total += 1 / Double(sites.count)
            cumulative.append(total)
        }
    }

    /// A site drawn by popularity.
    func pick<R: RandomSource>(_ rng: inout R) -> Site {
        let target = rng.uniform() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return sites[low]
    }

    /// A made-up hostname; the second value says whether it sits on the shared CDN addresses.
    private static func inventHost<R: RandomSource>(_ rng: inout R, rank: Int) -> (String, Bool) {
        let w1 = rng.pick(NameLists.hostWords), w2 = rng.pick(NameLists.hostWords)
        let tld = rng.pick(NameLists.topLevelDomains)
        let n = rng.int(in: 1...9999)
        switch rng.int(below: 10) {
        case 0: return ("www.\(w1)\(w2).\(tld)", false)
        case 1: return ("\(w1)\(w2).\(tld)", false)
        case 2: return ("cdn.\(w1)\(w2).\(tld)", false)
        case 3: return ("static.\(w1)-\(w2).\(tld)", false)
        case 4: return ("api.\(w1)\(w2).\(tld)", false)
        case 5: return ("img\(n % 20).\(w1)cdn.net", true)
        case 6: return ("e\(n).a.akamaiedge.net", true)
        case 7: return ("\(w1)\(w2)\(n % 100).blob.core.windows.net", false)
        case 8: return ("d\(zeroPadHex(UInt64(n) &* 2_654_435_761 % 0xFFFF_FFFF, 8)).cloudfront.net", true)
        default: return ("www.\(w1)-\(w2).\(tld)", false)
        }
    }
}
