/// Every designed series. C2 servers sit in the IPv4 documentation ranges (and one IPv6 address), so no
/// real organisation's address is labelled malicious; the benign services use the kind of addresses their
/// vendors use.
enum Catalogue {
    static let clients: [DeviceKind] = [.workstation, .laptop]
    static let all: [DeviceKind] = [.workstation, .laptop, .server]

    /// Malicious beacons on 1–3 devices each: sleeps from 5 s to 1 h (and one of 6 h), jitter 0–60 % in
    /// both styles, and the variants the query stumbles on.
    static let malicious: [SeriesSpec] = [
        SeriesSpec("cobaltstrike-https-60s", .maliciousBeacon,
                   "Cobalt Strike HTTPS beacon in rundll32.exe, sleep 60 s, no jitter (the default profile)",
                   sleep: 60, style: .none, jitter: 0, process: "rundll32.exe", account: .user,
                   ip: "203.0.113.45", port: 443, url: "cdn.globalsync-update.com", placement: .few(2, prefer: clients)),
        SeriesSpec("cobaltstrike-interactive-5s", .maliciousBeacon,
                   "Cobalt Strike in interactive mode: sleep 5 s, jitter 30 %",
                   sleep: 5, style: .cobaltStrike, jitter: 0.30, process: "powershell.exe", account: .user,
                   ip: "198.51.100.23", port: 8443, placement: .few(1, prefer: clients)),
        SeriesSpec("cobaltstrike-notepad-15m", .maliciousBeacon,
                   "Cobalt Strike injected into notepad.exe: sleep 15 min, jitter 60 %", variant: .injected,
                   sleep: 900, style: .cobaltStrike, jitter: 0.60, process: "notepad.exe", account: .user,
                   ip: "192.0.2.161", port: 443, url: "assets.cloudfront-cdn.org", placement: .few(3, prefer: clients)),
        SeriesSpec("empire-http-5m", .maliciousBeacon,
                   "Empire HTTP listener: sleep 5 min, jitter 20 % either way",
                   sleep: 300, style: .symmetric, jitter: 0.20, process: "powershell.exe", account: .user,
                   ip: "192.0.2.80", port: 80, placement: .few(2, prefer: clients)),
        SeriesSpec("poshc2-60s", .maliciousBeacon,
                   "PoshC2 implant: sleep 60 s, jitter 60 % either way",
                   sleep: 60, style: .symmetric, jitter: 0.60, process: "powershell.exe", account: .user,
                   ip: "198.51.100.77", port: 443, url: "cdn.office365-sync.net", placement: .few(1, prefer: clients)),
        SeriesSpec("sliver-svchost-1h", .maliciousBeacon,
                   "Sliver implant named svchost.exe under the user's account: sleep 1 h, jitter 10 % either way",
                   sleep: 3600, style: .symmetric, jitter: 0.10, process: "svchost.exe", account: .user,
                   ip: "203.0.113.200", port: 8888, placement: .few(1, prefer: [.server])),
        SeriesSpec("cobaltstrike-flaky-link", .maliciousBeacon,
                   "Cobalt Strike in dllhost.exe over a flaky link: sleep 2 min, jitter 10 %, about 6 % of check-ins fail (logged as ConnectionFailed)",
                   variant: .missedCheckIns, sleep: 120, style: .cobaltStrike, jitter: 0.10, process: "dllhost.exe",
                   account: .user, ip: "198.51.100.140", port: 443, url: "static.azure-content.net",
                   placement: .few(1, prefer: clients)) { behaviour in
            behaviour.misses = .random(probability: 0.06)
            behaviour.missesLogged = true
        },
        SeriesSpec("empire-two-missed", .maliciousBeacon,
                   "Empire in mshta.exe: sleep 10 min, jitter 15 % either way, two check-ins never arrive",
                   variant: .missedCheckIns, sleep: 600, style: .symmetric, jitter: 0.15, process: "mshta.exe",
                   account: .user, ip: "192.0.2.33", port: 443, placement: .few(1, prefer: clients)) { behaviour in
            behaviour.misses = .exactly(2)
        },
        SeriesSpec("empire-duplicates", .maliciousBeacon,
                   "Empire in wscript.exe: sleep 30 s, jitter 10 % either way, each check-in logged 2–3 times with the identical Timestamp",
                   variant: .duplicateTimestamps, sleep: 30, style: .symmetric, jitter: 0.10, process: "wscript.exe",
                   account: .user, ip: "203.0.113.99", port: 443, placement: .few(1, prefer: clients)) { behaviour in
            behaviour.connections = .duplicated
        },
        SeriesSpec("cobaltstrike-burst", .maliciousBeacon,
                   "Cobalt Strike in regsvr32.exe: sleep 45 s, jitter 20 %, two connections 0.2–0.6 s apart at every check-in",
                   variant: .burstCheckIns, sleep: 45, style: .cobaltStrike, jitter: 0.20, process: "regsvr32.exe",
                   account: .user, ip: "198.51.100.201", port: 443, placement: .few(1, prefer: clients)) { behaviour in
            behaviour.connections = .burst
        },
        SeriesSpec("near-perfect-msedge", .maliciousBeacon,
                   "Implant injected into msedge.exe on an exact 60 s timer; 7 check-ins fire about 0.85 s late",
                   variant: .nearPerfect, sleep: 60, style: .none, jitter: 0, process: "msedge.exe", account: .user,
                   ip: "192.0.2.210", port: 443, url: "telemetry.edge-sync.net", placement: .few(1, prefer: clients)) { behaviour in
            behaviour.lateCheckIns = 7
        },
        SeriesSpec("long-sleep-6h", .maliciousBeacon,
                   "Long-haul implant in taskhostw.exe: sleep 6 h, jitter 20 % either way", variant: .longSleep,
                   sleep: 21_600, style: .symmetric, jitter: 0.20, process: "taskhostw.exe", account: .user,
                   ip: "203.0.113.66", port: 443, placement: .few(1, prefer: clients)),
        SeriesSpec("empire-ipv6", .maliciousBeacon,
                   "Empire over IPv6: sleep 30 s, jitter 10 % either way", variant: .ipv6,
                   sleep: 30, style: .symmetric, jitter: 0.10, process: "powershell.exe", account: .user,
                   ip: "2a0e:4c80:d1:7a::1c2", port: 443, placement: .few(1, prefer: clients)),
        SeriesSpec("cobaltstrike-offline-laptop", .maliciousBeacon,
                   "Cobalt Strike in RuntimeBroker.exe on a laptop that is off the network for hours: sleep 5 min, jitter 20 %",
                   variant: .hostOffline, sleep: 300, style: .cobaltStrike, jitter: 0.20, process: "RuntimeBroker.exe",
                   account: .user, ip: "192.0.2.99", port: 443, placement: .offlineHost),
        SeriesSpec("cobaltstrike-c2-down", .maliciousBeacon,
                   "Cobalt Strike whose server was taken down: sleep 60 s, jitter 10 %, every connection fails",
                   variant: .c2Unreachable, sleep: 60, style: .cobaltStrike, jitter: 0.10, process: "rundll32.exe",
                   account: .user, ip: "198.51.100.9", port: 443, action: .connectionFailed,
                   placement: .few(1, prefer: clients)),
    ]

