import BeaconEngine
import KQL
import Foundation

/// What the catalogue accepts as a fact. A catalogue entry lowers the score of everything it matches, so
/// an entry that matches too much (a Windows binary every implant can run as, a cloud host anyone can
/// rent, a private network) would quietly lower the score of real beacons: those are refused here rather
/// than left to review. Each check returns nil when the value is acceptable, or the reason it is not.
enum CatalogueRules {
    /// Generic or commonly abused Windows binaries (compared lowercased): malware runs as, or through, them,
    /// so their names say nothing about which service is talking.
    static let genericProcessNames: Set<String> = [
        "svchost.exe", "rundll32.exe", "regsvr32.exe", "dllhost.exe", "powershell.exe", "pwsh.exe", "cmd.exe",
        "mshta.exe", "wscript.exe", "cscript.exe", "msedge.exe", "chrome.exe", "firefox.exe", "iexplore.exe",
        "explorer.exe", "notepad.exe", "taskhostw.exe", "runtimebroker.exe", "conhost.exe", "python.exe",
        "pythonw.exe", "java.exe", "javaw.exe", "node.exe", "msiexec.exe", "wmic.exe", "wmiprvse.exe",
        "bitsadmin.exe", "certutil.exe", "curl.exe", "msbuild.exe", "installutil.exe", "regasm.exe", "regsvcs.exe",
        "cmstp.exe", "werfault.exe", "services.exe", "lsass.exe", "winlogon.exe",
        // Names many unrelated products ship (Squirrel's Update.exe among them).
        "update.exe", "updater.exe", "setup.exe",
    ]

    /// Suffixes under which anyone can get a host name (cloud storage and app hosting, CDNs, tunnels). A
    /// catalogue domain may name one vendor's host below them, never one of them or a parent of one.
    static let sharedHostingSuffixes: [String] = [
        "amazonaws.com", "cloudfront.net", "awsapps.com", "azurewebsites.net", "azureedge.net", "azurefd.net",
        "cloudapp.net", "cloudapp.azure.com", "blob.core.windows.net", "web.core.windows.net", "trafficmanager.net",
        "storage.googleapis.com", "appspot.com", "run.app", "web.app", "firebaseapp.com", "herokuapp.com",
        "github.io", "githubusercontent.com", "pages.dev", "workers.dev", "netlify.app", "vercel.app",
        "akamaihd.net", "akamaized.net", "edgekey.net", "fastly.net", "ngrok.io", "ngrok-free.app",
        "trycloudflare.com", "duckdns.org", "no-ip.com",
    ]

    /// Private, shared and special-purpose networks: a vendor publishes public addresses, and a range over
    /// these would cover the organisation's own hosts.
    static let specialRanges: [String] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
    ]

    /// The widest prefixes accepted, by family: wider ranges are whole provider blocks, not one service.
    static let minimumIPv4Prefix = 12
    static let minimumIPv6Prefix = 24

    /// `'text'`, made safe to print.
    static func quoted(_ text: String) -> String { "'" + terminalSafe(text) + "'" }

    static func problem(withText text: String) -> String? {
        let invisible = terminalSafe(text) != text || text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" }
        return invisible ? "\(quoted(text)) has a control or invisible character" : nil
    }

    /// `https://host/...` with a dotted host name and no user part (`https://vendor.com@elsewhere/` is not the
    /// vendor's page).
    static func isHTTPSURL(_ text: String) -> Bool {
        guard text.hasPrefix("https://"), !text.contains(where: \.isWhitespace),
              let components = URLComponents(string: text), components.scheme == "https",
              components.user == nil, components.password == nil,
              let host = components.host, host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".")
        else { return false }
        return true
    }

    /// A file name as `InitiatingProcessFileName` holds it: no folder, no drive, not a generic binary.
    static func problem(withProcess name: String) -> String? {
        if name.isEmpty { return "an empty process name" }
        if let problem = problem(withText: name) { return problem }
        if name.contains(where: { $0 == "/" || $0 == "\\" || $0 == ":" }) {
            return "\(quoted(name)) has a path separator (write the file name alone, as InitiatingProcessFileName holds it)"
        }
        if name.first!.isWhitespace || name.last!.isWhitespace { return "\(quoted(name)) has a leading or trailing space" }
        if genericProcessNames.contains(name.lowercased()) {
            return "\(quoted(name)) is a generic Windows binary that malware also runs as; it cannot identify one service"
        }
        return nil
    }

    /// A domain suffix: at least two labels of ASCII letters, digits and inner hyphens, without `*.` or dots
    /// at the ends, not an address, not shared hosting.
    static func problem(withDomain domain: String) -> String? {
        if domain.isEmpty { return "an empty domain" }
        if let problem = problem(withText: domain) { return problem }
        if domain.hasPrefix("*.") {
            return "write \(quoted(String(domain.dropFirst(2)))) without '*.': a suffix already covers every subdomain"
        }
        if domain.hasPrefix(".") || domain.hasSuffix(".") { return "\(quoted(domain)) has a leading or trailing dot" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed = domain.utf8.count <= 253 && labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-" && label.utf8.allSatisfy(isLetterDigitHyphen)
        }
        guard wellFormed else {
            return "\(quoted(domain)) is not a domain name (ASCII letters, digits, hyphens and dots; an international name in its xn-- form)"
        }
        if labels.count < 2 { return "\(quoted(domain)) alone would cover every site under it" }
        if labels.last!.allSatisfy(\.isNumber) {
            return "\(quoted(domain)) is an address: put it in ranges as '\(terminalSafe(domain))/32'"
        }
        let lowered = domain.lowercased()
        if let shared = sharedHostingSuffixes.first(where: { $0 == lowered || $0.hasSuffix("." + lowered) }) {
            return "\(quoted(domain)) covers \(shared), where anyone can get a host name; name the vendor's own host instead"
        }
        return nil
    }

    private static func isLetterDigitHyphen(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// A published public range in CIDR notation, narrow enough to be one vendor's.
    static func problem(withRange text: String) -> String? {
        // The address parser also takes an IPv6 zone (`fe80::1%eth0`), which means nothing in a published range.
        let cidrCharacters = text.utf8.allSatisfy { $0.isASCIIHexDigitOrCIDRPunctuation }
        guard cidrCharacters, let range = AddressRange(text), let slash = text.firstIndex(of: "/"), let prefix = Int(text[text.index(after: slash)...]) else {
            return "\(quoted(text)) is not a CIDR range"
        }
        let address = String(text[..<slash])
        let isIPv6 = address.contains(":")
        if isIPv6 && address.contains(".") {
            return "\(quoted(text)) writes an IPv4 range in IPv6 notation; write it as a.b.c.d/n"
        }
        let minimum = isIPv6 ? minimumIPv6Prefix : minimumIPv4Prefix
        if prefix < minimum {
            return "\(quoted(text)) is wider than /\(minimum): a whole provider block, not one service"
        }
        guard let own = AddressRange.Address(address) else { return "\(quoted(text)) is not a CIDR range" }
        // CIDR blocks are nested or disjoint, so they overlap when either holds the other's address.
        for special in specialRanges {
            let specialAddress = String(special.prefix { $0 != "/" })
            guard let other = AddressRange(special), let otherAddress = AddressRange.Address(specialAddress) else { continue }
            if range.contains(otherAddress) || other.contains(own) {
                return "\(quoted(text)) overlaps the private or special-purpose range \(special): a vendor publishes public addresses"
            }
        }
        return nil
    }
}

private extension UInt8 {
    var isASCIIHexDigitOrCIDRPunctuation: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
