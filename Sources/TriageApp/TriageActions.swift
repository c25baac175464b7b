import BeaconEngine
import Foundation
import KQL
import Triage
import TriageUI

/// The triage part of the update step: marks, notes, undo, and the prompts that ask for them.
enum TriageActions {
    /// The beacons a mark applies to: the picked ones, or the one under the cursor.
    static func targets(_ state: AppState) -> [BeaconKey] {
        if !state.picked.isEmpty { return Array(state.picked) }
        return state.selectedKey.map { [$0] } ?? []
    }

    static func mark(_ state: inout AppState, status: TriageStatus, scope: MarkScope.Kind, reason: String? = nil,
                     expires: Date? = nil) {
        var keys = targets(state)
        guard !keys.isEmpty, writable(&state) else { return }
        if scope == .exactBeacon && status != .falsePositive {
            // A status a beacon already has is not a decision: writing it would only add noise to the
            // shared file (and an explicit "new" would override a colleague's broader mark).
            keys.removeAll { state.status(of: $0).0 == status }
            guard !keys.isEmpty else {
                state.message = "already \(status.label): nothing to save"
                return
            }
        }
        state.book.mark(keys, scope: scope, status: status, reason: reason, expires: expires,
                        author: state.environment.author, at: state.clock)
        state.requestSave()
        state.message = "\(keys.count == 1 ? "beacon" : "\(keys.count) beacons") marked \(status.label) (\(shortLabel(scope)))"
        bookChanged(&state)
    }

    /// After any change of the book: hunt mode re-scores with the false positives as they now stand, and
    /// the rows are derived again; what the re-scoring changed is added to the message.
    static func bookChanged(_ state: inout AppState) {
        if let change = state.syncFalsePositives(), change != AppState.noChange {
            state.message = (state.message.map { $0 + "; " } ?? "") + change
        }
        state.rebuildRows()
    }

    /// `exact beacon`, `destination`: the scope in a status-bar message.
    static func shortLabel(_ scope: MarkScope.Kind) -> String {
        scope.rawValue.split(separator: "-").joined(separator: " ")
    }

    static func undo(_ state: inout AppState) {
        guard writable(&state) else { return }
        guard state.book.undo(by: state.environment.author, at: state.clock) != nil else {
            state.message = "nothing to undo"
            return
        }
        state.requestSave()
        state.message = "undone"
        bookChanged(&state)
    }

    static func setNote(_ state: inout AppState, _ text: String) {
        guard let key = state.selectedKey, writable(&state) else { return }
        state.book.setNote(text, for: key, author: state.environment.author, at: state.clock)
        state.requestSave()
        state.message = text.isEmpty ? "note cleared" : "note saved"
        // A false positive's note names its catalogue entry in hunt mode's explanation.
        bookChanged(&state)
    }

    /// A corrupt triage file is never overwritten: the console then only reads.
    static func writable(_ state: inout AppState) -> Bool {
        guard let reason = state.environment.readOnlyReason else { return true }
        state.message = "read-only: \(reason)"
        return false
    }

    /// Keys while a prompt is open: arrows and digits choose, text is typed, Enter answers, Esc cancels.
    static func answer(_ state: inout AppState, _ prompt: Prompt, _ key: Key) {
        if case .filter(let edit) = prompt {
            FilterEditing.answer(&state, edit, key)
            return
        }
        if case .sliderValue(let slider, let text) = prompt {
            SliderEntry.answer(&state, slider, text, key)
            return
        }
        if key == .escape {
            state.prompt = nil
            state.message = "cancelled"
            return
        }
        if case .file(let dialog) = prompt {
            FileWriting.answer(&state, dialog, key)
            return
        }
        switch (prompt, key) {
        case (.markScope(let selected), .up):
            state.prompt = .markScope(selected: max(0, selected - 1))
        case (.markScope(let selected), .down):
            state.prompt = .markScope(selected: min(Prompt.scopes.count - 1, selected + 1))
        case (.markScope, .character(let c)) where ("1"..."4").contains(c):
            MarkPreview.choose(&state, Prompt.scopes[Int(String(c))! - 1])
        case (.markScope(let selected), .enter):
            MarkPreview.choose(&state, Prompt.scopes[selected])
        case (.markConfirm(let scope), _):
            MarkPreview.confirm(&state, scope, key)
        case (.markReason(let scope, let text), .enter):
            state.prompt = .markExpiry(scope: scope, reason: text, text: "")
        case (.markExpiry(let scope, let reason, let text), .enter):
            if text.isEmpty {
                state.prompt = nil
                mark(&state, status: .falsePositive, scope: scope, reason: reason)
            } else if let ticks = parseTimespan(text), ticks > 0 {
                state.prompt = nil
                let expires = state.clock.addingTimeInterval(Double(ticks) / Double(Instant.ticksPerSecond))
                mark(&state, status: .falsePositive, scope: scope, reason: reason, expires: expires)
            } else {
                state.message = "expiry: '\(text)' is not a span such as 7d or 12h"
            }
        case (.markExpiry(let scope, let reason, let text), _):
            state.prompt = .markExpiry(scope: scope, reason: reason, text: edited(text, key))
        case (.note(let text), .enter):
            state.prompt = nil
            setNote(&state, text)
        case (.markReason(let scope, let text), _):
            state.prompt = .markReason(scope: scope, text: edited(text, key))
        case (.note(let text), _):
            state.prompt = .note(text: edited(text, key))
        default:
            break
        }
    }

    static func edited(_ text: String, _ key: Key) -> String {
        switch key {
        case .character(let c): text + String(c)
        case .backspace, .delete: String(text.dropLast())
        default: text
        }
    }

    /// The prompt as a dialog widget.
    static func dialog(_ prompt: Prompt, state: AppState) -> Dialog {
        switch prompt {
        case .markScope(let selected):
            let count = targets(state).count
            return Dialog(title: "Mark \(count == 1 ? "beacon" : "\(count) beacons") false positive for",
                          kind: .choice(options: MarkPreview.options(state), selected: selected),
                          footer: "↑↓ or 1-4, Enter, Esc cancels", preferredWidth: MarkPreview.preferredWidth)
        case .markConfirm(let scope):
            return MarkPreview.confirmDialog(scope, state: state)
        case .markReason(let scope, let text):
            return Dialog.prompt(title: "False positive: \(shortLabel(scope))", label: "Reason (optional)", text: text,
                                 cursor: text.count, footer: "Enter continues, Esc cancels")
        case .markExpiry(let scope, _, let text):
            return Dialog.prompt(title: "False positive: \(shortLabel(scope))", label: "Expires after (7d, 12h; empty: never)",
                                 text: text, cursor: text.count, footer: "Enter marks, Esc cancels")
        case .filter(let edit): return FilterEditing.dialog(edit, state: state)
        case .sliderValue(let slider, let text): return SliderEntry.dialog(slider, text, state: state)
        case .note(let text):
            return Dialog.prompt(title: "Note", label: "Note for this beacon", text: text, cursor: text.count,
                                 footer: "Enter saves, Esc cancels")
        case .file(let dialog): return FileWriting.dialog(dialog, state: state)
        }
    }
}
