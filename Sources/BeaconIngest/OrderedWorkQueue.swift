import Dispatch
import Foundation
import Synchronization

/// Jobs numbered in order, done by worker threads in any order, their outputs taken back in order: the
/// blocks of one file (`BlockStreamReader`) and the files of a load (`EventLoader`) are read this way,
/// so that what a load gives does not depend on which thread finished first.
final class OrderedWorkQueue<Job: Sendable, Output: Sendable>: Sendable {
    private struct Numbered: Sendable {
        var index: Int
        var job: Job
    }

    private let jobs = Mutex<[Numbered?]>([])
    private let jobsWaiting = DispatchSemaphore(value: 0)
    private let outputs = Mutex<[Int: Output]>([:])
    private let outputsWaiting = DispatchSemaphore(value: 0)
    private let workers = DispatchGroup()
    private let workerCount = Mutex(0)

    /// Starts `count` threads; each makes its own `work` (which may keep state from job to job, as a
    /// parser its dictionaries) with `makeWork(worker)`, `worker` numbering the threads from 0.
    func startWorkers(_ count: Int, makeWork: @escaping @Sendable (_ worker: Int) -> (Job) -> Output) {
        workerCount.withLock { $0 += count }
        for worker in 0..<count {
            workers.enter()
            Thread.detachNewThread { [self] in
                let work = makeWork(worker)
                while let next = nextJob() {
                    let output = work(next.job)
                    outputs.withLock { $0[next.index] = output }
                    outputsWaiting.signal()
                }
                workers.leave()
            }
        }
    }

    func submit(_ job: Job, index: Int) {
        jobs.withLock { $0.append(Numbered(index: index, job: job)) }
        jobsWaiting.signal()
    }

    /// The output of job `index`, waiting for it.
    func output(_ index: Int) -> Output {
        while true {
            if let output = outputs.withLock({ $0.removeValue(forKey: index) }) { return output }
            outputsWaiting.wait()
        }
    }

    /// Drops the jobs no worker has taken, lets the workers finish the ones they hold and waits until
    /// every worker has ended: no thread is left working for a caller that has returned (or thrown).
    func stop() {
        let count = workerCount.withLock { count in
            defer { count = 0 }
            return count
        }
        jobs.withLock { waiting in
            waiting = waiting.map { _ in nil }
            waiting += [Numbered?](repeating: nil, count: count)
        }
        for _ in 0..<count { jobsWaiting.signal() }
        workers.wait()
    }

    /// The oldest job, waiting for one; nil tells the worker to stop.
    private func nextJob() -> Numbered? {
        jobsWaiting.wait()
        return jobs.withLock { $0.removeFirst() }
    }
}

extension OrderedWorkQueue where Job == Int {
    /// Does jobs `0..<count` with `work` on `threads` threads and hands each output to `take` on this
    /// thread, in job order. Work runs at most `threads` jobs ahead of `take`, so at most that many outputs
    /// wait at once. One thread (or one job) does the work here, one job after another. When `take`
    /// throws, the jobs not started are dropped and the call returns once the workers have ended.
    static func inOrder<Failure: Error>(count: Int, threads: Int, work: @escaping @Sendable (Int) -> Output,
                                        take: (Int, Output) throws(Failure) -> Void) throws(Failure) {
        guard threads > 1 && count > 1 else {
            for index in 0..<count { try take(index, work(index)) }
            return
        }
        let queue = OrderedWorkQueue<Int, Output>()
        queue.startWorkers(threads) { _ in work }
        defer { queue.stop() }
        var submitted = 0
        for index in 0..<count {
            while submitted < min(count, index + 1 + threads) {
                queue.submit(submitted, index: submitted)
                submitted += 1
            }
            try take(index, queue.output(index))
        }
    }
}
