import BeaconEngine
import Testing
import Triage
@testable import HuntingQuery

/// The corrected mode in KQL: exactly the quirks `QueryQuirk` lists, each after its comment, and nothing
/// else of the query changed.
@Suite struct CorrectedModeTests {
    let text = HuntingQuery(parameters: QueryParameters(mode: .corrected)).render()
    var lines: [String] { text.components(separatedBy: "\n") }

    /// The line after the `// corrected: Qn` comment (the first one when a quirk changes several places).
    func corrected(_ quirk: String, after offset: Int = 1) -> String? {
        guard let index = lines.firstIndex(where: { $0.hasPrefix("// corrected: \(quirk) ") }) else { return nil }
        return lines[index + offset]
    }

    @Test func everyCorrectionHasItsComment() {
        for quirk in QueryQuirk.allCases {
            #expect(lines.contains { $0.hasPrefix("// corrected: \(quirk.rawValue) ") }, "\(quirk)")
        }
        // And the header lists them all, with nothing left out.
        #expect(text.contains("// Mode: corrected. Every quirk the corrected mode changes is expressed in KQL, none is left out:"))
        for quirk in QueryQuirk.allCases { #expect(text.contains("//   \(quirk.rawValue) ")) }
    }

    @Test func theCorrectedLinesSayWhatTheEngineDoes() {
        #expect(corrected("Q1") == #"| where ActionType in ("ConnectionSuccess", "ConnectionRequest", "ConnectionFailed")"#)
        #expect(corrected("Q2") == "| where outliers > OutlierThresholdMax or outliers < (-1 * OutlierThresholdMax) // outlier can be negative or positive.")
        #expect(corrected("Q3") == #"| where not(coalesce(ipv4_is_private(RemoteIP), ipv6_is_in_any_range(RemoteIP, "::/128", "::1/128", "fe80::/10", "fc00::/7", "ff00::/8", "2001:db8::/32", "::ffff:a00:0/104", "::ffff:ac10:0/108", "::ffff:c0a8:0/112")))"#)
        #expect(corrected("Q7") == "| project Timestamp, nextTimestamp, TimeDeltaInSeconds, DeviceId, DeviceName, InitiatingProcessAccountName, InitiatingProcessFileName, RemoteIP, RemotePort")
        #expect(lines.contains(#"| summarize count(), min(Timestamp), max_Timestamp=max(nextTimestamp), Duration=datetime_diff("second", max(nextTimestamp), min(Timestamp)),"#))
        #expect(corrected("Q8") == "| extend RemotePort = coalesce(RemotePort, int(-1))")
        #expect(lines.contains("| extend RemotePort = iff(RemotePort == -1, int(null), RemotePort)"))
        // Q13: the fences, then after the expansion the rescoring with a floor of 2 s and series_outliers'
        // factor 2.772605605507915 (spec S1).
        #expect(corrected("Q13")?.hasPrefix("| extend OutlierSortedDeltas = array_sort_asc(TimeDeltaList), OutlierRankP10 = 0.1 * (array_length(TimeDeltaList) - 1), OutlierRankP90 = 0.9 * (array_length(TimeDeltaList) - 1)") == true)
        #expect(corrected("Q13", after: 2)?.hasPrefix("| extend OutlierP10 = todouble(OutlierSortedDeltas[toint(floor(OutlierRankP10, 1))]) + (OutlierRankP10 - floor(OutlierRankP10, 1)) * ") == true)
        // Only the two fences travel into the expansion.
        #expect(corrected("Q13", after: 3) == "| project-away OutlierSortedDeltas, OutlierRankP10, OutlierRankP90")
        let expand = lines.firstIndex(of: "| mv-expand TimeDeltaList, outliers to typeof(double)")
        #expect(expand.map { lines[$0 + 1] } == "| extend outliers = iff(OutlierP90 - OutlierP10 >= 2, outliers, case(todouble(TimeDeltaList) > OutlierP90, ((todouble(TimeDeltaList) - OutlierP90) / 2) * 2.772605605507915, todouble(TimeDeltaList) < OutlierP10, ((todouble(TimeDeltaList) - OutlierP10) / 2) * 2.772605605507915, 0.0))")
    }

    /// The published lines are all there, in order, but for the five the corrections replace.
    @Test func nothingElseOfTheQueryChanges() {
        let published = SeedQuery.text.components(separatedBy: "\n")
        let replaced: Set<String> = [
            SeedLine.actionTypeFilter.rawValue, SeedLine.privateAddressFilter.rawValue,
            SeedLine.projectDeltas.rawValue, SeedLine.summarizeDeltas.rawValue, SeedLine.outlierFilter.rawValue,
        ]
        #expect(published.filter { !lines.contains($0) } == published.filter { replaced.contains($0) })
        var position = lines.startIndex
        for line in published where !replaced.contains(line) {
            guard let found = lines[position...].firstIndex(of: line) else {
                Issue.record("out of order or missing: \(line)")
                return
            }
            position = found + 1
        }
    }

    /// The null port's stand-in comes after the exclusions, which test the real null.
    @Test func exclusionsSeeTheNullPortBeforeItIsCarriedAsMinusOne() throws {
        let decision = ExclusionTests.decision(.destination(remoteIP: "203.0.113.7", remotePort: nil))
        let lines = HuntingQuery(parameters: QueryParameters(mode: .corrected), decisions: [decision], triageFile: nil,
                                 at: ExclusionTests.now).render().components(separatedBy: "\n")
        let exclusion = try #require(lines.firstIndex(of: #"| where not(RemoteIP == "203.0.113.7" and isnull(RemotePort))"#))
        let carried = try #require(lines.firstIndex(of: "| extend RemotePort = coalesce(RemotePort, int(-1))"))
        #expect(exclusion < carried)
    }
}