    /// Benign periodic services on 11 or more devices: same process, address and port everywhere.
    static let services: [SeriesSpec] = [
        SeriesSpec("windows-update", .benignService, "Windows Update scan: svchost.exe every 30 min, ±10 %",
                   sleep: 1800, style: .symmetric, jitter: 0.10, process: "svchost.exe", account: .system,
                   ip: "13.107.4.50", port: 443, url: "fe3cr.delivery.mp.microsoft.com", placement: .share(0.9, kinds: all)),
        SeriesSpec("defender-cloud", .benignService, "Defender for Endpoint cloud channel: MsSense.exe every 15 min, ±5 %",
                   sleep: 900, style: .symmetric, jitter: 0.05, process: "MsSense.exe", account: .system,
                   ip: "52.239.207.100", port: 443, url: "winatp-gw-weu.microsoft.com", placement: .share(1.0, kinds: all)),
        SeriesSpec("time-sync", .benignService, "Windows time sync: svchost.exe to time.windows.com every 30 min, exact",
                   sleep: 1800, style: .none, jitter: 0, process: "svchost.exe", account: .localService,
                   ip: "20.101.57.9", port: 123, url: "time.windows.com", transport: .udp, placement: .share(0.7, kinds: all)),
        SeriesSpec("onedrive-sync", .benignService, "OneDrive sync poll: OneDrive.exe every 10 min, ±20 %",
                   sleep: 600, style: .symmetric, jitter: 0.20, process: "OneDrive.exe", account: .user,
                   ip: "52.109.8.21", port: 443, url: "skyapi.live.net", placement: .share(0.8, kinds: clients)),
        SeriesSpec("teams-keepalive", .benignService, "Teams keep-alive: ms-teams.exe every 5 min, ±5 %",
                   sleep: 300, style: .symmetric, jitter: 0.05, process: "ms-teams.exe", account: .user,
                   ip: "52.113.194.132", port: 443, url: "teams.events.data.microsoft.com", placement: .share(0.85, kinds: clients)),
    ]

