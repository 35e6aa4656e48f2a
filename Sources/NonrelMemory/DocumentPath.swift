import Nonrel

/// Reading stored documents along a column path, with MongoDB's treatment of arrays: a path
/// through an array reaches into each of its elements, and a numeric component indexes it.
enum DocumentPath {
    /// The values a query condition tests (MongoDB's matcher): every value reached, where an
    /// array at the end of the path contributes itself and each element, and `nil` stands for
    /// a missing value (an element of an array without the field counts as missing).
    static func matchCandidates(_ row: Row, _ columns: [String]) -> [Value?] {
        var out: [Value?] = []
        collect(row[columns[0]], columns.dropFirst(), leaf: .wholeAndElements, into: &out)
        return out
    }

    /// The values reached, arrays at the end of the path kept whole (for transforms such as
    /// `len`, and for F() comparisons per element of a crossed list).
    static func leafValues(_ row: Row, _ columns: [String]) -> [Value?] {
        var out: [Value?] = []
        collect(row[columns[0]], columns.dropFirst(), leaf: .whole, into: &out)
        return out
    }

    /// The keys a sort or an index sees: arrays at the end of the path contribute their
    /// elements; an empty array contributes `undefined`, below null; missing is null.
    static func sortCandidates(_ row: Row, _ columns: [String]) -> [SortValue] {
        var out: [Value?] = []
        collect(row[columns[0]], columns.dropFirst(), leaf: .elements, into: &out)
        if out.isEmpty { return [.undefined] }
        return out.map { $0.map(SortValue.value) ?? .value(.null) }
    }

    private enum Leaf { case whole, elements, wholeAndElements }

    private static func collect(_ value: Value?, _ path: ArraySlice<String>, leaf: Leaf, into out: inout [Value?]) {
        guard let first = path.first else {
            if case .array(let items)? = value {
                if leaf != .elements { out.append(value) }
                if leaf != .whole { out.append(contentsOf: items.map(Optional.some)) }
            } else {
                out.append(value)
            }
            return
        }
        let rest = path.dropFirst()
        switch value {
        case .document(let row)?:
            collect(row[first], rest, leaf: leaf, into: &out)
        case .array(let items)?:
            if let index = Int(first), index >= 0 {
                collect(index < items.count ? items[index] : Value?.none, rest, leaf: leaf, into: &out)
                return
            }
            if items.isEmpty { out.append(nil) }
            for item in items {
                if case .document(let element) = item {
                    collect(element[first], rest, leaf: leaf, into: &out)
                } else {
                    out.append(nil)
                }
            }
        default:
            out.append(nil)
        }
    }

    /// The value an expression (`F("views")`, a group key, an aggregated field) reads, as
    /// MongoDB's aggregation does: through an array of documents it is the array of the
    /// elements' values. `nil` when missing.
    static func expressionValue(_ row: Row, _ columns: [String]) -> Value? {
        resolve(row[columns[0]], columns.dropFirst())
    }

    private static func resolve(_ value: Value?, _ path: ArraySlice<String>) -> Value? {
        guard let first = path.first else { return value }
        switch value {
        case .document(let row)?:
            return resolve(row[first], path.dropFirst())
        case .array(let items)?:
            if let index = Int(first), index >= 0 {
                return index < items.count ? resolve(items[index], path.dropFirst()) : nil
            }
            return .array(items.compactMap { item in
                switch item {
                case .document, .array: resolve(item, path)
                default: nil
                }
            })
        default:
            return nil
        }
    }

    // MARK: - Projection

    /// The document restricted to `_id` and the given paths, nested as stored (MongoDB's
    /// inclusion projection; an indexed list is returned whole so its element stays reachable).
    static func project(_ row: Row, paths: [[String]]) -> Row {
        var result = Row()
        if let id = row["_id"] { result["_id"] = id }
        for path in paths where !path.isEmpty {
            guard let value = row[path[0]], let projected = project(value, path.dropFirst()) else { continue }
            result[path[0]] = merge(result[path[0]], projected)
        }
        return result
    }

    private static func project(_ value: Value, _ path: ArraySlice<String>) -> Value? {
        guard let first = path.first else { return value }
        switch value {
        case .document(let row):
            guard let inner = row[first], let projected = project(inner, path.dropFirst()) else { return .document(Row()) }
            return .document(Row([(first, projected)]))
        case .array(let items):
            if Int(first) != nil { return value }
            return .array(items.compactMap { item in
                switch item {
                case .document, .array: project(item, path)
                default: nil
                }
            })
        default:
            return nil
        }
    }

    /// Merges two projections of one value (documents key by key, arrays element by element).
    private static func merge(_ existing: Value?, _ new: Value) -> Value {
        switch (existing, new) {
        case (.document(var a)?, .document(let b)):
            for element in b.elements { a[element.key] = merge(a[element.key], element.value) }
            return .document(a)
        case (.array(let a)?, .array(let b)) where a.count == b.count:
            return .array(zip(a, b).map { merge($0, $1) })
        default:
            return new
        }
    }
}

/// A sort key: a value, or `undefined` (an empty array), which sorts below null.
enum SortValue {
    case undefined
    case value(Value)

    static func compare(_ a: SortValue, _ b: SortValue) -> Int {
        switch (a, b) {
        case (.undefined, .undefined): 0
        case (.undefined, _): -1
        case (_, .undefined): 1
        case (.value(let x), .value(let y)): ValueOrdering.compare(x, y)
        }
    }
}
