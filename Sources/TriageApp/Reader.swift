import BeaconEngine
import Foundation
import KQL
import Triage
import TriageUI

/// What the reader overlay shows: text that the panes cut off, in full.
public enum ReaderPage: Equatable, Sendable {
    /// `v`: every field of the detail pane for the selected beacon, wrapped (notes, long domain lists).
    case fields
    /// `D`: the beacons the last re-decision stopped reporting, each with the stage that now rejects it.
    case removed
}

/// `v` and `D`: a scrolled, wrapped page over the screen; arrows and paging scroll it, any other key
/// (Esc among them) closes it, as the help does.
enum Reader {
    static func open(_ state: inout AppState, _ page: ReaderPage) {
        switch page {
        case .fields:
            guard state.selected != nil else {
                state.message = "no beacon selected"
                return
            }
        case .removed:
            guard let change = state.lastChange, !change.removed.isEmpty else {
                state.message = "no row has gone since the console opened"
                return
            }
        }
        state.modal = .reader(page, scroll: 0)
    }

    static func handle(_ state: inout AppState, _ page: ReaderPage, scroll: Int, _ key: Key) {
        guard let moved = scrolled(key, scroll) else {
            state.modal = nil
            return
        }
        let screen = Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)
        state.modal = .reader(page, scroll: min(moved, overlay(page, state: state, glyphs: .unicode).maxScrollOffset(in: screen)))
    }

    static func render(_ page: ReaderPage, scroll: Int, state: AppState, glyphs: GlyphSet, into buffer: inout ScreenBuffer) {
        var reader = overlay(page, state: state, glyphs: glyphs)
        reader.scrollOffset = min(scroll, reader.maxScrollOffset(in: buffer.bounds))
        reader.render(into: &buffer, area: buffer.bounds)
    }

    static func overlay(_ page: ReaderPage, state: AppState, glyphs: GlyphSet) -> HelpOverlay {
        let footer = "↑↓ PgUp PgDn scroll, Esc closes"
        switch page {
        case .fields:
            let title = state.selected.map { "\($0.key.deviceName) → \($0.key.remoteText)" } ?? "Detail"
            return HelpOverlay(entries: fieldEntries(state), title: title, footer: footer, glyphs: glyphs)
        case .removed:
            let count = state.lastChange?.removed.count ?? 0
            return HelpOverlay(entries: removedEntries(state), title: "Gone at the last re-run: \(plural(count, "beacon"))",
                               footer: footer, glyphs: glyphs)
        }
    }

    /// Labelled values, each wrapped to what the overlay leaves beside the widest label.
    static func entries(_ labelled: [(section: String, label: String, value: String)], screenWidth: Int) -> [HelpEntry] {
        let labelWidth = labelled.map(\.label.count).max() ?? 0
        // The overlay's border, padding and the two blanks after the labels.
        let width = max(20, screenWidth - labelWidth - 8)
        return labelled.flatMap { field in
            wrapped(field.value, width: width).enumerated().map { line, text in
                HelpEntry(keys: line == 0 ? field.label : "", action: text, section: field.section)
            }
        }
    }

    static func fieldEntries(_ state: AppState) -> [HelpEntry] {
        guard let candidate = state.selected else { return [] }
        let key = candidate.key
        var fields: [(section: String, label: String, value: String)] = []
        func add(_ section: String, _ label: String, _ value: String) { fields.append((section, label, value)) }
        add("Beacon", "device", key.deviceName)
        add("Beacon", "device id", key.deviceId)
        add("Beacon", "account", DetailText.account(key))
        add("Beacon", "process", key.initiatingProcessFileName.isEmpty ? "(no process)" : key.initiatingProcessFileName)
        add("Beacon", "remote", key.remoteText)
        let domains = candidate.domains.filter { !$0.isEmpty }
        add("Beacon", "domains", domains.isEmpty ? "–" : "\(domains.count): " + domains.joined(separator: ", "))
        add("Beacon", "devices", candidate.deviceCount.map(String.init) ?? "–")
        let sharing = DetailText.sharingDevices(candidate, in: state.analysis)
        if !sharing.isEmpty { add("Beacon", "also on", sharing.joined(separator: ", ")) }

        let (status, decision) = state.status(of: key)
        add("Triage", "status", DetailText.triage(status, decision)[0].dropFirst("status ".count).description)
        if let decision {
            if !decision.reason.isEmpty { add("Triage", "reason", decision.reason) }
            if !decision.note.isEmpty { add("Triage", "note", decision.note) }
            if let expires = decision.expires { add("Triage", "expires", formatKustoDatetime(Instant(ticks: Int64(expires.timeIntervalSince1970 * Double(Instant.ticksPerSecond)))).prefix(19) + "Z") }
        }

        for line in DetailText.statistics(candidate).dropFirst() { add("Measures", "", line) }
        let width = max(20, state.size.width - 10)
        if let score = state.selectedRow?.hunt {
            for line in HuntDetail.lines(score, minScore: state.analysis.parameters.hunt.minScore, width: width) {
                add("Hunt score", "", line)
            }
        }
        for line in DetailText.trail(candidate) { add("Explain trail", "", line) }
        for line in DetailText.outliers(candidate, parameters: state.parameters) { add("Outliers", "", line) }
        return entries(fields, screenWidth: state.size.width)
    }

    static func removedEntries(_ state: AppState) -> [HelpEntry] {
        guard let change = state.lastChange else { return [] }
        let candidates = state.analysis.candidates
        let fields = change.removed.enumerated().map { index, key -> (section: String, label: String, value: String) in
            let process = key.initiatingProcessFileName.isEmpty ? "(no process)" : key.initiatingProcessFileName
            let why: String
            if let candidate = candidates.first(where: { $0.key == key }), let rejection = candidate.rejection {
                why = "rejected at \(rejection.stage.label): \(rejection.detail)"
            } else {
                why = "no longer a candidate in this window"
            }
            return ("", "\(index + 1)", "\(key.deviceName)  \(process) → \(key.remoteText)  — \(why)")
        }
        return entries(fields, screenWidth: state.size.width)
    }
}
