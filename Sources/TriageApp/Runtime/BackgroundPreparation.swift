import BeaconEngine
import Foundation

/// A preparation of the query (the window or mode moved) computed on another thread, so that holding a
/// slider key over millions of events never freezes the screen.
public final class BackgroundPreparation: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: PreparedQuery?

    /// `clock`: the reading a window anchored on the data judges future-dated rows against
    /// (`AppState.loadedAt`).
    public init(events: EventTable, parameters: QueryParameters, clock: Instant = .current) {
        Thread.detachNewThread { [self] in
            let prepared = BeaconQuery.prepare(events, parameters: parameters, currentTime: clock)
            lock.withLock { outcome = prepared }
        }
    }

    public var result: PreparedQuery? { lock.withLock { outcome } }
}
