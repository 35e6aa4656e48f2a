import Foundation

/// Marks the threads of each pool: the value is the owning pool's address.
private let poolThreadKey: pthread_key_t = {
    var key = pthread_key_t()
    precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
    return key
}()

/// Dedicated threads for libmongoc's blocking calls, so that network waits never occupy
/// Swift's cooperative thread pool. Threads start on demand up to `maximumThreads` (the
/// connection pool's size) and then wait for work.
///
/// The pool is also a `TaskExecutor`: tasks that prefer it run on these threads, and their
/// blocking calls then run inline, without a hand-off to another thread and back.
final class BlockingThreadPool: TaskExecutor, @unchecked Sendable {
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

    /// Whether the calling thread is one of this pool's.
    var isCurrentThread: Bool {
        pthread_getspecific(poolThreadKey) == Unmanaged.passUnretained(self).toOpaque()
    }

    /// Runs `body` on one of the pool's threads and returns its result: inline when the
    /// caller already runs on one (a task preferring this executor), else by a hand-off.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(MongoError) -> T) async throws(MongoError) -> T {
        if isCurrentThread { return try body() }
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

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        submit { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    private func workLoop() {
        pthread_setspecific(poolThreadKey, Unmanaged.passUnretained(self).toOpaque())
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
