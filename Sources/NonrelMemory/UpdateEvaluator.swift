import Nonrel

/// Applies an update's assignments to one document. Every value is computed from the
/// document as it was (one atomic `$set`), then written; a nil result removes the field (nil
/// is not stored), except inside an array, where the element becomes null.
enum UpdateEvaluator {
    static func apply(_ assignments: [Assignment], to row: Row, model: ModelDescriptor) throws(NonrelError) -> Row {
        var values: [Value] = []
        for assignment in assignments {
            values.append(try ExpressionEvaluator.evaluate(assignment.value, in: row, model: model))
        }
        var updated = row
        for (assignment, value) in zip(assignments, values) {
            try set(value.isNull ? Value?.none : value, at: assignment.field.columns[...], in: &updated, model: model, path: assignment.field)
        }
        return updated
    }

    /// Refuses what the MongoDB backend cannot do, so that code behaves alike on both: a
    /// positional assignment in an update that has F() expressions.
    static func check(_ assignments: [Assignment], model: ModelDescriptor) throws(NonrelError) {
        guard !assignments.allSatisfy({ if case .value = $0.value { true } else { false } }) else { return }
        for assignment in assignments where assignment.field.columns.dropFirst().contains(where: { Int($0) != nil }) {
            throw NonrelError(.unsupported, "update(): \(assignment.field.dotted) assigns inside a list by position together with F() expressions, which MongoDB pipelines cannot do; update it separately with a constant", model: model.name, field: assignment.field.field.name)
        }
    }

    /// Sets (or, for nil, removes) the value at `columns`, creating intermediate documents and
    /// padding arrays with nulls up to an index.
    private static func set(_ value: Value?, at columns: ArraySlice<String>, in row: inout Row, model: ModelDescriptor, path: FieldPath) throws(NonrelError) {
        guard let first = columns.first else { return }
        let rest = columns.dropFirst()
        if rest.isEmpty {
            row[first] = value
            return
        }
        switch row[first] {
        case .document(var nested)?:
            try set(value, at: rest, in: &nested, model: model, path: path)
            row[first] = .document(nested)
        case .array(var items)?:
            try set(value, at: rest, in: &items, model: model, path: path)
            row[first] = .array(items)
        default:
            if value == nil { return }
            var nested = Row()
            try set(value, at: rest, in: &nested, model: model, path: path)
            row[first] = .document(nested)
        }
    }

    private static func set(_ value: Value?, at columns: ArraySlice<String>, in items: inout [Value], model: ModelDescriptor, path: FieldPath) throws(NonrelError) {
        guard let first = columns.first, let index = Int(first), index >= 0 else {
            throw NonrelError(.invalidValue, "update(): cannot set \(path.dotted) on \(model.name): it goes through a list; assign the whole list, or one element by position", model: model.name, field: path.field.name)
        }
        while items.count <= index { items.append(.null) }
        let rest = columns.dropFirst()
        if rest.isEmpty {
            items[index] = value ?? .null
            return
        }
        var element = items[index].documentValue ?? Row()
        if case .array(var nested) = items[index] {
            try set(value, at: rest, in: &nested, model: model, path: path)
            items[index] = .array(nested)
            return
        }
        try set(value, at: rest, in: &element, model: model, path: path)
        items[index] = .document(element)
    }
}
