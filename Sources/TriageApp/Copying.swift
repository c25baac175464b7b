import BeaconEngine

/// `y`: the selected beacon's destination address to the clipboard, or, right after `p` wrote one for it,
/// the pivot. The update step only asks: the runtime hands the text to the terminal (OSC 52), which
/// works over SSH and through tmux and screen, where no local clipboard tool reaches the analyst.
enum Copying {
    static func copy(_ state: inout AppState) {
        guard let key = state.selectedKey else {
            state.message = "nothing to copy: no beacon selected"
            return
        }
        if let pivot = state.writtenPivot, pivot.key == key {
            // Once: the next `y` copies the address again.
            state.writtenPivot = nil
            state.request(.copyToClipboard(pivot.text))
            let lines = pivot.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            state.message = "copied the pivot on \(key.deviceName) → \(key.remoteText) (\(lines) lines) to the clipboard (OSC 52)"
            return
        }
        state.request(.copyToClipboard(key.remoteIP))
        state.message = "copied \(key.remoteIP) to the clipboard (OSC 52)"
    }
}
