#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension NCursesTerminal {
    /// Sends `text` to the clipboard with OSC 52, wrapped for tmux or screen as the environment says. Written
    /// straight to the terminal's file descriptor: the run loop calls it between frames, when ncurses has
    /// flushed what it drew, and the sequence moves no cursor and draws nothing that ncurses would lose
    /// track of.
    public func copyToClipboard(_ text: String) {
        let passage = OSC52.passage(tmux: getenv("TMUX").map { String(cString: $0) },
                                    term: getenv("TERM").map { String(cString: $0) })
        let bytes = OSC52.sequence(text, passage: passage)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if result > 0 {
                written += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
