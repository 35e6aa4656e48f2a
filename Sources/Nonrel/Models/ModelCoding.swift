/// Converts models to stored rows (columns, stored value forms, defaults applied, validated)
/// and stored rows back to models.
enum ModelCoding {
    /// The row to store for `model`; `_id` is present only when the model has a primary key.
    static func row<M: Model>(from model: M) throws(NonrelError) -> Row {
        let encoded = try ValueEncoder().encodeRow(model)
        return try columns(from: encoded, descriptor: M.descriptor)
    }

    /// The model stored in `row`.
    static func model<M: Model>(from row: Row, related: RelatedRows? = nil) throws(NonrelError) -> M {
        // MARK: - Joins: related rows loaded with the row fill `ForeignKey.cached`
        let decoder = ValueDecoder(userInfo: related.map { [RelatedRows.key: $0] } ?? [:])
        return try decoder.decode(M.self, from: names(from: row, descriptor: M.descriptor))
    }

    /// Renames property names to columns, converts values to stored form, applies defaults and
    /// validates (null, blank, max length, choices), recursively for embedded models.
    static func columns(from encoded: Row, descriptor: ModelDescriptor) throws(NonrelError) -> Row {
        try storedColumns(encoded, descriptor: descriptor) ?? encoded
    }

    /// What ``columns(from:descriptor:)`` returns, or nil when that is `encoded` itself (every
    /// key a field's column, in order, its value already in stored form): embedded documents are
    /// then stored as encoded, not copied.
    private static func storedColumns(_ encoded: Row, descriptor: ModelDescriptor) throws(NonrelError) -> Row? {
        if descriptor.columnsAreNames, hasColumnsInOrder(encoded, descriptor) {
            return try storedInOrder(encoded, descriptor: descriptor)
        }
        let distinct = descriptor.hasDistinctFields
        var lookup = RowLookup(encoded, inOrder: distinct)
        // nil while the result is the first `kept` elements of `encoded`
        var row: Row?
        var kept = 0
        for field in descriptor.fields {
            let found = lookup.value(forKey: field.name)
            var value = found ?? .null
            var unchanged = false
            if field.primaryKey {
                guard case .string(let key) = value else {
                    value = .null
                    if found != nil, row == nil { row = prefix(of: encoded, kept, descriptor) }
                    continue
                }
                value = .string(try PrimaryKey.validated(key, context: "\(descriptor.name).id"))
            } else {
                (value, unchanged) = try storedValue(found, field: field, descriptor: descriptor)
            }
            if row == nil, unchanged, lookup.position == kept + 1, field.name == field.column {
                kept += 1
                continue
            }
            if row == nil { row = prefix(of: encoded, kept, descriptor) }
            // Nil fields are not stored (see docs/Semantics.md).
            if !value.isNull { row!.set(field.column, value, distinct: distinct) }
        }
        if let row { return row }
        return kept == encoded.count ? nil : Row(elements: Array(encoded.elements[0..<kept]))
    }

    /// The stored, validated form of a (non-key) field's encoded value `found` (nil when the row
    /// lacks it; its default then applies), and whether that is `found` itself.
    private static func storedValue(_ found: Value?, field: FieldDescriptor, descriptor: ModelDescriptor) throws(NonrelError) -> (Value, Bool) {
        var value = found ?? .null
        var unchanged = false
        if value.isNull, let makeDefault = field.defaultValue { value = makeDefault() }
        if let found, isStoredAsIs(found, as: field.type) {
            unchanged = true
        } else {
            value = try ValueConversion.stored(value, as: field.type, context: "\(descriptor.name).\(field.name)")
        }
        if holdsEmbedded(field.type), let converted = try storedEmbedded(value, type: field.type) {
            value = converted
            unchanged = false
        }
        try validate(value, field: field, model: descriptor)
        return (value, unchanged)
    }

    /// ``storedColumns(_:descriptor:)`` of a row whose keys are its fields' columns (which are
    /// their names) in order: the row is copied from the first value that changes.
    private static func storedInOrder(_ encoded: Row, descriptor: ModelDescriptor) throws(NonrelError) -> Row? {
        // nil while the result is `encoded` up to the current field
        var row: Row?
        for (index, field) in descriptor.fields.enumerated() {
            let (value, unchanged) = try storedValue(encoded.elements[index].value, field: field, descriptor: descriptor)
            if row == nil, unchanged { continue }
            if row == nil { row = prefix(of: encoded, index, descriptor) }
            // Nil fields are not stored (see docs/Semantics.md).
            if !value.isNull { row!.append(field.column, value) }
        }
        return row
    }

    /// The first `count` elements of `row`, with room for the descriptor's fields.
    private static func prefix(of row: Row, _ count: Int, _ descriptor: ModelDescriptor) -> Row {
        var prefix = Row(elements: Array(row.elements[0..<count]))
        prefix.reserveCapacity(descriptor.fields.count)
        return prefix
    }

    /// Whether values of `type` may hold embedded documents (whose columns and names differ).
    @inline(__always)
    private static func holdsEmbedded(_ type: FieldType) -> Bool {
        switch type {
        case .embedded: true
        case .list(let element), .set(let element): if case .embedded = element { true } else { false }
        default: false
        }
    }

    /// Whether `value` is already the stored form ``ValueConversion/stored(_:as:context:)`` gives
    /// for `type` (which then returns it unchanged and throws nothing).
    private static func isStoredAsIs(_ value: Value, as type: FieldType) -> Bool {
        switch (type, value) {
        case (.string, .string), (.text, .string), (.int, .int), (.double, .double), (.bool, .bool),
             (.decimal, .decimal), (.uuid, .uuid), (.binary, .binary), (.embedded, .document):
            return true
        case (.list(.embedded), .array(let items)), (.set(.embedded), .array(let items)):
            return items.allSatisfy { if case .document = $0 { true } else { false } }
        default:
            return false
        }
    }

