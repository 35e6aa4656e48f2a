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
    /// The model's field names, for integrity messages.
    var fieldNames: [String]

    /// Whether two definitions build the same index (keys, uniqueness, sparseness).
    func sameIndex(as other: IndexDefinition) -> Bool {
        parts == other.parts && unique == other.unique && sparse == other.sparse
    }

    /// MongoDB's default name: `col_1_other_-1`.
    static func defaultName(_ parts: [Part]) -> String {
        parts.map { "\($0.columns.joined(separator: "."))_\($0.descending ? -1 : 1)" }.joined(separator: "_")
    }

    /// The keys `row` has in this index (several for array values, as a multikey index);
    /// nil when a sparse index leaves the row out. Missing values are keyed as null.
    func keys(for row: Row) -> Set<[CanonicalValue]>? {
        if sparse, parts.allSatisfy({ DocumentPath.expressionValue(row, $0.columns) == nil }) { return nil }
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
                           model: model.name, field: fieldNames.joined(separator: ", "))
    }
}

/// The indexes a model declares, named as MongoDB names them.
enum DeclaredIndexes {
    static let primaryKeyIndexName = "_id_"

    /// `_id_`; `<column>_1` per unique or `dbIndex` field (sparse when nullable and unique);
    /// `Meta.indexes`; `uniqueTogether`. Later namesakes of an earlier index are dropped.
    static func indexes(of model: ModelDescriptor) -> [IndexDefinition] {
        var result: [IndexDefinition] = [
            IndexDefinition(name: primaryKeyIndexName, parts: [.init(columns: ["_id"], descending: false)],
                            unique: true, sparse: false, fieldNames: [model.primaryKey?.name ?? "id"]),
        ]
        for field in model.fields where !field.primaryKey && (field.unique || field.dbIndex) {
            let parts = [IndexDefinition.Part(columns: [field.column], descending: false)]
            result.append(IndexDefinition(name: IndexDefinition.defaultName(parts), parts: parts, unique: field.unique,
                                          sparse: field.unique && field.null, fieldNames: [field.name]))
        }
        for index in model.indexes {
            let names = index.fields.map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }
            let parts = zip(index.fields, names).map { IndexDefinition.Part(columns: columns(of: $1, in: model), descending: $0.hasPrefix("-")) }
            result.append(IndexDefinition(name: index.name ?? IndexDefinition.defaultName(parts), parts: parts, unique: index.unique,
                                          sparse: index.unique && anyNullable(names, in: model), fieldNames: names))
        }
        for names in model.uniqueTogether {
            let parts = names.map { IndexDefinition.Part(columns: columns(of: $0, in: model), descending: false) }
            result.append(IndexDefinition(name: IndexDefinition.defaultName(parts), parts: parts, unique: true,
                                          sparse: anyNullable(names, in: model), fieldNames: names))
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0.name).inserted }
    }

    /// The storage path of a field name (`address__city` through embedded models).
    private static func columns(of name: String, in model: ModelDescriptor) -> [String] {
        var columns: [String] = []
        var descriptor: ModelDescriptor? = model
        for part in name.components(separatedBy: "__") {
            guard let field = descriptor?.field(named: part) else {
                columns.append(part)
                descriptor = nil
                continue
            }
            columns.append(field.column)
            switch field.type {
            case .embedded(let embedded): descriptor = embedded
            case .list(.embedded(let embedded)), .set(.embedded(let embedded)): descriptor = embedded
            default: descriptor = nil
            }
        }
        return columns
    }

    private static func anyNullable(_ names: [String], in model: ModelDescriptor) -> Bool {
        names.contains { model.field(named: $0.components(separatedBy: "__")[0])?.null ?? true }
    }
}
