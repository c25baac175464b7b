import BeaconEngine
import Foundation

/// A preparation of the query (the window or mode moved) computed on another thread, so that holding a
/// slider key over millions of events never freezes the screen.
public final class BackgroundPreparation: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: PreparedQuery?

    public init(_ request: PreparationRequest) {
        Thread.detachNewThread { [self] in
            let prepared = request.prepare()
            lock.withLock { outcome = prepared }
        }
    }

    public var result: PreparedQuery? { lock.withLock { outcome } }
}
