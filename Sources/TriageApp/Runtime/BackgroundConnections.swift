import BeaconEngine
import Foundation

/// One beacon's connections listed and re-read on another thread: re-reading a 2 GB export takes
/// seconds, during which the view says "loading connections…" and the keys keep working.
final class BackgroundConnections: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Message?

    init(_ request: ConnectionsRequest, details: ConnectionDetailSource?) {
        Thread.detachNewThread { [self] in
            let answer = request.load(details: details)
            lock.withLock { outcome = answer }
        }
    }

    var result: Message? { lock.withLock { outcome } }
}
