import BeaconEngine

/// Builds the noise that fills `--events`: browsing (78 % of what the periodic series leave) and the
/// background traffic the query ignores (22 %), spread over the devices by how active they are.
enum NoisePlan {
    static let browsingShare = 0.78

    static func sources(_ scenario: inout Scenario, budget: Int) -> [any EventSource] {
        let fleet = scenario.fleet
        let start = scenario.start, end = scenario.end
        let span = Double(end - start) / Double(Instant.ticksPerSecond)
        let web = WebDestinations(siteCount: min(6000, 800 + 2 * fleet.count), streams: scenario.streams,
                                  reserved: scenario.seriesAddresses, table: &scenario.table)
        let browsingBudget = Double(budget) * browsingShare
        let backgroundBudget = Double(budget) - browsingBudget
        let totalActivity = fleet.devices.reduce(0) { $0 + $1.activity }
        let totalBackgroundWeight = fleet.devices.reduce(0) { $0 + backgroundWeight($1) }
        let browsingStrings = BrowsingStrings(
            success: scenario.table.intern(ActionType.connectionSuccess.rawValue),
            publicType: scenario.table.intern(RemoteIPType.publicAddress.rawValue),
            tcp: scenario.table.intern(TransportProtocol.tcp.rawValue),
            udp: scenario.table.intern(TransportProtocol.udp.rawValue))
        let context = ignoredContext(&scenario, web: web)

        var browsing: [any EventSource] = []
        var background: [any EventSource] = []
        for device in fleet.devices {
            var rng = scenario.streams.stream("noise-setup", device.index)
            let hours = WorkingHours(kind: device.kind)
            let (active, squared) = hours.activeSeconds(start: start, end: end)

            let quota = browsingBudget * device.activity / totalActivity
            var parameters = BrowsingParameters()
            parameters.fit(eventsPerActiveSecond: quota / max(active, 1))
            let sessions = quota / parameters.meanEventsPerSession
            // Arrivals only happen between sessions: take the (intensity-weighted) time spent inside them
            // out of the active time.
            let busy = sessions * parameters.meanSessionSeconds * squared / max(active, 1)
            let rate = sessions / max(active - busy, active / 4, 1)
            let browser = rng.pick(["chrome.exe", "chrome.exe", "msedge.exe", "msedge.exe", "firefox.exe"])
            let user = Accounts.user(device)
            let others = ["outlook.exe", "ms-teams.exe"].map { initiator($0, user, on: device, table: &scenario.table) }
            let main = initiator(browser, user, on: device, table: &scenario.table)
            browsing.append(BrowsingSource(
                device: device, web: web, parameters: parameters, sessionRate: rate, start: start, end: end,
                browser: (main.process, main.processId), others: others.map { ($0.process, $0.processId) },
                strings: browsingStrings, rng: scenario.streams.stream("browsing", device.index)))

            let backgroundQuota = backgroundBudget * backgroundWeight(device) / totalBackgroundWeight
            let backgroundActive = (0.3 * span + 0.7 * active)
            let initiators = [
                initiator("svchost.exe", scenario.accounts.networkService, on: device, table: &scenario.table),
                initiator("svchost.exe", scenario.accounts.localService, on: device, table: &scenario.table),
                initiator("lsass.exe", scenario.accounts.system, on: device, table: &scenario.table),
                initiator("System", scenario.accounts.system, on: device, table: &scenario.table),
                initiator("MsMpEng.exe", scenario.accounts.system, on: device, table: &scenario.table),
                initiator("spoolsv.exe", scenario.accounts.system, on: device, table: &scenario.table),
                initiator("explorer.exe", user, on: device, table: &scenario.table),
                main,
            ]
            let broadcast = scenario.table.intern(device.localIPv4.split(separator: ".").prefix(3).joined(separator: ".") + ".255")
            background.append(IgnoredNoiseSource(
                device: device, context: context, initiators: initiators, broadcast: broadcast,
                rate: backgroundQuota / max(backgroundActive, 1), start: start, end: end,
                rng: scenario.streams.stream("background", device.index)))
        }
        return browsing + background
    }

    /// Servers accept connections all day; everyone else talks to the network about equally.
    static func backgroundWeight(_ device: Device) -> Double { device.kind == .server ? 3 : 1 }

    /// The address pools of the background noise.
    static func ignoredContext(_ scenario: inout Scenario, web: WebDestinations) -> IgnoredNoiseContext {
        var rng = scenario.streams.stream("background-pools")
        var table = scenario.table
        defer { scenario.table = table }
        let servers = scenario.fleet.devices.filter { $0.kind == .server }.map(\.ids.localIPv4)
        let controllers = ["10.10.254.2", "10.10.254.3"].map { table.intern($0) }
        let reserved = scenario.seriesAddresses.union(web.addresses)
        var publicClients: [StringTable.ID] = []
        var taken = reserved
        for _ in 0..<300 {
            let ip = Addresses.randomPublicIPv4(&rng, avoiding: taken)
            taken.insert(ip)
            publicClients.append(table.intern(ip))
        }
        let webAddresses = web.sites.flatMap(\.ips)
        var types: [RemoteIPType: StringTable.ID] = [:]
        for type in RemoteIPType.allCases { types[type] = table.intern(type.rawValue) }
        var actions: [ActionType: StringTable.ID] = [:]
        for action in ActionType.allCases { actions[action] = table.intern(action.rawValue) }
        return IgnoredNoiseContext(
            internalServers: servers + controllers,
            dnsServers: controllers,
            multicast: [(table.intern("224.0.0.251"), 5353), (table.intern("224.0.0.252"), 5355)],
            linkLocalPeers: (0..<8).map { _ in table.intern("169.254.\(rng.int(in: 1...254)).\(rng.int(in: 1...254))") }
                + (0..<4).map { _ in table.intern("fe80::\(String(rng.int(below: 0x10000), radix: 16)):\(String(rng.int(below: 0x10000), radix: 16)):\(String(rng.int(below: 0x10000), radix: 16)):\(String(rng.int(below: 0x10000), radix: 16))") },
            publicIPv6: (0..<40).map { _ in table.intern(Addresses.randomGlobalIPv6(&rng)) },
            mappedIPv4: (0..<20).map { _ in table.intern("::ffff:" + table[rng.pick(webAddresses)]) },
            teredoPeers: (0..<10).map { _ in table.intern(Addresses.randomTeredo(&rng)) },
            publicClients: publicClients,
            webAddresses: webAddresses,
            unspecified: table.intern("0.0.0.0"),
            loopback: table.intern("127.0.0.1"),
            types: types, actions: actions,
            tcp: table.intern(TransportProtocol.tcp.rawValue), udp: table.intern(TransportProtocol.udp.rawValue))
    }
}