    /// `value` with its embedded documents in stored form, or nil when they already are.
    private static func storedEmbedded(_ value: Value, type: FieldType) throws(NonrelError) -> Value? {
        switch (type, value) {
        case (.embedded(let embedded), .document(let row)):
            return try storedColumns(row, descriptor: embedded).map { .document($0) }
        case (.list(let element), .array(let items)), (.set(let element), .array(let items)):
            guard case .embedded = element else { return nil }
            return try changedItems(items) { (item) throws(NonrelError) in try storedEmbedded(item, type: element) }.map { .array($0) }
        default:
            return nil
        }
    }

    /// Renames columns back to property names, recursively for embedded models.
    static func names(from row: Row, descriptor: ModelDescriptor) -> Row {
        renamed(row, descriptor: descriptor) ?? row
    }

    /// `row` with columns renamed to property names and keys that are no field left out, or nil
    /// when that is `row` itself (its keys are its fields' names, in order): embedded documents
    /// read back are then used as they are, not copied.
    private static func renamed(_ row: Row, descriptor: ModelDescriptor) -> Row? {
        if descriptor.columnsAreNames, hasColumnsInOrder(row, descriptor) {
            return renamedEmbedded(row, descriptor: descriptor)
        }
        let distinct = descriptor.hasDistinctFields
        var lookup = RowLookup(row, inOrder: distinct)
        // nil while the result is the first `kept` elements of `row`
        var named: Row?
        var kept = 0
        for field in descriptor.fields {
            guard let value = lookup.value(forKey: field.column) else { continue }
            let converted = holdsEmbedded(field.type) ? embeddedNames(value, type: field.type) : nil
            if named == nil, converted == nil, lookup.position == kept + 1, field.name == field.column {
                kept += 1
                continue
            }
            if named == nil { named = prefix(of: row, kept, descriptor) }
            named!.set(field.name, converted ?? value, distinct: distinct)
        }
        if let named { return named }
        return kept == row.count ? nil : Row(elements: Array(row.elements[0..<kept]))
    }

    /// Whether `row`'s keys are exactly the descriptor's columns, in field order.
    private static func hasColumnsInOrder(_ row: Row, _ descriptor: ModelDescriptor) -> Bool {
        let fields = descriptor.fields
        guard row.count == fields.count else { return false }
        for index in fields.indices where row.elements[index].key != fields[index].column { return false }
        return true
    }

    /// ``renamed(_:descriptor:)`` of a row whose keys are its fields' names in order: only
    /// embedded documents may change.
    private static func renamedEmbedded(_ row: Row, descriptor: ModelDescriptor) -> Row? {
        var named: Row?
        for (index, field) in descriptor.fields.enumerated() where holdsEmbedded(field.type) {
            guard let converted = embeddedNames(row.elements[index].value, type: field.type) else { continue }
            if named == nil { named = row }
            named!.replaceValue(at: index, with: converted)
        }
        return named
    }

    /// The value with embedded documents renamed, or nil when nothing changes.
    private static func embeddedNames(_ value: Value, type: FieldType) -> Value? {
        switch (type, value) {
        case (.embedded(let embedded), .document(let row)):
            return renamed(row, descriptor: embedded).map { .document($0) }
        case (.list(let element), .array(let items)), (.set(let element), .array(let items)):
            guard case .embedded = element else { return nil }
            return changedItems(items) { embeddedNames($0, type: element) }.map { .array($0) }
        default:
            return nil
        }
    }

    /// `items` with each item `change` returns a new value for replaced, or nil when it returns
    /// nil for all of them (the array is copied only at the first change).
    private static func changedItems<E: Error>(_ items: [Value], _ change: (Value) throws(E) -> Value?) throws(E) -> [Value]? {
        var changed: [Value]?
        for index in items.indices {
            guard let item = try change(items[index]) else { continue }
            if changed == nil { changed = items }
            changed![index] = item
        }
        return changed
    }

    /// Django's field validation: null, blank, max_length, choices.
    static func validate(_ value: Value, field: FieldDescriptor, model: ModelDescriptor) throws(NonrelError) {
        var name: String { "\(model.name).\(field.name)" }
        if value.isNull {
            guard field.null else {
                throw NonrelError(.validation, "\(name) may not be nil: give it a value, declare the property Optional, or give the field a default", model: model.name, field: field.name)
            }
            return
        }
        if !field.blank {
            let isBlank: Bool = switch value {
            case .string(let s): s.isEmpty && !field.primaryKey
            default: false
            }
            if isBlank {
                throw NonrelError(.validation, "\(name) may not be blank: give it a value, or declare the field with blank: true", model: model.name, field: field.name)
            }
        }
        if case .string(maxLength: let max?) = field.type, case .string(let s) = value, s.count > max {
            throw NonrelError(.validation, "\(name) is \(s.count) characters long; its max_length is \(max)", model: model.name, field: field.name)
        }
        if let choices = field.choices, !choices.contains(value) {
            throw NonrelError(.validation, "\(name) is \(value), which is not one of its choices: \(choices.map(\.description).joined(separator: ", "))", model: model.name, field: field.name)
        }
        if case .set = field.type, case .array(let items) = value, Set(items).count != items.count {
            throw NonrelError(.validation, "\(name) is a set field but holds duplicates", model: model.name, field: field.name)
        }
    }
}

extension Row {
    /// Sets `key`, appending without a lookup when the keys set are known to be distinct.
    @inline(__always)
    fileprivate mutating func set(_ key: String, _ value: Value, distinct: Bool) {
        if distinct { append(key, value) } else { self[key] = value }
    }
}
