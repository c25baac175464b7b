import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is making a decision, recorded in the triage file so a team sharing it can see who said what.
public enum TriageAuthor {
    /// `$USER`, or the account name `whoami` would print (the effective user's passwd entry), or
    /// `unknown` when neither exists (a container without a passwd entry).
    public static var current: String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return "unknown"
    }
}
