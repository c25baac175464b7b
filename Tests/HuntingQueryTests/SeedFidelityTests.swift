import BeaconEngine
import Foundation
import Testing
@testable import HuntingQuery

/// The seed page's query, read out of the page here, independently of the renderer's copy.
func publishedQuery() throws -> String {
    let page = try String(contentsOfFile: fixture("000_090622b8d3a8b773.txt"), encoding: .utf8)
    let lines = page.components(separatedBy: "\n")
    let first = try #require(lines.firstIndex(of: "Rule body kusto")) + 1
    let end = try #require(lines.firstIndex(of: "Stages and Predicates"))
    return lines[first..<end].joined(separator: "\n") + "\n"
}

func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// Lines of a rendering that are not comments, for comparing what runs.
func queryLines(_ text: String) -> [String] {
    text.components(separatedBy: "\n").filter { !$0.hasPrefix("//") }
}

@Suite struct SeedFidelityTests {
    @Test func theDefaultRenderingIsThePublishedQueryByteForByte() throws {
        let published = try publishedQuery()
        let rendered = HuntingQuery(parameters: QueryParameters()).render()
        #expect(rendered == published)
        // The brief's own yardstick, whitespace-insensitive, holds a fortiori.
        #expect(rendered.filter { !$0.isWhitespace } == published.filter { !$0.isWhitespace })
        // 93 lines from "// Author: Cyb3rMonk" to "| order by Jitter asc, ...".
        #expect(rendered.components(separatedBy: "\n").count == 94)
        #expect(rendered.hasPrefix("// Author: Cyb3rMonk(https://twitter.com/Cyb3rMonk"))
        #expect(rendered.hasSuffix("| order by Jitter asc, TimeDeltaInSeconds_avg asc\n"))
    }

    @Test func aTriageFileWithoutFalsePositivesLeavesThePublishedQuery() throws {
        let rendered = HuntingQuery(parameters: QueryParameters(), decisions: [], triageFile: "team.triage.toml",
                                    at: Date(timeIntervalSince1970: 1_800_000_000)).render()
        #expect(rendered == (try publishedQuery()))
    }

    @Test func everyLineTheRendererEditsOccursExactlyOnce() throws {
        let lines = try publishedQuery().components(separatedBy: "\n")
        for line in SeedLine.allCases {
            #expect(lines.filter { $0 == line.rawValue }.count == 1, "\(line)")
        }
    }

    @Test func theSentinelFlavourChangesOnlyTheThreeTimeColumnLines() throws {
        let published = try publishedQuery().components(separatedBy: "\n")
        var parameters = QueryParameters()
        parameters.jitter = 50  // the default, written out: nothing else differs
        let rendered = HuntingQuery(parameters: parameters, flavor: .sentinel).render()
        let all = rendered.components(separatedBy: "\n"), code = queryLines(rendered)
        let removed = published.filter { !all.contains($0) }
        #expect(removed == [
            "| where Timestamp between (ago(starttime)..ago(endtime))",
            "| summarize hint.strategy=shuffle make_set(Timestamp) by DeviceId, DeviceName,InitiatingProcessAccountName, InitiatingProcessAccountDomain, InitiatingProcessFileName, RemoteIP, RemotePort",
            "| where Timestamp > ago(starttime+1d)",
        ])
        let added = code.filter { !published.contains($0) }
        #expect(added == [
            "| where TimeGenerated between (ago(starttime)..ago(endtime))",
            "| summarize hint.strategy=shuffle set_Timestamp=make_set(TimeGenerated) by DeviceId, DeviceName,InitiatingProcessAccountName, InitiatingProcessAccountDomain, InitiatingProcessFileName, RemoteIP, RemotePort",
            "| where TimeGenerated > ago(starttime+1d)",
        ])
        #expect(rendered.hasPrefix("// beacon-triage: Cyb3rMonk's Suspicious Network Beacons query below, for Microsoft Sentinel / Log Analytics."))
        // Every later line still reads set_Timestamp and the output's Timestamp columns.
        #expect(rendered.contains("| where array_length(set_Timestamp) > TotalEventsThresholdMin"))
    }
}
