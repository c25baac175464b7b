import Foundation
import TriageUI

/// Data being loaded off the UI thread, as the loading screen sees it.
public protocol PendingLoad: AnyObject {
    /// The console's first state once loaded (or why it could not be); nil while loading.
    var result: Result<AppState, any Error>? { get }
    /// How far it has got.
    var status: LoadingStatus { get }
}

/// How the wait for the data ended.
public enum LoadOutcome {
    /// The data is ready; `typedAhead` holds what the analyst typed meanwhile, stamped when typed.
    case loaded(AppState, typedAhead: [Message])
    /// The analyst quit (q, ^C) or a signal asked to stop.
    case quit
}

extension ConsoleRuntime {
    /// Draws the loading screen until the data is ready. Keys typed meanwhile are kept, in order, for
    /// the console to act on once it opens (a hunter who knows the keys need not wait for the screen);
    /// q and ^C quit at once. A load that failed is thrown.
    public func waitForLoad(_ load: any PendingLoad, dataSet: String, theme: Theme) throws -> LoadOutcome {
        var size = terminal.size
        var typedAhead: [Message] = []
        while true {
            if shouldStop() { return .quit }
            switch load.result {
            case .success(let state)?:
                return .loaded(state, typedAhead: typedAhead)
            case .failure(let error)?:
                throw error
            case nil:
                terminal.flush(loadingView(dataSet: dataSet, status: load.status, size: size, glyphs: glyphs,
                                           typedAhead: typedAhead.count), theme: theme)
                switch terminal.nextEvent(timeoutMilliseconds: 100) {
                case .resize(let width, let height)?:
                    size = (width, height)
                case .key(let key)? where Keymap.action(for: key) == .quit:
                    return .quit
                case .key(let key)?:
                    typedAhead.append(.input(.key(key), at: clock()))
                default:
                    break
                }
            }
        }
    }
}
