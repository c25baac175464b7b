import ArgumentParser
import TerminalBackend

@main
struct BeaconTriage: ParsableCommand {
    /// Before anything else: a crash must never leave the process waiting for a key.
    static func main() {
        NonInteractiveBacktrace.ensure()
        main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "beacon-triage",
        abstract: "Find command-and-control beacons in network telemetry with the Suspicious Network Beacons query.",
        discussion: """
        Runs Cyb3rMonk's "Suspicious Network Beacons" hunting query for Microsoft Defender stage by stage, \
        with the numbers Kusto would give. Inputs: DeviceNetworkEvents exports as CSV, JSON (Advanced \
        Hunting API response or array) or JSON lines; Sysmon event 3 and Security event 5156 as JSON lines \
        (nxlog, winlogbeat) or wevtutil XML; Zeek conn logs (TSV or JSON lines, with their http and ssl \
        logs); each optionally gzip-compressed, and folders of them (read recursively). The format is \
        detected from the content.
        """,
        subcommands: [Console.self, Analyze.self, Export.self, Kql.self, Generate.self],
        defaultSubcommand: Console.self
    )
}
