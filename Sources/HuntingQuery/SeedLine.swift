/// The lines of `SeedQuery` the renderer may change or add lines after, spelled exactly as published.
/// Every other line is printed as it is. Each occurs exactly once in the query (a test checks it), so an
/// edit can never land on the wrong line or be silently lost.
enum SeedLine: String, CaseIterable {
    case startTime = "let starttime = 1d;"
    case endTime = "let endtime = 1s;"
    case minEvents = "let TotalEventsThresholdMin = 15;"
    case maxEvents = "let TotalEventsThresholdMax=toint(((totimespan(starttime) - totimespan(endtime))/TimeDeltaThresholdMin));"
    case jitter = "let JitterThreshold = 50; // jitter in percentage. Set to filter out false positives: small threshold means tighter filtering/fewer results."
    case outlierMax = "let OutlierThresholdMax = 2; //increase or decrease this value to get more or less results"
    case outlierCountMax = "let OutlierCountMax = 3; // increasing the value provides more results."
    case deviceCountMax = "let CompromisedDeviceCountMax = 10; // increasing the value provides more results."
    case timeWindowFilter = "| where Timestamp between (ago(starttime)..ago(endtime))"
    case remoteIPTypeFilter = #"| where RemoteIPType !in ("Reserved", "Private", "LinkLocal", "Loopback")"#
    case privateAddressFilter = "| where not (ipv4_is_private(RemoteIP))"
    case actionTypeFilter = #"| where ActionType in ("ConnectionSuccess", "CsonnectionRequest", "CsonnectionFailed") // Fix the typos if you want to inlcude connreq. and connfail."#
    case groupTimestamps = "| summarize hint.strategy=shuffle make_set(Timestamp) by DeviceId, DeviceName,InitiatingProcessAccountName, InitiatingProcessAccountDomain, InitiatingProcessFileName, RemoteIP, RemotePort"
    case projectDeltas = "| project Timestamp, TimeDeltaInSeconds, DeviceId, DeviceName, InitiatingProcessAccountName, InitiatingProcessFileName, RemoteIP, RemotePort"
    case summarizeDeltas = #"| summarize count(), min(Timestamp), max(Timestamp), Duration=datetime_diff("second", max(Timestamp), min(Timestamp)),"#
    case domainLookback = "| where Timestamp > ago(starttime+1d)"
    case outlierScores = "| extend outliers = series_outliers(TimeDeltaList)"
    case outlierExpand = "| mv-expand TimeDeltaList, outliers to typeof(double)"
    case outlierFilter = "| where outliers > OutlierThresholdMax or outliers < (-1 * OutlierCountMax) // outlier can be negative or positive."
    case finalTimestamp = "| extend Timestamp = min_Timestamp // just to make it easy to jump to the device timeline etc."

    /// A `let NAME = VALUE;...` line with its value replaced, the rest (a trailing comment) kept.
    func replacingLetValue(with value: String) -> String {
        let line = rawValue
        guard let equals = line.range(of: " = "), let semicolon = line[equals.upperBound...].firstIndex(of: ";") else {
            preconditionFailure("\(self) is not a `let NAME = VALUE;` line")
        }
        return String(line[..<equals.upperBound]) + value + String(line[semicolon...])
    }
}
