/// A benign timer-driven program of the grid's negatives: where it connects and how regularly.
struct GridAgent: Sendable {
    var process: String
    /// nil: the device's signed-in user.
    var account: (name: String, domain: String)?
    var url: String
    var port: Int32
    var sleep: Double
    var jitter: Double
    var style: JitterStyle
    /// Well-known software a catalogue of benign agents would list.
    var known: Bool
    /// Share of the fleet it runs on, for services; agents run on 1–3 devices.
    var share: Double = 0
}

/// The names, destinations and addresses of the grid. Every destination is in the IPv4 documentation
/// ranges (or, for IPv6 C2, an invented 2a0e::/16 address), so no real organisation's address appears;
/// C2 servers get 192.0.2.0/24 and 198.51.100.0/24, benign software and the web 203.0.113.0/24.
enum GridNames {
    static let system = (name: "system", domain: "nt authority")
    static let localService = (name: "local service", domain: "nt authority")

    /// Agents on a few devices. Regular timers, 0–20 % jitter; six are names a catalogue would know. None
    /// shares a process and destination with a service, or the services' device count would cover it.
    static let agents: [GridAgent] = [
        GridAgent(process: "nxlog.exe", account: system, url: "", port: 6514, sleep: 60, jitter: 0.05,
                  style: .symmetric, known: true),
        GridAgent(process: "agent.exe", account: ("ddagentuser", ""), url: "intake.logs.datadoghq.com",
                  port: 443, sleep: 15, jitter: 0.2, style: .symmetric, known: true),
        GridAgent(process: "TeamViewer_Service.exe", account: system, url: "router7.teamviewer.com", port: 5938,
                  sleep: 120, jitter: 0.15, style: .symmetric, known: true),
        GridAgent(process: "splunkd.exe", account: system, url: "inputs.contoso.splunkcloud.com", port: 9997,
                  sleep: 30, jitter: 0, style: .none, known: true),
        GridAgent(process: "AnyDesk.exe", account: system, url: "relay-8f3a2c61.net.anydesk.com", port: 443,
                  sleep: 60, jitter: 0.1, style: .symmetric, known: true),
        GridAgent(process: "Dropbox.exe", account: nil, url: "client.dropbox.com", port: 443, sleep: 300,
                  jitter: 0.2, style: .symmetric, known: true),
        GridAgent(process: "acme-inventory.exe", account: system, url: "inventory.acme-corp.example", port: 443,
                  sleep: 300, jitter: 0, style: .none, known: false),
        GridAgent(process: "lic-heartbeat.exe", account: localService, url: "licensing.tailspin-tools.example",
                  port: 8443, sleep: 900, jitter: 0.1, style: .symmetric, known: false),
        GridAgent(process: "BackupSvc.exe", account: system, url: "vault.fabrikam-backup.example", port: 443,
                  sleep: 1800, jitter: 0.05, style: .symmetric, known: false),
        GridAgent(process: "kiosk-watchdog.exe", account: nil, url: "", port: 8080, sleep: 45, jitter: 0.1,
                  style: .cobaltStrike, known: false),
    ]

    /// Services on a large share of the fleet: two known, two in-house.
    static let services: [GridAgent] = [
        GridAgent(process: "OneDrive.exe", account: nil, url: "skyapi.live.net", port: 443, sleep: 900,
                  jitter: 0.2, style: .symmetric, known: true, share: 0.7),
        GridAgent(process: "GoogleUpdate.exe", account: system, url: "update.googleapis.com", port: 443,
                  sleep: 3600, jitter: 0.1, style: .symmetric, known: true, share: 0.35),
        GridAgent(process: "acme-patchd.exe", account: system, url: "patch.acme-corp.example", port: 443,
                  sleep: 1800, jitter: 0, style: .none, known: false, share: 0.6),
        GridAgent(process: "contoso-assetd.exe", account: system, url: "assets.contoso-it.example", port: 8443,
                  sleep: 1200, jitter: 0.15, style: .cobaltStrike, known: false, share: 0.2),
    ]

    /// Processes C2 implants run in or are injected into.
    static let implantProcesses = [
        "rundll32.exe", "powershell.exe", "dllhost.exe", "regsvr32.exe", "notepad.exe", "svchost.exe",
        "msedge.exe", "RuntimeBroker.exe", "mshta.exe", "WerFault.exe", "explorer.exe", "updater.exe",
    ]

    /// User processes that make Poisson-like and bursty web traffic.
    static let userProcesses = [
        "chrome.exe", "msedge.exe", "firefox.exe", "ms-teams.exe", "OUTLOOK.EXE", "slack.exe", "Zoom.exe",
        "Spotify.exe",
    ]

    static let ports: [Int32] = [443, 443, 443, 8443, 80, 8080]

    /// How many C2 addresses a table can hand out: one per beacon, so no two replicates share a destination.
    static let c2Addresses = 508

    /// C2 address `index` (0..<508): 192.0.2.1–254, then 198.51.100.1–254.
    static func c2Address(_ index: Int) -> String {
        index < 254 ? "192.0.2.\(index + 1)" : "198.51.100.\(index - 253)"
    }

    /// An invented global IPv6 address in 2a0e::/16 (not 2001:db8::/32, which the corrected filter drops).
    static func c2IPv6<R: RandomSource>(_ rng: inout R) -> String {
        var groups = ["2a0e", String(rng.int(below: 0x10000), radix: 16)]
        for _ in 0..<6 { groups.append(String(rng.int(below: 0x10000), radix: 16)) }
        return groups.joined(separator: ":")
    }

    /// Benign software's address: agent `i` at 203.0.113.(1 + i), service `i` at 203.0.113.(21 + i), so no
    /// two programs share an address (Domains, stage 7, lists every name seen on an address).
    static func agentAddress(_ index: Int, service: Bool) -> String {
        "203.0.113.\((service ? 21 : 1) + index)"
    }

    /// Web site `index`: its address (203.0.113.41–254, shared the way CDNs share them) and hostname.
    static func webSite(_ index: Int) -> (ip: String, host: String) {
        let words = NameLists.hostWords
        let host = "www.\(words[index % words.count])\(words[(index * 7 + 3) % words.count])."
            + NameLists.topLevelDomains[index % NameLists.topLevelDomains.count]
        return ("203.0.113.\(41 + index % 214)", host)
    }

    /// An invented C2 domain for half the implants (the rest connect by address).
    static func c2Domain<R: RandomSource>(_ rng: inout R) -> String {
        let first = rng.pick(["cdn", "static", "api", "update", "assets", "telemetry"])
        let word = rng.pick(NameLists.hostWords), other = rng.pick(NameLists.hostWords)
        return "\(first).\(word)-\(other)-sync.\(rng.pick(["com", "net", "org", "io"]))"
    }
}
