import Nonrel
import NonrelBSON
import NonrelDriver

/// The indexes a model declares, as MongoDB index models, and how they compare with those a
/// collection has.
///
/// - a `unique` or `dbIndex` field: `<column>_1`, unique as declared, sparse when the field is
///   unique and nullable (nil fields are not stored, so any number of nils may coexist);
/// - `Meta.indexes`: the given name, or `<col>_1_<col2>_-1`;
/// - `uniqueTogether`: a compound unique index. Compound unique indexes over nullable fields
///   only cover documents where those fields are present (a partial filter), as SQL lets rows
///   whose unique columns hold NULL repeat.
struct MongoIndexPlan {
    /// One declared index and the fields it covers (for error messages).
    struct Declared {
        var model: IndexModel
        var fields: [String]
    }

    let declared: [Declared]

    init(_ model: ModelDescriptor) throws(NonrelError) {
        var declared: [Declared] = []
        func add(_ index: IndexModel, _ fields: [String]) {
            if !declared.contains(where: { $0.model.resolvedName == index.resolvedName }) {
                declared.append(Declared(model: index, fields: fields))
            }
        }
        for field in model.fields where !field.primaryKey && (field.unique || field.dbIndex) {
            add(IndexModel(keys: [field.column: 1], unique: field.unique ? true : nil,
                           sparse: field.unique && field.null ? true : nil), [field.name])
        }
        for index in model.indexes {
            var keys = BSONDocument()
            var fields: [FieldDescriptor] = []
            for name in index.fields {
                let descending = name.hasPrefix("-")
                let field = try Self.field(descending ? String(name.dropFirst()) : name, of: model)
                keys[field.column] = descending ? -1 : 1
                fields.append(field)
            }
            add(Self.compound(keys: keys, name: index.name, unique: index.unique, fields: fields), fields.map(\.name))
        }
        for names in model.uniqueTogether {
            var keys = BSONDocument()
            var fields: [FieldDescriptor] = []
            for name in names {
                let field = try Self.field(name, of: model)
                keys[field.column] = 1
                fields.append(field)
            }
            add(Self.compound(keys: keys, name: nil, unique: true, fields: fields), fields.map(\.name))
        }
        self.declared = declared
    }

    private static func compound(keys: BSONDocument, name: String?, unique: Bool, fields: [FieldDescriptor]) -> IndexModel {
        guard unique else { return IndexModel(keys: keys, name: name) }
        let nullable = fields.filter(\.null)
        if fields.count == 1, nullable.count == 1 {
            return IndexModel(keys: keys, name: name, unique: true, sparse: true)
        }
        guard !nullable.isEmpty else { return IndexModel(keys: keys, name: name, unique: true) }
        var partial = BSONDocument()
        for field in nullable { partial[field.column] = ["$exists": true] }
        return IndexModel(keys: keys, name: name, unique: true, partialFilterExpression: partial)
    }

    private static func field(_ name: String, of model: ModelDescriptor) throws(NonrelError) -> FieldDescriptor {
        guard let field = model.field(named: name) else {
            throw NonrelError(.fieldDoesNotExist, "\(model.name) declares an index on \"\(name)\", which is not a field (fields: \(model.fields.map(\.name).joined(separator: ", ")))", model: model.name, field: name)
        }
        return field
    }

    /// The declared index called `name`.
    func index(named name: String) -> Declared? {
        declared.first { $0.model.resolvedName == name }
    }

    /// Whether an index the server lists matches a declared one (keys, uniqueness, sparseness).
    static func matches(_ existing: BSONDocument, _ declared: IndexModel) -> Bool {
        guard let keys = existing["key"]?.documentValue else { return false }
        let sameKeys = keys.count == declared.keys.count
            && zip(keys.elements, declared.keys.elements).allSatisfy { $0.key == $1.key && direction($0.value) == direction($1.value) }
        return sameKeys
            && flag(existing["unique"]) == (declared.unique ?? false)
            && flag(existing["sparse"]) == (declared.sparse ?? false)
            && (existing["partialFilterExpression"] != nil) == (declared.partialFilterExpression != nil)
    }

    private static func direction(_ value: BSONValue) -> String {
        if let number = value.intValue { return String(number) }
        if let number = value.numericDoubleValue { return String(Int(number)) }
        return value.stringValue ?? "\(value)"
    }

    private static func flag(_ value: BSONValue?) -> Bool {
        switch value {
        case .bool(let b)?: b
        case let v?: (v.intValue ?? 0) != 0
        case nil: false
        }
    }
}
