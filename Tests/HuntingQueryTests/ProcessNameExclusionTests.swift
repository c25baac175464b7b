import BeaconEngine
import Foundation
import Testing
import Triage
@testable import HuntingQuery

/// Process names in the query's exclusions compare as the console's marks do: case ignored (`=~`),
/// while an exact beacon stays the one group (`==`) and addresses compare exactly.
@Suite struct ProcessNameExclusionTests {
    @Test func aProcessMarkExcludesEveryCaseAsTheConsoleHidesIt() throws {
        let mark = ExclusionTests.decision(.process("PowerShell.exe"))
        let text = HuntingQuery(parameters: QueryParameters(), decisions: [mark], triageFile: "team.triage.toml",
                                at: ExclusionTests.now).render()
        let lines = text.components(separatedBy: "\n")
        let filter = try #require(lines.first { $0.hasPrefix("| where not(") })
        #expect(filter == #"| where not(InitiatingProcessFileName =~ "PowerShell.exe")"#)
        #expect(lines.contains(ExclusionText.processNameNote))
        for process in ["powershell.exe", "POWERSHELL.EXE", "PowerShell.exe"] {
            let key = ExclusionTests.key(process: process)
            #expect(mark.scope.matches(key))
            #expect(PredicateEvaluator.keeps(filter, key) == false, "\(process)")
        }
        #expect(PredicateEvaluator.keeps(filter, ExclusionTests.key(process: "powershell.exe.bak")) == true)
    }

    @Test func anExactBeaconAndAnAddressStayExact() {
        let key = ExclusionTests.key(process: "Svc.exe")
        let text = HuntingQuery(parameters: QueryParameters(), decisions: [
            ExclusionTests.decision(.exactBeacon(key)),
            ExclusionTests.decision(.destination(remoteIP: "2001:DB8::1", remotePort: 443)),
        ], triageFile: "team.triage.toml", at: ExclusionTests.now).render()
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains(#"| where not(DeviceId == "id-d1" and DeviceName == "d1" and InitiatingProcessAccountName == "bob" and InitiatingProcessAccountDomain == "corp" and InitiatingProcessFileName == "Svc.exe" and RemoteIP == "203.0.113.7" and RemotePort == 443)"#))
        #expect(lines.contains(#"| where not(RemoteIP == "2001:DB8::1" and RemotePort == 443)"#))
        // No broad process mark: no line about how names compare.
        #expect(!lines.contains(ExclusionText.processNameNote))
    }
}
