import Foundation

/// The two promises the repository's documents make to a reader: a quirk (Q<n>) or spec section (S<n>)
/// cited in a comment has its heading in `docs/`, and a relative link leads to a file (and heading) that
/// exists. Pure functions over text, so the tests can hand them broken examples as well as the real files.
enum DocsReference {
    /// A Markdown document: its path (for resolving links and naming problems) and its text.
    struct Document {
        var path: String
        var text: String
    }

    /// `Q11`, `S15`: the spec's numbering, as the code cites it (`grep -oE '\b[QS][0-9]{1,2}\b'`).
    static var citation: Regex<Substring> { #/\b[QS][0-9]{1,2}\b/#.wordBoundaryKind(.simple) }

    /// The citations in one source file's text. Zeek's TCP states S0 to S3 are names, not citations; every
    /// line that lists them also names RSTO, which no spec citation sits beside.
    static func citations(inSource text: String) -> Set<String> {
        let citation = citation
        var found = Set<String>()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.contains("RSTO") {
            for match in line.matches(of: citation) { found.insert(String(match.output)) }
        }
        return found
    }

    /// The Q<n> and S<n> that headings of `documents` define: a heading whose text starts with the number,
    /// followed by its end, a full stop or a space (`## S1. series_outliers`, `### Q11`).
    static func citationHeadings(in documents: [Document]) -> Set<String> {
        let citation = citation
        var defined = Set<String>()
        for document in documents {
            for heading in headings(document.text) {
                guard let match = heading.prefixMatch(of: citation) else { continue }
                let rest = heading[match.range.upperBound...]
                if rest.isEmpty || rest.first == "." || rest.first == " " { defined.insert(String(match.output)) }
            }
        }
        return defined
    }

    /// The text of every ATX heading (`#` to `######`) outside fenced code blocks, without its markers.
    static func headings(_ text: String) -> [String] {
        var found: [String] = []
        for line in linesOutsideFences(text) {
            let hashes = line.prefix { $0 == "#" }
            guard (1...6).contains(hashes.count), line.dropFirst(hashes.count).first == " " else { continue }
            var title = line.dropFirst(hashes.count).trimmingCharacters(in: .whitespaces)
            // A closing sequence of #s is not part of the heading (CommonMark).
            while title.hasSuffix("#") { title.removeLast() }
            found.append(title.trimmingCharacters(in: .whitespaces))
        }
        return found
    }

    /// The anchors a document offers: GitHub's slug of each heading (repeats numbered `-1`, `-2`, …) and
    /// every explicit `<a id="…">` or `<a name="…">`.
    static func anchors(_ text: String) -> Set<String> {
        var anchors = Set<String>()
        var seen: [String: Int] = [:]
        for heading in headings(text) {
            let base = slug(heading)
            let count = seen[base, default: 0]
            seen[base] = count + 1
            anchors.insert(count == 0 ? base : "\(base)-\(count)")
        }
        for match in text.matches(of: #/<a\s+(?:id|name)="([^"]+)"/#) { anchors.insert(String(match.output.1)) }
        return anchors
    }

    /// GitHub's anchor for a heading: the rendered text (code spans, emphasis and link targets gone)
    /// lower-cased, every character but letters, marks, numbers, connector punctuation (`_`), `-` and
    /// spaces dropped, spaces made `-`.
    static func slug(_ heading: String) -> String {
        let rendered = heading.replacing(#/\[([^\]]*)\]\([^)]*\)/#) { String($0.output.1) }
        var slug = ""
        for scalar in rendered.lowercased().unicodeScalars {
            if scalar == " " {
                slug.append("-")
            } else if scalar == "-" || keptInSlugs.contains(scalar.properties.generalCategory) {
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug
    }

    /// GitHub's `\p{L}\p{M}\p{N}\p{Pc}`.
    static let keptInSlugs: Set<Unicode.GeneralCategory> = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
        .connectorPunctuation,
    ]

    /// The targets of the inline links and images of `text`, outside fenced code blocks and code spans.
    static func linkTargets(_ text: String) -> [String] {
        var targets: [String] = []
        for line in linesOutsideFences(text) {
            let prose = line.replacing(#/`[^`]*`/#, with: "")
            for match in prose.matches(of: #/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/#) { targets.append(String(match.output.1)) }
        }
        return targets
    }

    /// Every relative link of `document` that leads nowhere: a missing file, or a heading its Markdown
    /// target does not have. `read` gives a path's text, or nil when it does not exist; `exists` says
    /// whether a path (a file or folder) exists at all.
    static func brokenLinks(in document: Document, read: (String) -> String?, exists: (String) -> Bool) -> [String] {
        let folder = (document.path as NSString).deletingLastPathComponent
        var broken: [String] = []
        for target in linkTargets(document.text) {
            if target.contains("://") || target.hasPrefix("mailto:") { continue }
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let file = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let anchor = parts.count > 1 ? String(parts[1]) : nil
            let path = file.isEmpty ? document.path : URL(fileURLWithPath: "\(folder)/\(file)").standardized.path
            guard file.isEmpty || exists(path) else {
                broken.append("\(document.path): \(target): no such file")
                continue
            }
            guard let anchor, path.hasSuffix(".md") else { continue }
            guard let text = file.isEmpty ? document.text : read(path) else {
                broken.append("\(document.path): \(target): not readable")
                continue
            }
            if !anchors(text).contains(anchor) { broken.append("\(document.path): \(target): no such heading") }
        }
        return broken
    }

    /// The lines of `text` that are not inside a fenced code block (``` or ~~~, three or more).
    static func linesOutsideFences(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var fence: Substring?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            let marker = trimmed.prefix { $0 == "`" || $0 == "~" }
            if let open = fence {
                if marker.count >= open.count && marker.first == open.first
                    && trimmed.dropFirst(marker.count).allSatisfy({ $0 == " " }) {
                    fence = nil
                }
                continue
            }
            if marker.count >= 3 && Set(marker).count == 1 {
                fence = marker
                continue
            }
            lines.append(line)
        }
        return lines
    }
}
