import BeaconEngine
import Foundation
import Triage

/// The hunting query as KQL to run where the data is (Defender advanced hunting, Sentinel / Log
/// Analytics, Azure Data Explorer): the published query with this run's thresholds, window and mode,
/// and the triage file's false positives as exclusions.
///
/// With the query's own parameters, faithful mode, the Defender flavour and no exclusions the text is the
/// published query, byte for byte. Anything else adds a header saying what differs, and each changed line
/// follows a comment saying why (`// corrected: Qn`, `// keep-private:`, `// sentinel:`,
/// `// false positive ...`).
public struct HuntingQuery: Sendable {
    public var parameters: QueryParameters
    public var flavor: QueryFlavor
    /// False positives to leave out, in the order they are written.
    public var exclusions: [QueryExclusion]
    /// Where the exclusions came from and when they were judged, for the header.
    public var origin: ExclusionOrigin?

    public init(parameters: QueryParameters, flavor: QueryFlavor = .defender, exclusions: [QueryExclusion] = [],
                origin: ExclusionOrigin? = nil) {
        self.parameters = parameters
        self.flavor = flavor
        self.exclusions = exclusions
        self.origin = origin
    }

    /// The triage file's false positives that hold at `date` as exclusions of the query; `triageFile`
    /// names the file in the header.
    public init(parameters: QueryParameters, flavor: QueryFlavor = .defender, decisions: [TriageDecision],
                triageFile: String?, at date: Date) {
        self.init(parameters: parameters, flavor: flavor,
                  exclusions: QueryExclusion.exclusions(from: decisions, at: date),
                  origin: ExclusionOrigin(file: triageFile, judgedAt: date))
    }

    /// The KQL text, ending with a line break. Hunt mode (`QueryMode.hunt`) is its own query, the local
    /// engine's beacon score in KQL (`HuntQueryBody`); the other modes edit the published query.
    public func render() -> String {
        if parameters.mode == .hunt {
            let body = HuntQueryBody(self)
            let header = HuntQueryHeader(self, catalogueEntries: body.knownBenign.catalogue.count)
            return (header.lines() + body.lines()).joined(separator: "\n") + "\n"
        }
        let body = QueryBody(self).lines()
        let header = QueryHeader(self, bodyDiffers: body.joined(separator: "\n") != SeedQuery.text).lines()
        return (header + body).joined(separator: "\n") + "\n"
    }
}

/// Which triage file the exclusions were read from and the moment expiries were judged at.
public struct ExclusionOrigin: Sendable, Equatable {
    /// The triage file as the user named it (quoted as a literal in the header), if any.
    public var file: String?
    public var judgedAt: Date

    public init(file: String?, judgedAt: Date) {
        self.file = file
        self.judgedAt = judgedAt
    }
}
