import Foundation

/// Dedicated threads for libmongoc's blocking calls, so that network waits never occupy
/// Swift's cooperative thread pool. Threads start on demand up to `maximumThreads` (the
/// connection pool's size) and then wait for work.
final class BlockingThreadPool: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var threadCount = 0
    private var idleCount = 0
    private var wakeupsPending = 0
    let maximumThreads: Int
    private let name: String

    init(maximumThreads: Int, name: String = "nonrel.mongoc") {
        self.maximumThreads = max(1, maximumThreads)
        self.name = name
    }

    /// Runs `body` on one of the pool's threads and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(MongoError) -> T) async throws(MongoError) -> T {
        let result: Result<T, MongoError> = await withCheckedContinuation { continuation in
            submit {
                do throws(MongoError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Queues `job` without waiting for it.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        if idleCount > wakeupsPending {
            wakeupsPending += 1
            condition.signal()
        } else if threadCount < maximumThreads {
            threadCount += 1
            let thread = Thread { [self] in workLoop() }
            thread.name = "\(name).\(threadCount)"
            thread.start()
        }
        condition.unlock()
    }

    private func workLoop() {
        while true {
            condition.lock()
            while head == jobs.count {
                idleCount += 1
                condition.wait()
                idleCount -= 1
                if wakeupsPending > 0 { wakeupsPending -= 1 }
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 1024 {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}
