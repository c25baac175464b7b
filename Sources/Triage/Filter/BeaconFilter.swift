import BeaconEngine
import KQL

/// The list filter the console's `/` prompt and `export --filter` take: space-separated terms that must
/// all hold (AND), each `field:value` or a bare word, `-` in front to negate one.
///
/// | term | matches |
/// |------|---------|
/// | `device:ws-0*`        | DeviceName, its host part (before the first dot) or DeviceId |
/// | `account:corp\svc*`   | the account name or `DOMAIN\name` |
/// | `process:rundll32.exe`| InitiatingProcessFileName |
/// | `domain:teamviewer`   | any of the beacon's domains |
/// | `ip:203.0.113.7`, `ip:203.0.113.0/24`, `ip:2001:db8::/32`, `ip:10.*` | RemoteIP: the address, a CIDR block, or a wildcard on the text |
/// | `port:443`, `port:>1024`, `port:null` | RemotePort (0–65535) |
/// | `status:fp` | new, investigating, malicious, fp (false-positive) |
/// | `jitter:<20` | jitter in percent (`=` matches to the digits typed: `jitter:12` is 11.5 ≤ j < 12.5) |
/// | `events:>=100` | distinct timestamps (the list's Events column) |
/// | `sleep:>5m`, `sleep:<=300` | median sleep (P50 of the deltas), seconds or `s`/`m`/`h`/`d` |
/// | `devices:>1`, `outliers:0` | devices sharing the destination, outlier count |
/// | `beacon`, `*.exe` | a bare word: the device, process or domain rule, or the IP's text |
///
/// Text values follow `TextMatch`, the same for every text field and bare words: a substring by default,
/// the whole value when it holds a `*` (any run of characters), the whole value exactly after `=`; case
/// is ignored. A comma lists alternatives (`port:443,8443`, `status:new,investigating`): the term holds
/// when any of them does. Numeric fields take `<`, `<=`, `>`, `>=` or `=` (the default). Values with
/// spaces or commas go in double quotes (`process:"my agent.exe"`). A field term on a beacon without the
/// measure (no deltas) does not match.
public struct BeaconFilter: Sendable, Equatable {
    /// The text as typed.
    public let text: String
    public let terms: [FilterTerm]

    /// The empty filter: everything matches.
    public static let all = BeaconFilter(text: "", terms: [])

    public var isEmpty: Bool { terms.isEmpty }

    public init(text: String, terms: [FilterTerm]) {
        self.text = text
        self.terms = terms
    }

    /// Parses filter text; see the type's documentation for the language.
    public static func parse(_ text: String) -> Result<BeaconFilter, FilterError> {
        FilterParser(text: text).parse()
    }

    /// Whether the beacon passes every term, `status` being its triage status now.
    public func matches(_ candidate: BeaconCandidate, status: TriageStatus) -> Bool {
        terms.allSatisfy { $0.matches(candidate, status: status) }
    }
}

/// One term of a filter.
public struct FilterTerm: Sendable, Equatable {
    public var negated: Bool
    public var predicate: FilterPredicate
    /// Where the term is in the filter text (0-based characters), for highlighting.
    public var position: Int
    public var length: Int

    public init(negated: Bool, predicate: FilterPredicate, position: Int, length: Int) {
        self.negated = negated
        self.predicate = predicate
        self.position = position
        self.length = length
    }

    public func matches(_ candidate: BeaconCandidate, status: TriageStatus) -> Bool {
        predicate.matches(candidate, status: status) != negated
    }
}

/// The numeric fields, each a measure of a beacon.
public enum NumericField: String, Sendable, CaseIterable {
    case jitter, events, sleep, devices, outliers, port

    /// The beacon's measure, nil when it has none (no deltas, no device count, a null port).
    func value(of candidate: BeaconCandidate) -> Double? {
        switch self {
        case .jitter: candidate.summary.map(\.jitter).flatMap { $0.isNaN ? nil : $0 }
        case .events: Double(candidate.distinctTimestampCount)
        case .sleep: candidate.summary.map { Double($0.percentiles[2]) }
        case .devices: candidate.deviceCount.map(Double.init)
        case .outliers: candidate.summary == nil ? nil : Double(candidate.outlierCount)
        case .port: candidate.key.remotePort.map(Double.init)
        }
    }
}

/// `<`, `<=`, `>`, `>=`, `=`.
public enum Comparison: String, Sendable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "="
}

/// What a term tests.
public enum FilterPredicate: Sendable, Equatable {
    case device(TextMatch)
    case account(TextMatch)
    case process(TextMatch)
    case domain(TextMatch)
    case ipAddress(IPAddress)
    case ipNetwork(IPNetwork)
    case ipText(Wildcard)
    case status(TriageStatus)
    /// `tolerance` widens `=` to the precision typed (half a unit of the last digit); 0 for exact.
    case number(NumericField, Comparison, Double, tolerance: Double)
    case nullPort
    /// A bare word: the device, process or domain rule, or the IP's text.
    case anywhere(TextMatch)
    /// A value list (`port:443,8443`): any one of them.
    indirect case anyOf([FilterPredicate])

    public func matches(_ candidate: BeaconCandidate, status: TriageStatus) -> Bool {
        let key = candidate.key
        switch self {
        case .device(let pattern):
            let host = key.deviceName.prefix { $0 != "." }
            return pattern.matches(key.deviceName) || pattern.matches(String(host)) || pattern.matches(key.deviceId)
        case .account(let pattern):
            return pattern.matches(key.initiatingProcessAccountName) || key.accountText.map(pattern.matches) == true
        case .process(let pattern):
            return pattern.matches(key.initiatingProcessFileName)
        case .domain(let pattern):
            return candidate.domains.contains { !$0.isEmpty && pattern.matches($0) }
        case .ipAddress(let address):
            return FilterAddress.address(key.remoteIP) == address
        case .ipNetwork(let network):
            return FilterAddress.address(key.remoteIP).map(network.contains) == true
        case .ipText(let pattern):
            return pattern.matches(key.remoteIP)
        case .status(let wanted):
            return status == wanted
        case .number(let field, let comparison, let bound, let tolerance):
            guard let value = field.value(of: candidate) else { return false }
            switch comparison {
            case .less: return value < bound
            case .lessOrEqual: return value <= bound
            case .greater: return value > bound
            case .greaterOrEqual: return value >= bound
            case .equal: return tolerance == 0 ? value == bound : (value >= bound - tolerance && value < bound + tolerance)
            }
        case .nullPort:
            return key.remotePort == nil
        case .anywhere(let pattern):
            return FilterPredicate.device(pattern).matches(candidate, status: status)
                || pattern.matches(key.initiatingProcessFileName) || pattern.matches(key.remoteIP)
                || FilterPredicate.domain(pattern).matches(candidate, status: status)
        case .anyOf(let alternatives):
            return alternatives.contains { $0.matches(candidate, status: status) }
        }
    }
}
