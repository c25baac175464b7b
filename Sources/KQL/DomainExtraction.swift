/// KQL `replace(@'([A-z0-9-]+\.[A-z0-9-]+\.[A-z0-9-]+)\..*', @'\1', s)` — the query's
/// domain regex, applied to the **reversed** host.
///
/// Spec S8: `replace` substitutes **all non-overlapping** matches, leftmost-first, with
/// RE2 syntax. The matcher is hand-written because the pattern is deterministic:
/// `[A-z0-9-]` (call it L) excludes `.`, so each greedy `L+` must take its whole run of
/// L characters (a shorter run would be followed by an L character, never the `.` the
/// pattern needs next) and no backtracking can ever help. A match at position i is
/// therefore: run, `.`, run, `.`, run, `.`, then `.*` up to the next `\n` (RE2's `.`
/// excludes newline) or the end; the match is replaced by its first three runs and
/// their dots (group 1). `[A-z]` is the code-point range U+0041…U+007A, which also
/// admits `[ \ ] ^ _` and backtick (quirk Q9). Non-ASCII scalars are never in L but are
/// matched by `.`. Works on Unicode scalars, so RE2's UTF-8 and Python's code-point
/// views agree.
public func reverseDomainRegexReplace(_ reversedHost: String) -> String {
    var steps = 0
    return reverseDomainRegexReplace(reversedHost, matcherSteps: &steps)
}

/// The replacement, adding to `matcherSteps` one for every scalar or run end the matcher reads: a test
/// can then show the work grows linearly with the host's length by counting it, not by timing it.
func reverseDomainRegexReplace(_ reversedHost: String, matcherSteps steps: inout Int) -> String {
    let scalars = Array(reversedHost.unicodeScalars)
    let runEnds = domainLabelRunEnds(scalars)
    steps += scalars.count
    var output = String.UnicodeScalarView()
    var position = 0
    var copiedUpTo = 0
    while position < scalars.count {
        guard let match = matchDomainPattern(scalars, runEnds: runEnds, at: position, steps: &steps) else {
            position += 1
            continue
        }
        output.append(contentsOf: scalars[copiedUpTo..<position])
        output.append(contentsOf: scalars[position..<match.groupEnd])
        position = match.end
        copiedUpTo = match.end
    }
    output.append(contentsOf: scalars[copiedUpTo...])
    return String(output)
}

/// KQL `[A-z0-9-]`: U+0041…U+007A, digits and `-`.
func isDomainLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
    (0x41...0x7A).contains(scalar.value) || ("0"..."9").contains(scalar) || scalar == "-"
}

/// For each position, where the run of label scalars starting there ends (the position itself when it
/// holds none). Every position inside one run shares the run's end, so trying the pattern at each
/// position costs a lookup rather than a walk along the run: the whole replacement stays linear in the
/// host's length (a 200 KB label would otherwise be walked once per position).
private func domainLabelRunEnds(_ scalars: [Unicode.Scalar]) -> [Int] {
    var ends = [Int](repeating: scalars.count, count: scalars.count + 1)
    for index in stride(from: scalars.count - 1, through: 0, by: -1) {
        ends[index] = isDomainLabelScalar(scalars[index]) ? ends[index + 1] : index
    }
    return ends
}

/// Tries the pattern at `start`; returns where group 1 ends and where the match ends.
private func matchDomainPattern(
    _ scalars: [Unicode.Scalar], runEnds: [Int], at start: Int, steps: inout Int
) -> (groupEnd: Int, end: Int)? {
    var index = start
    for label in 0..<3 {
        let runEnd = runEnds[index]
        steps += 1
        guard runEnd > index else { return nil }
        index = runEnd
        if label < 2 {
            steps += 1
            guard index < scalars.count && scalars[index] == "." else { return nil }
            index += 1
        }
    }
    let groupEnd = index
    steps += 1
    guard index < scalars.count && scalars[index] == "." else { return nil }
    index += 1
    while index < scalars.count && scalars[index] != "\n" {
        steps += 1
        index += 1
    }
    return (groupEnd, index)
}

/// The query's whole domain expression for one `RemoteUrl` (spec S8):
/// ```
/// Host = tostring(parse_url(iif(RemoteUrl !startswith "http",
///                               strcat(@'http://', RemoteUrl), RemoteUrl)).Host)
/// domain = reverse(replace(@'([A-z0-9-]+\.[A-z0-9-]+\.[A-z0-9-]+)\..*', @'\1', reverse(Host)))
/// ```
/// Net effect: a host with >= 4 labels keeps its last 3, others are unchanged; bare
/// names beginning with "http" (`httpbin.org`) and empty URLs give `""`.
/// `reverse` is taken per Unicode scalar (spec S8: "reverses the characters").
public func domainOfRemoteUrl(_ remoteUrl: String) -> String {
    let url = kqlStartsWith(remoteUrl, "http") ? remoteUrl : "http://" + remoteUrl
    let host = parseURLHost(url)
    return reversedScalars(reverseDomainRegexReplace(reversedScalars(host)))
}

/// KQL `reverse(s)` per Unicode scalar.
func reversedScalars(_ text: String) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: text.unicodeScalars.reversed())
    return String(view)
}
