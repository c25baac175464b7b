/// What kind of machine a device is: it decides its name, its traffic mix and its working hours.
public enum DeviceKind: String, Sendable {
    case workstation, laptop, server
}

/// One Defender-onboarded device and the identity its rows carry.
public struct Device: Sendable {
    public let index: Int
    /// 40 lowercase hex digits, as Defender's DeviceId.
    public let deviceId: String
    /// The FQDN, as Defender's DeviceName.
    public let name: String
    public let kind: DeviceKind
    public let localIPv4: String
    public let localIPv6: String
    /// The signed-in user (workstations, laptops) or the admin account (servers) that runs user processes.
    public let userName: String
    public let userDomain: String
    /// Relative browsing volume: a few heavy users make most of the noise.
    public let activity: Double
    /// Intervals (ticks, closed) when the device is off the network and writes nothing.
    public var offline: [ClosedRange<Int64>] = []

    let ids: DeviceStringIDs

    /// The short host name, which Defender uses as the account domain of local accounts.
    public var shortName: String { String(name.prefix { $0 != "." }) }

    public func isOffline(_ ticks: Int64) -> Bool {
        offline.contains { $0.contains(ticks) }
    }
}

struct DeviceStringIDs: Sendable {
    var deviceId: StringTable.ID
    var name: StringTable.ID
    var localIPv4: StringTable.ID
    var localIPv6: StringTable.ID
    var localIPv4Mapped: StringTable.ID
    var userName: StringTable.ID
    var userDomain: StringTable.ID
}

/// The organisation's devices: about 8 % servers, a third laptops, the rest workstations, named and
/// addressed as a Windows domain `corp.contoso.com` would be.
public struct Fleet: Sendable {
    public private(set) var devices: [Device]

    public static let dnsSuffix = "corp.contoso.com"
    public static let userDomain = "contoso"

    public init(count: Int, streams: RandomStreams, table: inout StringTable) {
        var rng = streams.stream("fleet")
        let servers = max(2, (count * 8 + 50) / 100)
        let laptops = (count - servers) * 35 / 100
        var kinds = Array(repeating: DeviceKind.server, count: servers)
            + Array(repeating: DeviceKind.laptop, count: laptops)
            + Array(repeating: DeviceKind.workstation, count: count - servers - laptops)
        rng.shuffle(&kinds)

        var names = UniqueNumbers(count: count, rng: &rng)
        var roleCounters: [String: Int] = [:]
        var usedUsers = Set<String>()
        var usedIds = Set<String>()
        var workstationSlot = 0, serverSlot = 0
        devices = []
        devices.reserveCapacity(count)
        for index in 0..<count {
            let kind = kinds[index]
            var deviceId = ""
            repeat { deviceId = Fleet.hex40(&rng) } while !usedIds.insert(deviceId).inserted
            let host: String
            let localIP: String
            let user: String
            let activity: Double
            switch kind {
            case .server:
                let role = NameLists.serverRoles[serverSlot % NameLists.serverRoles.count]
                roleCounters[role, default: 0] += 1
                host = "srv-\(role)-\(zeroPad(roleCounters[role]!, 2))"
                localIP = Addresses.ipv4(10, 10, serverSlot / 250, serverSlot % 250 + 4)
                user = "adm-" + Fleet.uniqueUser(&rng, used: &usedUsers)
                activity = 0.08
                serverSlot += 1
            case .workstation, .laptop:
                host = (kind == .laptop ? "lt-" : "ws-") + names.next()
                localIP = Addresses.ipv4(10, 20 + workstationSlot / 62_500, workstationSlot / 250 % 250, workstationSlot % 250 + 4)
                user = Fleet.uniqueUser(&rng, used: &usedUsers)
                activity = rng.logNormal(median: 1, sigma: 0.7)
                workstationSlot += 1
            }
            let name = host + "." + Fleet.dnsSuffix
            let ipv6 = "2a01:4c8:f100:\(String(index / 0x10000 + 1, radix: 16)):\(String(rng.int(below: 0x10000), radix: 16)):\(String(rng.int(below: 0x10000), radix: 16)):\(String(rng.int(below: 0x10000), radix: 16)):\(String(index % 0x10000, radix: 16))"
            let ids = DeviceStringIDs(
                deviceId: table.intern(deviceId), name: table.intern(name), localIPv4: table.intern(localIP),
                localIPv6: table.intern(ipv6), localIPv4Mapped: table.intern("::ffff:" + localIP),
                userName: table.intern(user), userDomain: table.intern(Fleet.userDomain))
            devices.append(Device(index: index, deviceId: deviceId, name: name, kind: kind, localIPv4: localIP,
                                  localIPv6: ipv6, userName: user, userDomain: Fleet.userDomain,
                                  activity: activity, ids: ids))
        }
    }

    public var count: Int { devices.count }

    public subscript(index: Int) -> Device { devices[index] }

    mutating func setOffline(_ device: Int, _ intervals: [ClosedRange<Int64>]) {
        devices[device].offline = intervals
    }

    static func hex40<R: RandomSource>(_ rng: inout R) -> String {
        let parts = [rng.next(), rng.next()].map { zeroPadHex($0, 16) }
        return parts.joined() + zeroPadHex(rng.next() >> 32, 8)
    }

    /// `jsmith`-style sAMAccountNames, with a digit added on a clash.
    static func uniqueUser<R: RandomSource>(_ rng: inout R, used: inout Set<String>) -> String {
        let base = String(rng.pick(NameLists.firstNames).first!) + rng.pick(NameLists.lastNames)
        var candidate = base
        var suffix = 2
        while !used.insert(candidate).inserted {
            candidate = base + String(suffix)
            suffix += 1
        }
        return candidate
    }
}

/// Distinct zero-padded asset numbers in random-looking order (`0412`, `7730`, ...): an affine walk
/// `start + i * step (mod m)` with `step` coprime to `m`, so no number repeats.
struct UniqueNumbers {
    private let modulus: Int
    private let step: Int
    private var current: Int
    private let width: Int

    init<R: RandomSource>(count: Int, rng: inout R) {
        var modulus = 10_000
        var width = 4
        while modulus < count * 2 { modulus *= 10; width += 1 }
        var step = rng.int(in: modulus / 7 ... modulus / 3)
        while gcd(step, modulus) != 1 { step += 1 }
        self.modulus = modulus
        self.step = step
        self.width = width
        current = rng.int(below: modulus)
    }

    mutating func next() -> String {
        current = (current + step) % modulus
        return zeroPad(current, width)
    }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

func zeroPad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

func zeroPadHex(_ value: UInt64, _ width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
