import Foundation

/// One task's result, in the same units as the C floor's JSON lines.
struct TaskResult {
    let task: String
    let opsPerIteration: Int
    let iterations: Int
    let warmup: Int
    /// Median wall time of one iteration, seconds.
    let medianSeconds: Double
    /// Median client CPU (user + system, this process only) of one iteration, seconds.
    let medianCPUSeconds: Double
    /// BSON size of one operation's document, for MB/s; 0 when not applicable.
    let docBytes: Int

    var opsPerSecond: Double { Double(opsPerIteration) / medianSeconds }
    var megabytesPerSecond: Double { Double(docBytes * opsPerIteration) / medianSeconds / 1e6 }
    var cpuMicrosecondsPerOp: Double { medianCPUSeconds / Double(opsPerIteration) * 1e6 }
}

/// Wall clock (monotonic) in seconds.
func wallSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// User + system CPU time of the whole process (every thread), in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// Runs `setup` (untimed) and `run` (timed) `warmup + iterations` times and keeps the medians of
/// the timed iterations.
func measure(
    _ task: String, ops: Int, docBytes: Int, iterations: Int, warmup: Int,
    setup: () async throws -> Void = {},
    run: () async throws -> Void
) async throws -> TaskResult {
    var walls: [Double] = []
    var cpus: [Double] = []
    for i in 0..<(warmup + iterations) {
        try await setup()
        let c0 = cpuSeconds()
        let w0 = wallSeconds()
        try await run()
        let w1 = wallSeconds()
        let c1 = cpuSeconds()
        if i >= warmup {
            walls.append(w1 - w0)
            cpus.append(c1 - c0)
        }
    }
    return TaskResult(task: task, opsPerIteration: ops, iterations: iterations, warmup: warmup,
                      medianSeconds: median(walls), medianCPUSeconds: median(cpus), docBytes: docBytes)
}

/// `measure` for synchronous work (the BSON tasks), run on the calling thread.
func measureSync(
    _ task: String, ops: Int, docBytes: Int, iterations: Int, warmup: Int,
    run: () throws -> Void
) throws -> TaskResult {
    var walls: [Double] = []
    var cpus: [Double] = []
    for i in 0..<(warmup + iterations) {
        let c0 = cpuSeconds()
        let w0 = wallSeconds()
        try run()
        let w1 = wallSeconds()
        let c1 = cpuSeconds()
        if i >= warmup {
            walls.append(w1 - w0)
            cpus.append(c1 - c0)
        }
    }
    return TaskResult(task: task, opsPerIteration: ops, iterations: iterations, warmup: warmup,
                      medianSeconds: median(walls), medianCPUSeconds: median(cpus), docBytes: docBytes)
}

/// Keeps a value alive and opaque to the optimizer.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {}
