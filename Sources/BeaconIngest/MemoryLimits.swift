import Foundation

/// The memory this process may still take, read from every place Linux can limit it: the machine
/// (`MemAvailable`), the process's cgroup (v2 `memory.max`, v1 `memory.limit_in_bytes`, on its own path
/// and every ancestor's) and its resource limits (`RLIMIT_AS`, `RLIMIT_DATA`). A load that passes only the
/// first would still end in an allocation failure (SIGABRT) under `prlimit` or a container's limit.
struct MemoryLimits {
    /// Each limit found, with the room it leaves, for the refusal to name the one that binds.
    struct Room: Equatable {
        var bytes: Int
        /// What limits it, as the message says it: "the machine", "the cgroup's memory limit", "RLIMIT_AS".
        var source: String
    }

    /// Where the kernel's files are read from: the real ones, or a test's folder laid out the same way.
    var readFile: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }
    /// The two resource limits that bound a process's memory.
    enum Resource { case addressSpace, dataSegment }
    /// `getrlimit`'s soft limit for a resource, nil when unlimited.
    var resourceLimit: (Resource) -> Int? = MemoryLimits.softLimit

    /// The tightest limit, or nil when none can be read.
    func tightest() -> Room? {
        all().min { $0.bytes < $1.bytes }
    }

    func all() -> [Room] {
        var rooms: [Room] = []
        if let available = readFile("/proc/meminfo").flatMap(Self.memAvailable(meminfo:)) {
            rooms.append(Room(bytes: available, source: "the machine"))
        }
        if let cgroup = cgroupRoom() { rooms.append(Room(bytes: cgroup, source: "the cgroup's memory limit")) }
        let status = readFile("/proc/self/status") ?? ""
        // The kernel counts RLIMIT_AS against every mapping (VmSize) and RLIMIT_DATA against the private
        // writable ones (VmData): a Swift process already maps a few hundred MB of the former.
        for (resource, name, field) in [(Resource.addressSpace, "RLIMIT_AS", "VmSize"), (.dataSegment, "RLIMIT_DATA", "VmData")] {
            guard let limit = resourceLimit(resource) else { continue }
            let used = Self.statusKilobytes(status, field: field).map { $0 * 1024 } ?? 0
            rooms.append(Room(bytes: max(0, limit - used), source: name))
        }
        return rooms
    }

    /// The least room any cgroup on this process's path leaves (a limit set on an ancestor binds too).
    func cgroupRoom() -> Int? {
        let membership = readFile("/proc/self/cgroup") ?? ""
        var rooms: [Int] = []
        if let path = Self.cgroupPath(membership, controller: nil) {
            for folder in Self.ancestors(of: path) {
                let base = "/sys/fs/cgroup" + folder
                guard let limit = readFile(base + "/memory.max").flatMap(Self.cgroupLimit) else { continue }
                let used = readFile(base + "/memory.current").flatMap(Self.integer) ?? 0
                rooms.append(max(0, limit - used))
            }
        }
        if let path = Self.cgroupPath(membership, controller: "memory") {
            for folder in Self.ancestors(of: path) {
                let base = "/sys/fs/cgroup/memory" + folder
                guard let limit = readFile(base + "/memory.limit_in_bytes").flatMap(Self.cgroupLimit) else { continue }
                let used = readFile(base + "/memory.usage_in_bytes").flatMap(Self.integer) ?? 0
                rooms.append(max(0, limit - used))
            }
        }
        return rooms.min()
    }

    // MARK: - Parsing the kernel's files

    /// A limit this large means none: cgroup v1 writes "no limit" as the page-rounded maximum
    /// (9223372036854771712), and no machine has 4 EiB.
    static let unlimited = 1 << 62

    /// `MemAvailable:   12345678 kB` from /proc/meminfo, in bytes.
    static func memAvailable(meminfo: String) -> Int? {
        statusKilobytes(meminfo, field: "MemAvailable").map { $0 * 1024 }
    }

    /// A `Field:   1234 kB` line of /proc/meminfo or /proc/self/status, in kB.
    static func statusKilobytes(_ text: String, field: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2 else { return nil }
            return Int(fields[1].trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A cgroup memory limit in bytes: nil for v2's `max` and for v1's huge "no limit" number.
    static func cgroupLimit(_ text: String) -> Int? {
        guard let value = integer(text), value < unlimited else { return nil }
        return value
    }

    /// This process's cgroup path from /proc/self/cgroup: the v2 line (`0::/path`) when `controller` is nil,
    /// else the v1 line naming it among its controllers (`4:memory:/path`, `3:cpu,memory:/path`).
    static func cgroupPath(_ membership: String, controller: String?) -> String? {
        for line in membership.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let controllers = parts[1].split(separator: ",").map(String.init)
            let matches = controller.map { controllers.contains($0) } ?? (parts[0] == "0" && parts[1].isEmpty)
            if matches { return String(parts[2]) }
        }
        return nil
    }

    /// `/a/b` → `/a/b`, `/a`, `` (the mount's root). In a container the path names the cgroup as the host
    /// sees it while the mount's root is that cgroup itself; the root then holds its limit.
    static func ancestors(of path: String) -> [String] {
        var components = path.split(separator: "/").map(String.init)
        var folders: [String] = []
        while !components.isEmpty {
            folders.append("/" + components.joined(separator: "/"))
            components.removeLast()
        }
        return folders + [""]
    }

    static func integer(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func softLimit(_ resource: Resource) -> Int? {
        var limit = rlimit()
        let which = resource == .addressSpace ? RLIMIT_AS : RLIMIT_DATA
        // RLIM_INFINITY is all ones, far beyond `unlimited`.
        guard getrlimit(__rlimit_resource_t(which.rawValue), &limit) == 0, limit.rlim_cur < UInt(unlimited) else { return nil }
        return Int(limit.rlim_cur)
    }
}
