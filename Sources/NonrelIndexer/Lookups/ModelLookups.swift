import Nonrel

/// The hidden fields registered for one model, and what they need on every write.
struct ModelLookups: Sendable {
    let model: ModelDescriptor
    /// Distinct hidden fields in registration order.
    private(set) var hidden: [HiddenField] = []

    init(model: ModelDescriptor) {
        self.model = model
    }

    mutating func add(_ field: HiddenField) {
        if !hidden.contains(field) { hidden.append(field) }
    }

    /// The hidden fields derived from `column`.
    func hidden(from column: String) -> [HiddenField] {
        hidden.filter { $0.source.column == column }
    }

    /// The hidden field of `kind` derived from `column`.
    func hidden(from column: String, _ kind: HiddenField.Kind) -> HiddenField? {
        hidden.first { $0.source.column == column && $0.kind == kind }
    }

    /// The source fields, each once.
    var sources: [FieldDescriptor] {
        var seen = Set<String>()
        return hidden.map(\.source).filter { seen.insert($0.column).inserted }
    }

    /// `row` with every hidden field computed from its source (stale or absent ones replaced;
    /// those whose source is nil or of another type removed).
    func withHiddenFields(_ row: Row) -> Row {
        var row = row
        for field in hidden { row[field.column] = field.value(for: row[field.source.column]) }
        return row
    }

    /// The model's descriptor with the hidden fields added as indexed fields, for the wrapped
    /// backend's `ensureIndexes`.
    var augmentedModel: ModelDescriptor {
        ModelDescriptor(
            name: model.name, collection: model.collection, fields: model.fields + hidden.map(\.descriptor),
            ordering: model.ordering, indexes: model.indexes, uniqueTogether: model.uniqueTogether, isEmbedded: model.isEmbedded)
    }

    /// `row` without hidden columns (any `_idx_` column the model does not declare, including
    /// those of lookups registered earlier and since dropped).
    static func stripped(_ row: Row, model: ModelDescriptor) -> Row {
        guard row.keys.contains(where: { $0.hasPrefix(HiddenField.prefix) && model.field(column: $0) == nil }) else { return row }
        return Row(row.elements.filter { !$0.key.hasPrefix(HiddenField.prefix) || model.field(column: $0.key) != nil }.map { ($0.key, $0.value) })
    }
}
