/// Who initiates a connection: the process file name, the account it runs as, and its process id.
struct Initiator: Sendable {
    var process: StringTable.ID
    var account: StringTable.ID
    var domain: StringTable.ID
    var processId: UInt32
}

/// The Windows accounts processes run as, and stable process ids.
struct Accounts: Sendable {
    let system: (StringTable.ID, StringTable.ID)
    let localService: (StringTable.ID, StringTable.ID)
    let networkService: (StringTable.ID, StringTable.ID)

    init(table: inout StringTable) {
        let authority = table.intern("nt authority")
        system = (table.intern("system"), authority)
        localService = (table.intern("local service"), authority)
        networkService = (table.intern("network service"), authority)
    }

    /// The device's signed-in (or admin) user.
    static func user(_ device: Device) -> (StringTable.ID, StringTable.ID) {
        (device.ids.userName, device.ids.userDomain)
    }
}

/// A process id that stays the same for a process on a device for the whole capture, as a long-running
/// process's does; Windows ids are multiples of 4, and `System` is always 4.
func processId(_ process: String, on device: Device) -> UInt32 {
    if process == "System" { return 4 }
    return UInt32(4 * (100 + fnv1a(process + "@" + device.deviceId) % 15_000))
}

func initiator(_ process: String, _ account: (StringTable.ID, StringTable.ID), on device: Device,
               table: inout StringTable) -> Initiator {
    Initiator(process: table.intern(process), account: account.0, domain: account.1,
              processId: processId(process, on: device))
}
