import Foundation

/// A line of the C floor's JSON output.
struct BaselineRecord {
    let task: String
    let medianSeconds: Double
    let cpuMicrosecondsPerOp: Double
    let docBytes: Int
    let line: String
}

/// Client-CPU ratio targets from the issues: BSON within 1.5× of libbson, driver tasks within 1.2×
/// of libmongoc, ORM (ODM) tasks within 2× of libmongoc; the indexer rows have none (they compare
/// strategies; where C runs the same query its ratio is shown).
func targetRatio(_ task: String) -> Double? {
    if task.hasPrefix("bson_") { return 1.5 }
    if task.hasPrefix("odm_") { return 2.0 }
    if task.hasPrefix("indexer_") { return nil }
    return 1.2
}

func loadBaseline(_ path: String) throws(BenchError) -> [String: BaselineRecord] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw BenchError("cannot read the C baseline \(path) (run nonrel-c-bench with --out first, or drop --baseline)")
    }
    var records: [String: BaselineRecord] = [:]
    for line in text.split(separator: "\n") where !line.isEmpty {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let task = object["task"] as? String,
              let median = (object["median_s"] as? NSNumber)?.doubleValue,
              let cpu = (object["cpu_us_per_op"] as? NSNumber)?.doubleValue
        else { throw BenchError("\(path): not a nonrel-c-bench result line: \(line)") }
        records[task] = BaselineRecord(task: task, medianSeconds: median, cpuMicrosecondsPerOp: cpu,
                                       docBytes: (object["doc_bytes"] as? NSNumber)?.intValue ?? 0, line: String(line))
    }
    return records
}

/// Prints table rows as results arrive and collects the JSON lines. Used by one thread at a
/// time: the main thread, then the driver task while the main thread waits for it.
final class Reporter: @unchecked Sendable {
    private let baseline: [String: BaselineRecord]
    private(set) var jsonLines: [String] = []
    private(set) var missed: [String] = []
    private let runAt = ISO8601DateFormatter().string(from: Date())

    init(baseline: [String: BaselineRecord], options: Options) {
        self.baseline = baseline
        jsonLines = baseline.values.filter { options.wants($0.task) }.sorted { allTaskNames.firstIndex(of: $0.task) ?? 99 < allTaskNames.firstIndex(of: $1.task) ?? 99 }
            .map(\.line)
    }

    func header() {
        print(row(["task", "ops/it", "its", "median s", "ops/s", "MB/s", "cpu µs/op", "C cpu µs/op",
                   "CPU ×C", "wall ×C", "target", "ok"]))
        print(String(repeating: "-", count: 136))
    }

    func add(_ r: TaskResult, note: String? = nil) {
        let c = baseline[r.task]
        let cpuRatio = c.map { r.cpuMicrosecondsPerOp / $0.cpuMicrosecondsPerOp }
        let wallRatio = c.map { r.medianSeconds / $0.medianSeconds }
        let target = targetRatio(r.task)
        let meets: Bool? = if let cpuRatio, let target { cpuRatio <= target } else { nil }
        if meets == false { missed.append(r.task) }
        print(row([
            r.task, "\(r.opsPerIteration)", "\(r.iterations)", fmt(r.medianSeconds, 4), fmt(r.opsPerSecond, 1),
            r.docBytes > 0 ? fmt(r.megabytesPerSecond, 2) : "-", fmt(r.cpuMicrosecondsPerOp, 2),
            c.map { fmt($0.cpuMicrosecondsPerOp, 2) } ?? "-",
            cpuRatio.map { fmt($0, 2) + "×" } ?? "-", wallRatio.map { fmt($0, 2) + "×" } ?? "-",
            target.map { "≤" + fmt($0, 1) + "×" } ?? "-", meets.map { $0 ? "yes" : "MISSED" } ?? "-",
        ]))
        if r.task.hasPrefix("indexer_") {
            let perQuery = r.medianSeconds / Double(r.opsPerIteration) * 1e3
            let cPerQuery = c.map { $0.medianSeconds / Double(r.opsPerIteration) * 1e3 }
            print("  per query: \(fmt(perQuery, 1)) ms wall, \(fmt(r.cpuMicrosecondsPerOp / 1e3, 2)) ms client CPU"
                  + (cPerQuery.map { " (C: \(fmt($0, 1)) ms wall)" } ?? "") + (note.map { "; " + $0 } ?? ""))
        }
        if let c, c.docBytes != 0, r.docBytes != 0, c.docBytes != r.docBytes {
            print("  note: the C floor's document is \(c.docBytes) bytes, Nonrel's \(r.docBytes): the extended JSON parsers disagree")
        }
        var fields: [(String, String)] = [
            ("impl", "\"swift\""), ("task", "\"\(r.task)\""), ("ops_per_iteration", "\(r.opsPerIteration)"),
            ("iterations", "\(r.iterations)"), ("warmup", "\(r.warmup)"), ("median_s", fmt(r.medianSeconds, 9)),
            ("ops_per_s", fmt(r.opsPerSecond, 3)), ("mb_per_s", fmt(r.docBytes > 0 ? r.megabytesPerSecond : 0, 4)),
            ("cpu_us_per_op", fmt(r.cpuMicrosecondsPerOp, 4)), ("doc_bytes", "\(r.docBytes)"),
        ]
        if let c, let cpuRatio, let wallRatio {
            fields += [("c_cpu_us_per_op", fmt(c.cpuMicrosecondsPerOp, 4)), ("cpu_ratio_vs_c", fmt(cpuRatio, 4)),
                       ("wall_ratio_vs_c", fmt(wallRatio, 4))]
        }
        fields += [("target_cpu_ratio", target.map { fmt($0, 1) } ?? "null"), ("meets_target", meets.map { "\($0)" } ?? "null"),
                   ("run_at", "\"\(runAt)\"")]
        jsonLines.append("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }

    private func row(_ cells: [String]) -> String {
        let widths = [22, 7, 4, 10, 11, 8, 10, 12, 8, 8, 7, 6]
        return zip(cells, widths).enumerated().map { index, pair in
            let (cell, width) = pair
            let pad = String(repeating: " ", count: max(0, width - cell.count))
            return index == 0 ? cell + pad : pad + cell
        }.joined(separator: " ")
    }
}

func fmt(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
