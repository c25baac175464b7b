import BeaconEngine
import Foundation

/// Hunt mode's known-benign match in KQL: the triage file's false positives and the catalogue's services
/// lower a group's score and name it in `KnownBenign`; nothing is excluded, as in the local engine
/// (`KnownBenignEntry`: attackers name their implants after trusted software, so a marked group stays in
/// sight).
///
/// A false positive matches on its mark's scope exactly as the other modes exclude it (`ExclusionText`:
/// the columns its scope fixes, a narrower mark with another status keeping its groups out, a mark with an
/// expiry only while `now()` is before it), so the console, the faithful and corrected queries and this
/// one agree on which groups a mark covers, also after a mark expires. A catalogue
/// entry matches as the engine matches it: every condition it gives must hold.
struct HuntKnownBenignText {
    let exclusions: [QueryExclusion]
    let catalogue: [KnownBenignEntry]

    /// The label of a false positive, as the engine names its entry (`TriageBook.falsePositiveEntries`).
    static func label(_ exclusion: QueryExclusion) -> String {
        let note = exclusion.decision.note.trimmingCharacters(in: .whitespacesAndNewlines)
        return note.isEmpty ? "false positive (analyst)" : note
    }

    /// Catalogue entries that name domain suffixes, by their index in `catalogue`, with the non-empty
    /// suffixes (an empty suffix matches nothing, as in the engine).
    var domainEntries: [(index: Int, suffixes: [String])] {
        catalogue.enumerated().compactMap { index, entry in
            let suffixes = entry.match.domainSuffixes.filter { !$0.isEmpty }
            return suffixes.isEmpty ? nil : (index, suffixes)
        }
    }

    // MARK: Domains

    /// The end of the Domains enrichment: per address, whether any domain was seen and which catalogue
    /// entries' suffixes one of them falls under.
    func domainLines() -> [String] {
        let entries = domainEntries
        guard !entries.isEmpty else { return ["| summarize DomainsSeen = countif(isnotempty(domain)) by RemoteIP"] }
        var lines = [
            "// A suffix matches the domain itself or what ends in \".\" and the suffix, case ignored, a final root dot dropped (KnownBenign.swift).",
            "// differs: =~ and endswith fold case as Kusto does, which may go beyond the ASCII letters the engine folds",
            #"| extend DomainName = iff(strlen(domain) > 1 and domain endswith ".", substring(domain, 0, strlen(domain) - 1), domain)"#,
            "| extend KnownBenignDomainMatches = pack_array(",
        ]
        for (position, entry) in entries.enumerated() {
            let name = catalogue[entry.index].name
            lines.append("    // \(entry.index): \(KustoLiteral.string(name))")
            let separator = position == entries.count - 1 ? "" : ","
            lines.append("    iff(\(Self.suffixTest(entry.suffixes)), \(entry.index), -1)\(separator)")
        }
        lines += [
            "    )",
            "| mv-expand KnownBenignDomainMatch = KnownBenignDomainMatches to typeof(int)",
            "| summarize DomainsSeen = countif(isnotempty(domain)), KnownBenignDomainEntries = make_set_if(KnownBenignDomainMatch, KnownBenignDomainMatch >= 0) by RemoteIP",
        ]
        return lines
    }

    /// `DomainName in~ ("a.com", "b.net") or DomainName endswith ".a.com" or DomainName endswith ".b.net"`.
    static func suffixTest(_ suffixes: [String]) -> String {
        let exact = "DomainName in~ (\(suffixes.map(KustoLiteral.string).joined(separator: ", ")))"
        return ([exact] + suffixes.map { "DomainName endswith \(KustoLiteral.string("." + $0))" }).joined(separator: " or ")
    }

    // MARK: The label

