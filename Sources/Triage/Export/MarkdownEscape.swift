import BeaconEngine
import KQL

/// Text from the data made inert in Markdown: it must render as the characters it is, never as emphasis,
/// a link, HTML, a table cell break or an escape sequence, because process names, device names and domains
/// were written by machines an attacker may control, and notes by anyone.
///
/// Control, bidirectional and invisible characters are first shown visibly by `terminalSafe` (`\x1b`,
/// `<U+202E>`), then every character Markdown (CommonMark and GitHub's extensions) gives a meaning is
/// backslash-escaped: `\` `` ` `` `*` `_` `[` `]` `<` `>` `|` `~` `&` `#` `!` `$` `{` `}` `(` `)` and `@`
/// (mentions, e-mail autolinks). Autolinks are also broken up: the `:` of `://` and the `.` of `www.` are
/// escaped, so a C2 URL in a report is never one click away.
public func markdownEscaped(_ text: String) -> String {
    let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!", "$", "{", "}", "(", ")", "@"]
    let characters = Array(terminalSafe(text))
    var out = ""
    for (index, character) in characters.enumerated() {
        if special.contains(character) {
            out += "\\" + String(character)
        } else if character == ":", index + 2 < characters.count, characters[index + 1] == "/", characters[index + 2] == "/" {
            out += "\\:"
        } else if character == ".", index >= 3, String(characters[(index - 3)..<index]).lowercased() == "www" {
            out += "\\."
        } else {
            out.append(character)
        }
    }
    return out
}
