import Dispatch

/// Hunt mode's threshold-free measures of a preparation: each measured group's periodicity and shape, by
/// the measures' slot (see `GroupMeasures`), and the fleet's view of every destination.
struct HuntMeasures: Sendable {
    var periodicity: [Periodicity]
    var shapes: [SeriesShape]
    /// Whether the slot's group is a Windows service host under a built-in service account.
    var serviceHost: [Bool]
    var context: FleetContext

    /// Windows' service host processes, which run only as SYSTEM, LOCAL SERVICE or NETWORK SERVICE: the
    /// same name under a user's account is a masquerade (SANS "Hunt Evil" poster), under those accounts
    /// the usual Windows service traffic.
    static let serviceHosts: Set<String> = ["svchost.exe", "services.exe", "lsass.exe", "spoolsv.exe"]
    static let serviceAccounts: Set<String> = ["system", "local service", "network service", "localservice",
                                               "networkservice"]

    static func measure(_ groups: GroupTimestamps.Groups, groupOfSlot: [Int32], pool: StringPool,
                        threads: Int) -> HuntMeasures {
        let slots = groupOfSlot.count
        var periodicity = [Periodicity](repeating: .none, count: slots)
        var shapes = [SeriesShape](repeating: .empty, count: slots)
        let parts = max(1, min(threads, slots / 2_000))
        groups.timestamps.withUnsafeBufferPointer { timestamps in
            periodicity.withUnsafeMutableBufferPointer { periodicity in
                shapes.withUnsafeMutableBufferPointer { shapes in
                    let work = HuntWork(starts: groups.starts, groupOfSlot: groupOfSlot, timestamps: timestamps,
                                        periodicity: periodicity, shapes: shapes)
                    if parts == 1 {
                        work.run(0..<slots)
                    } else {
                        // Interleaved slots: long series cluster in the order groups first appear.
                        DispatchQueue.concurrentPerform(iterations: parts) { part in
                            work.run(stride(from: part, to: slots, by: parts))
                        }
                    }
                }
            }
        }
        var verdictOfOrigin: [Int: Bool] = [:]
        let serviceHost = groupOfSlot.map { group -> Bool in
            let originNumber = Int(groups.keys[Int(group)] >> 32)
            if let known = verdictOfOrigin[originNumber] { return known }
            let origin = groups.origins[originNumber]
            let verdict = serviceHosts.contains(pool[origin.fileName].lowercased())
                && serviceAccounts.contains(pool[origin.accountName].lowercased())
            verdictOfOrigin[originNumber] = verdict
            return verdict
        }
        var wanted = [Bool](repeating: false, count: pool.count)
        for group in groupOfSlot { wanted[Int(groups.remoteIP(Int(group)))] = true }
        let context = FleetContext(groups, poolCount: pool.count, wanted: wanted)
        return HuntMeasures(periodicity: periodicity, shapes: shapes, serviceHost: serviceHost,
                            context: context)
    }
}

/// One thread's share of the slots; each slot's results are written by exactly one thread.
private struct HuntWork: @unchecked Sendable {
    // Unchecked: buffers shared by the threads of one `concurrentPerform`, each writing only its own
    // slots, and outliving it.
    let starts: [Int]
    let groupOfSlot: [Int32]
    let timestamps: UnsafeBufferPointer<Int64>
    let periodicity: UnsafeMutableBufferPointer<Periodicity>
    let shapes: UnsafeMutableBufferPointer<SeriesShape>

    func run<S: Sequence>(_ slots: S) where S.Element == Int {
        for slot in slots {
            let group = Int(groupOfSlot[slot])
            let series = UnsafeBufferPointer(rebasing: timestamps[starts[group]..<starts[group + 1]])
            periodicity[slot] = Periodicity.measure(series)
            shapes[slot] = SeriesShape(series)
        }
    }
}
