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
        var row = Row()
        for field in descriptor.fields {
            var value = encoded[field.name] ?? .null
            if field.primaryKey {
                if case .string(let key) = value {
                    row[field.column] = .string(try PrimaryKey.validated(key, context: "\(descriptor.name).id"))
                }
                continue
            }
            if value.isNull, let makeDefault = field.defaultValue { value = makeDefault() }
            value = try ValueConversion.stored(value, as: field.type, context: "\(descriptor.name).\(field.name)")
            value = try embeddedColumns(value, type: field.type)
            try validate(value, field: field, model: descriptor)
            // Nil fields are not stored (see docs/Semantics.md).
            if !value.isNull { row[field.column] = value }
        }
        return row
    }

    private static func embeddedColumns(_ value: Value, type: FieldType) throws(NonrelError) -> Value {
        switch (type, value) {
        case (.embedded(let embedded), .document(let row)):
            return .document(try columns(from: row, descriptor: embedded))
        case (.list(let element), .array(let items)), (.set(let element), .array(let items)):
            guard case .embedded = element else { return value }
            var converted: [Value] = []
            for item in items { converted.append(try embeddedColumns(item, type: element)) }
            return .array(converted)
        default:
            return value
        }
    }

    /// Renames columns back to property names, recursively for embedded models.
    static func names(from row: Row, descriptor: ModelDescriptor) -> Row {
        var named = Row()
        for field in descriptor.fields {
            guard let value = row[field.column] else { continue }
            named[field.name] = embeddedNames(value, type: field.type)
        }
        return named
    }

    private static func embeddedNames(_ value: Value, type: FieldType) -> Value {
        switch (type, value) {
        case (.embedded(let embedded), .document(let row)):
            return .document(names(from: row, descriptor: embedded))
        case (.list(let element), .array(let items)), (.set(let element), .array(let items)):
            guard case .embedded = element else { return value }
            return .array(items.map { embeddedNames($0, type: element) })
        default:
            return value
        }
    }

    /// Django's field validation: null, blank, max_length, choices.
    static func validate(_ value: Value, field: FieldDescriptor, model: ModelDescriptor) throws(NonrelError) {
        let name = "\(model.name).\(field.name)"
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
