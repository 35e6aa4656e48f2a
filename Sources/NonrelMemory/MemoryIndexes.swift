import Nonrel

/// An index as MongoDB describes it: named key paths, unique and sparse flags. Unique
/// indexes are enforced; the others are metadata, reported by `ensureIndexes`.
struct IndexDefinition: Sendable {
    struct Part: Sendable, Hashable {
        var columns: [String]
        var descending: Bool
    }

    var name: String
    var parts: [Part]
    var unique: Bool
    /// Documents missing every indexed field are left out (a stored null is still indexed).
    var sparse: Bool
    /// A partial index: only documents where all these paths are present are indexed.
    var requiredPresent: [[String]] = []
    /// The model's field names, for integrity messages.
    var fieldNames: [String]

    /// Whether two definitions build the same index (keys, uniqueness, sparseness, partiality).
    func sameIndex(as other: IndexDefinition) -> Bool {
        parts == other.parts && unique == other.unique && sparse == other.sparse
            && requiredPresent.isEmpty == other.requiredPresent.isEmpty
    }

    /// MongoDB's default name: `col_1_other_-1`.
    static func defaultName(_ parts: [Part]) -> String {
        parts.map { "\($0.columns.joined(separator: "."))_\($0.descending ? -1 : 1)" }.joined(separator: "_")
    }

    /// The keys `row` has in this index (several for array values, as a multikey index);
    /// nil when a sparse index leaves the row out. Missing values are keyed as null.
    func keys(for row: Row) -> Set<[CanonicalValue]>? {
        if sparse, parts.allSatisfy({ DocumentPath.expressionValue(row, $0.columns) == nil }) { return nil }
        if requiredPresent.contains(where: { DocumentPath.expressionValue(row, $0) == nil }) { return nil }
        var keys: [[CanonicalValue]] = [[]]
        for part in parts {
            let values = DocumentPath.sortCandidates(row, part.columns).map { sortValue -> CanonicalValue in
                switch sortValue {
                case .undefined: CanonicalValue(value: .array([]))
                case .value(let value): CanonicalValue(value: value)
                }
            }
            keys = keys.flatMap { prefix in values.map { prefix + [$0] } }
        }
        return Set(keys)
    }

    /// The integrity error for a duplicated key.
    func violation(_ key: [CanonicalValue], model: ModelDescriptor) -> NonrelError {
        let what: String
        if fieldNames.count == 1 {
            what = "\(fieldNames[0]) \(key.first?.value.description ?? "nil")"
        } else {
            what = zip(fieldNames, key).map { "\($0) \($1.value)" }.joined(separator: " and ")
        }
        return NonrelError(.integrity, "duplicate key: \(model.name) with \(what) already exists (unique index \(name))",
                           model: model.name, field: fieldNames.first)
    }

    /// The error for a unique index that stored documents already violate.
    func buildFailure(_ violation: NonrelError, model: ModelDescriptor) -> NonrelError {
        NonrelError(.integrity, "cannot create unique index \(name) on \(model.name) (\(fieldNames.joined(separator: ", "))): existing documents hold duplicate values (\(violation.message)). Remove the duplicates, then call ensureIndexes() again",
                    model: model.name, field: fieldNames.first)
    }
}

/// The indexes a model declares, named as MongoDB names them.
enum DeclaredIndexes {
    static let primaryKeyIndexName = "_id_"

    /// `<column>_1` per unique or `dbIndex` field (sparse when nullable and unique);
    /// `Meta.indexes`; `uniqueTogether`; later namesakes of an earlier index are dropped. A
    /// compound unique index over nullable fields only covers documents where those are present
    /// (as SQL lets rows with NULL in unique columns repeat); over one nullable field it is
    /// sparse. `_id_` always exists and is not listed.
    static func indexes(of model: ModelDescriptor) throws(NonrelError) -> [IndexDefinition] {
        var result: [IndexDefinition] = []
        for field in model.fields where !field.primaryKey && (field.unique || field.dbIndex) {
            let parts = [IndexDefinition.Part(columns: [field.column], descending: false)]
            result.append(IndexDefinition(name: IndexDefinition.defaultName(parts), parts: parts, unique: field.unique,
                                          sparse: field.unique && field.null, fieldNames: [field.name]))
        }
        for index in model.indexes {
            var fields: [(FieldDescriptor, descending: Bool)] = []
            for name in index.fields {
                let descending = name.hasPrefix("-")
                fields.append((try field(descending ? String(name.dropFirst()) : name, of: model), descending))
            }
            result.append(compound(fields, name: index.name, unique: index.unique))
        }
        for names in model.uniqueTogether {
            var fields: [(FieldDescriptor, descending: Bool)] = []
            for name in names { fields.append((try field(name, of: model), false)) }
            result.append(compound(fields, name: nil, unique: true))
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0.name).inserted }
    }

    private static func compound(_ fields: [(FieldDescriptor, descending: Bool)], name: String?, unique: Bool) -> IndexDefinition {
        let parts = fields.map { IndexDefinition.Part(columns: [$0.0.column], descending: $0.descending) }
        var index = IndexDefinition(name: name ?? IndexDefinition.defaultName(parts), parts: parts, unique: unique,
                                    sparse: false, fieldNames: fields.map(\.0.name))
        let nullable = fields.map(\.0).filter(\.null)
        if unique, !nullable.isEmpty {
            if fields.count == 1 { index.sparse = true } else { index.requiredPresent = nullable.map { [$0.column] } }
        }
        return index
    }

    private static func field(_ name: String, of model: ModelDescriptor) throws(NonrelError) -> FieldDescriptor {
        guard let field = model.field(named: name) else {
            throw NonrelError(.fieldDoesNotExist, "\(model.name) declares an index on \"\(name)\", which is not a field (fields: \(model.fields.map(\.name).joined(separator: ", ")))", model: model.name, field: name)
        }
        return field
    }
}
