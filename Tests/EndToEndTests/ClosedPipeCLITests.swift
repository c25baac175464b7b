import Foundation
import Testing

/// `beacon-triage analyze FILE | head -1`: once the reader has gone, the next write ends the process
/// quietly by SIGPIPE's default action, as `cat` or `grep` end, status 141 (128 + 13) in a shell.
@Suite struct ClosedPipeCLITests {
    @Test func analyzeIntoAClosedPipeEndsQuietlyBySIGPIPE() throws {
        let scratch = try ScratchFolder()
        let errors = scratch.path("errors.txt")
        // The reader (`true`) is gone long before the demo day is analysed; fd 3 carries the status out.
        let line = #"exec 3>&1; { "$0" analyze 2>"$1"; echo "status=$?" >&3; } | true"#
        let binary = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            .deletingLastPathComponent().appendingPathComponent("beacon-triage").path
        let result = try runProcess("/bin/sh", ["-c", line, binary, errors])
        #expect(result.output == "status=141\n")
        let messages = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(!messages.contains("Fatal") && !messages.lowercased().contains("broken pipe"))
    }
}
