import Foundation
import Testing

/// The repository's documents hold together: every quirk and spec section the code cites has its heading
/// in `docs/`, and every relative link of README.md and `docs/` leads to a file and heading that exist.
/// The checker is first shown broken examples, so that a clean result on the real files means something.
@Suite struct DocsReferenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// README.md and every Markdown file of `docs/`.
    static func documents() throws -> [DocsReference.Document] {
        let docs = root.appendingPathComponent("docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
        return try (["README.md"] + names.map { "docs/\($0)" }).map { relative in
            let path = root.appendingPathComponent(relative).path
            return DocsReference.Document(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
        }
    }

    /// Every Swift file under `Sources/`, by path relative to the repository.
    static func sources() throws -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
        var files: [(path: String, text: String)] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: folder.appendingPathComponent(relative).path, encoding: .utf8)
            files.append(("Sources/\(relative)", text))
        }
        return files
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    // MARK: the checker on examples worked out by hand

    @Test func citationsAreTheSpecsNumbersAndNotZeekStates() {
        let source = """
            /// The low side as written (quirk Q2); series_outliers (spec S1), Q42 nowhere.
            static let established: Set<String> = ["SF", "S1", "S2", "S3", "RSTO", "RSTR"] // Zeek, not the spec
            let name = "QS12" + "Q100" + "xS7"
            """
        #expect(DocsReference.citations(inSource: source) == ["Q2", "S1", "Q42"])
    }

    @Test func headingsDefineCitationsOnlyWhenTheyStartWithThem() {
        let documents = [
            DocsReference.Document(path: "/r/docs/a.md", text: """
                ## S1. `series_outliers`
                ### Q11
                ### Q4 the type filter
                ## Q40s are not a quirk
                ## See Q5
                ```text
                ## Q6
                ```
                """),
            DocsReference.Document(path: "/r/docs/b.md", text: "#### S16.\n####### S9 (seven marks: not a heading)\n"),
        ]
        #expect(DocsReference.citationHeadings(in: documents) == ["S1", "Q11", "Q4", "S16"])
    }

    @Test func slugsAreGitHubs() {
        #expect(DocsReference.slug("S1. `series_outliers(series [, kind])`") == "s1-series_outliersseries--kind")
        #expect(DocsReference.slug("Known benign: false positives and the catalogue")
            == "known-benign-false-positives-and-the-catalogue")
        #expect(DocsReference.slug("Hunt mode in Kusto: `beacon-triage kql --mode hunt`")
            == "hunt-mode-in-kusto-beacon-triage-kql---mode-hunt")
        #expect(DocsReference.slug("Why ε comes from the quartiles") == "why-ε-comes-from-the-quartiles")
        #expect(DocsReference.slug("See [the spec](kql-semantics.md) *now*") == "see-the-spec-now")
        #expect(DocsReference.anchors("# Notes\n## Notes\ntext <a id=\"q3\"></a>\n### Notes #\n")
            == ["notes", "notes-1", "notes-2", "q3"])
    }

    @Test func brokenLinksAreFoundAndOnlyThose() {
        let files = [
            "/r/docs/b.md": "# The heading\n",
            "/r/README.md": "# Top\n",
            "/r/docs/pictures": "",
        ]
        let document = DocsReference.Document(path: "/r/docs/a.md", text: """
            # Local
            [fine](b.md) [fine too](b.md#the-heading) [up](../README.md#top) [here](#local) [folder](pictures)
            [missing file](missing.md) and [missing heading](b.md#no-such-heading) and [lost](#nowhere)
            [web](https://example.com/x.md) `[code](nowhere.md)` ![image](pictures)
            ```
            [fenced](nowhere.md)
            ```
            """)
        let broken = DocsReference.brokenLinks(in: document, read: { files[$0] }, exists: { files[$0] != nil })
        #expect(broken == [
            "/r/docs/a.md: missing.md: no such file",
            "/r/docs/a.md: b.md#no-such-heading: no such heading",
            "/r/docs/a.md: #nowhere: no such heading",
        ])
    }

    // MARK: the repository

    @Test func everyQuirkAndSectionTheCodeCitesHasAHeadingInDocs() throws {
        let defined = DocsReference.citationHeadings(in: try Self.documents())
        var missing: [String] = []
        var cited = Set<String>()
        for file in try Self.sources() {
            let citations = DocsReference.citations(inSource: file.text)
            cited.formUnion(citations)
            for citation in citations.sorted() where !defined.contains(citation) { missing.append("\(file.path): \(citation)") }
        }
        // The code cites the spec throughout (S15 for the stages, Q3 for IPv6, …): an empty scan is a broken scan.
        #expect(cited.isSuperset(of: ["S1", "S15", "Q3", "Q11", "Q13"]))
        #expect(missing == [])
    }

    @Test func everyRelativeLinkOfTheDocsLeadsSomewhere() throws {
        let documents = try Self.documents()
        #expect(documents.count > 8)
        let broken = documents.flatMap { DocsReference.brokenLinks(in: $0, read: Self.read, exists: Self.exists) }
        #expect(broken == [])
    }

    @Test func theReadmeLinksEveryDocument() throws {
        let readme = try #require(try Self.documents().first { $0.path.hasSuffix("/README.md") })
        let linked = Set(DocsReference.linkTargets(readme.text).map { $0.split(separator: "#").first.map(String.init) ?? "" })
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }
        #expect(docs.filter { !linked.contains("docs/\($0)") }.sorted() == [])
    }
}
