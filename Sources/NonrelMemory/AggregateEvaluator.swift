import Foundation
import Nonrel

/// Runs `aggregate()` and `values(...).annotate(...)` over matched rows: groups (null and
/// missing together, arrays as whole values), then Count/Sum/Avg/Min/Max ignoring nulls.
enum AggregateEvaluator {
    /// One row per group: the group keys, then the aggregates, by output name.
    static func run(_ query: AggregateQuery, rows: [Row]) -> [Row] {
        // MongoDB's $group over no documents yields no result.
        if rows.isEmpty { return [] }
        var groups: [(keys: [Value], rows: [Row])] = []
        var positions: [[CanonicalValue]: Int] = [:]
        for row in rows {
            let keys = query.groupBy.map { DocumentPath.expressionValue(row, $0.field.columns) ?? .null }
            let canonical = keys.map(CanonicalValue.init)
            if let position = positions[canonical] {
                groups[position].rows.append(row)
            } else {
                positions[canonical] = groups.count
                groups.append((keys, [row]))
            }
        }
        var results: [Row] = groups.map { group in
            var result = Row()
            for (key, value) in zip(query.groupBy, group.keys) { result[key.name] = value }
            for aggregate in query.aggregates {
                result[aggregate.name] = compute(aggregate.function, over: group.rows)
            }
            return result
        }
        // By the requested output names, then by the group keys ascending.
        var keys = query.ordering.map { RowSorting.Key(columns: [$0.name], descending: $0.descending) }
        for key in query.groupBy where !keys.contains(where: { $0.columns == [key.name] }) {
            keys.append(RowSorting.Key(columns: [key.name], descending: false))
        }
        if !keys.isEmpty {
            results = RowSorting.sorted(results, by: keys) { _, _ in 0 }
        }
        return results
    }

    /// One aggregate over a group's rows. A path through a list reads the list of its elements'
    /// values, as one (non-numeric) value, as MongoDB's `$group` does.
    static func compute(_ function: AggregateFunction, over rows: [Row]) -> Value {
        guard let field = function.field else { return .int(Int64(rows.count)) }
        var values: [Value] = []
        for row in rows {
            if let value = DocumentPath.expressionValue(row, field.columns), !value.isNull { values.append(value) }
        }
        switch function.kind {
        case .count:
            if function.distinct { return .int(Int64(Set(values.map(CanonicalValue.init)).count)) }
            return .int(Int64(values.count))
        case .sum:
            return sum(values.filter(\.isNumeric)) ?? .null
        case .avg:
            let numbers = values.compactMap { $0.isNumeric ? $0.doubleValue : nil }
            return numbers.isEmpty ? .null : .double(numbers.reduce(0, +) / Double(numbers.count))
        case .min:
            return values.min { ValueOrdering.compare($0, $1) < 0 } ?? .null
        case .max:
            return values.max { ValueOrdering.compare($0, $1) < 0 } ?? .null
        }
    }

    /// The sum: an integer for integers (a double on overflow), a double with any double, a
    /// decimal with any decimal; nil over no numbers.
    private static func sum(_ numbers: [Value]) -> Value? {
        guard !numbers.isEmpty else { return nil }
        if numbers.contains(where: { if case .decimal = $0 { true } else { false } }) {
            var total = Decimal(0)
            for number in numbers {
                switch number {
                case .int(let i): total += Decimal(i)
                case .double(let d): total += Decimal(d)
                case .decimal(let d): total += d
                default: break
                }
            }
            return .decimal(total)
        }
        if numbers.allSatisfy({ if case .int = $0 { true } else { false } }) {
            var total: Int64 = 0
            var overflowed = false
            for case .int(let i) in numbers {
                let (next, overflow) = total.addingReportingOverflow(i)
                if overflow { overflowed = true; break }
                total = next
            }
            if !overflowed { return .int(total) }
        }
        return .double(numbers.reduce(0) { $0 + ($1.doubleValue ?? 0) })
    }
}