    /// Benign periodic agents on a few devices: reported by the query, false positives for the analyst.
    static let agents: [SeriesSpec] = [
        SeriesSpec("datadog-agent", .benignAgent, "Datadog monitoring agent flushing metrics every 30 s, ±20 %",
                   sleep: 30, style: .symmetric, jitter: 0.20, process: "agent.exe", account: .local("ddagentuser"),
                   ip: "3.233.147.12", port: 443, url: "intake.logs.datadoghq.com", placement: .few(3, prefer: [.server])),
        SeriesSpec("teamviewer-keepalive", .benignAgent, "TeamViewer remote-support service keep-alive every 2 min, ±15 %",
                   sleep: 120, style: .symmetric, jitter: 0.15, process: "TeamViewer_Service.exe", account: .system,
                   ip: "37.252.239.36", port: 5938, url: "router7.teamviewer.com", placement: .few(2, prefer: clients)),
        SeriesSpec("anydesk-relay", .benignAgent, "AnyDesk remote-support relay heartbeat every 60 s, ±10 %",
                   sleep: 60, style: .symmetric, jitter: 0.10, process: "AnyDesk.exe", account: .system,
                   ip: "195.181.174.24", port: 443, url: "relay-8f3a2c61.net.anydesk.com", placement: .few(1, prefer: clients)),
    ]

    /// Periodic traffic the query's event filters remove, one series per filter reason.
    static let ignored: [SeriesSpec] = [
        SeriesSpec("sccm-client", .ignoredTraffic, "Configuration Manager client polling its management point (private address)",
                   sleep: 900, style: .symmetric, jitter: 0.10, process: "CcmExec.exe", account: .system,
                   ip: "10.10.254.20", port: 443, url: "sccm-mp.corp.contoso.com", type: .privateAddress,
                   placement: .few(2, prefer: clients)),
        SeriesSpec("local-api-poll", .ignoredTraffic, "A developer tool polling a local API on 127.0.0.1 every 30 s",
                   sleep: 30, style: .none, jitter: 0, process: "python.exe", account: .user,
                   ip: "127.0.0.1", port: 8080, type: .loopback, placement: .few(1, prefer: clients)),
        SeriesSpec("azure-imds", .ignoredTraffic, "Azure guest agent reading the instance metadata service every 60 s (link-local)",
                   sleep: 60, style: .none, jitter: 0, process: "WindowsAzureGuestAgent.exe", account: .system,
                   ip: "169.254.169.254", port: 80, type: .linkLocal, placement: .few(2, prefer: [.server])),
        SeriesSpec("ssdp-discovery", .ignoredTraffic, "SSDP discovery to the 239.255.255.250 multicast group every 3 min, ±10 %",
                   sleep: 180, style: .symmetric, jitter: 0.10, process: "svchost.exe", account: .localService,
                   ip: "239.255.255.250", port: 1900, type: .reserved, transport: .udp, placement: .few(2, prefer: clients)),
        SeriesSpec("netbios-announcement", .ignoredTraffic, "NetBIOS browser announcements to the subnet broadcast address every 12 min",
                   sleep: 720, style: .none, jitter: 0, process: "System", account: .system,
                   ip: "subnet-broadcast", port: 138, type: .broadcast, transport: .udp, placement: .few(2, prefer: clients)),
        SeriesSpec("wns-ipv6", .ignoredTraffic, "Windows push notifications over IPv6 every 10 min, ±10 %",
                   sleep: 600, style: .symmetric, jitter: 0.10, process: "svchost.exe", account: .networkService,
                   ip: "2603:1030:b00::7a", port: 443, placement: .few(2, prefer: clients)),
        SeriesSpec("slack-mapped-ipv4", .ignoredTraffic, "Slack on an IPv4-mapped IPv6 socket every 2 min, ±10 %",
                   sleep: 120, style: .symmetric, jitter: 0.10, process: "slack.exe", account: .user,
                   ip: "::ffff:54.230.159.12", port: 443, type: .fourToSixMapping, placement: .few(1, prefer: clients)),
        SeriesSpec("teredo-peer", .ignoredTraffic, "A peer-to-peer client keeping a Teredo peer alive every 30 s, ±5 %",
                   sleep: 30, style: .symmetric, jitter: 0.05, process: "svchost.exe", account: .localService,
                   ip: "2001:0:4137:9e76:3c2b:f1e8:c5a4:22b1", port: 51_413, type: .teredo, transport: .udp,
                   placement: .few(1, prefer: clients)),
        SeriesSpec("dead-update-server", .ignoredTraffic, "An updater retrying a retired server every 5 min; every connection fails",
                   sleep: 300, style: .none, jitter: 0, process: "GoogleUpdate.exe", account: .system,
                   ip: "142.250.180.14", port: 443, action: .connectionFailed, placement: .few(2, prefer: clients)),
    ]

    static var everything: [SeriesSpec] { malicious + services + agents + ignored }
}
