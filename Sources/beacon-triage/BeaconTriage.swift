import ArgumentParser

@main
struct BeaconTriage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "beacon-triage",
        abstract: "Find command-and-control beacons in network telemetry with the Suspicious Network Beacons query.",
        discussion: """
        Runs Cyb3rMonk's "Suspicious Network Beacons" hunting query for Microsoft Defender stage by stage, \
        with the numbers Kusto would give. Inputs: DeviceNetworkEvents exports as CSV, JSON (Advanced \
        Hunting API response or array) or JSON lines, optionally gzip-compressed; the format is detected \
        from the content.
        """,
        subcommands: [Console.self, Analyze.self, Export.self, Kql.self, Generate.self],
        defaultSubcommand: Console.self
    )
}