    func labelLines() -> [String] {
        var lines = [
            "// Known benign (KnownBenign.swift): in hunt mode the triage file's false positives and the catalogue's services lower the",
            "// score (x KnownBenignValue) and name the row in KnownBenign; nothing is excluded, as in the local engine: attackers name their",
            "// implants after trusted software, so a marked row stays in sight. The first entry that matches names it, the analyst's first.",
        ]
        var arms: [[String]] = []
        if !exclusions.isEmpty {
            lines.append("// differs: a false positive matches on its mark's scope as the console and the other modes judge it (the columns the scope fixes, compared exactly; a narrower mark with another status keeps its group unlabelled; a null port is isnull(RemotePort)); the engine's entries compare process names without case, ignore an exact beacon's account and device name, have none for a null port, and also cover the narrower marks")
            arms += exclusions.map { exclusion in
                ["    " + ExclusionText.comment(exclusion),
                 "    \(ExclusionText.predicate(exclusion)), \(KustoLiteral.string(Self.label(exclusion))),"]
            }
        }
        if catalogue.contains(where: { !$0.match.processNames.isEmpty }) {
            lines.append("// differs: catalogue process names compare with in~, which folds case as Kusto does, beyond the ASCII letters the engine folds")
        }
        arms += catalogue.enumerated().compactMap { index, entry in
            guard let test = Self.predicate(entry, index: index) else { return nil }
            return ["    // catalogue \(index): \(KustoLiteral.string(entry.category))",
                    "    \(test), \(KustoLiteral.string(entry.name)),"]
        }
        guard !arms.isEmpty else {
            return lines + ["// No false positive and no catalogue entry in force: nothing is known benign.", #"| extend KnownBenign = """#]
        }
        return lines + ["| extend KnownBenign = case("] + arms.flatMap { $0 } + [#"    "")"#]
    }

    /// A catalogue entry's conditions, all of which must hold; nil for an entry that can never match (no
    /// condition, or only empty domain suffixes).
    static func predicate(_ entry: KnownBenignEntry, index: Int) -> String? {
        let match = entry.match
        var tests: [String] = []
        if !match.processNames.isEmpty {
            tests.append("InitiatingProcessFileName in~ (\(match.processNames.map(KustoLiteral.string).joined(separator: ", ")))")
        }
        if !match.domainSuffixes.isEmpty {
            guard match.domainSuffixes.contains(where: { !$0.isEmpty }) else { return nil }
            tests.append("set_has_element(KnownBenignDomainEntries, \(index))")
        }
        if !match.addressRanges.isEmpty { tests.append(addressTest(match.addressRanges)) }
        if let ip = match.remoteIP { tests.append("RemoteIP == \(KustoLiteral.string(ip))") }
        if let port = match.remotePort { tests.append("RemotePort == \(port)") }
        if let device = match.deviceId { tests.append("DeviceId == \(KustoLiteral.string(device))") }
        return tests.isEmpty ? nil : tests.joined(separator: " and ")
    }

    /// The address in one of the ranges. The engine judges an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) as
    /// its IPv4 address, so each IPv4 range is also tested in its mapped IPv6 form.
    static func addressTest(_ ranges: [AddressRange]) -> String {
        let texts = ranges.map(\.description)
        let v4 = texts.filter { !$0.contains(":") }
        let v6 = texts.filter { $0.contains(":") } + v4.compactMap(mappedRange)
        var tests: [String] = []
        if !v4.isEmpty {
            tests.append("coalesce(ipv4_is_in_any_range(RemoteIP, \(v4.map(KustoLiteral.string).joined(separator: ", "))), false)")
        }
        if !v6.isEmpty {
            tests.append("coalesce(ipv6_is_in_any_range(RemoteIP, \(v6.map(KustoLiteral.string).joined(separator: ", "))), false)")
        }
        return "(" + tests.joined(separator: " or ") + ")"
    }

    /// `13.107.4.0/24` as `::ffff:d6b:400/120`, written in hex as `CorrectionText.nonPublicIPv6Ranges` are;
    /// nil for text that is not a dotted IPv4 network.
    static func mappedRange(_ text: String) -> String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let length = Int(parts[1]), (0...32).contains(length) else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
        guard octets.count == 4 else { return nil }
        let high = UInt16(octets[0]) << 8 | UInt16(octets[1]), low = UInt16(octets[2]) << 8 | UInt16(octets[3])
        return "::ffff:\(String(high, radix: 16)):\(String(low, radix: 16))/\(96 + length)"
    }
}
