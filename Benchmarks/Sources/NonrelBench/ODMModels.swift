import Foundation
import Nonrel
import NonrelDriver

/// A document of the ODM benchmark's data files, read with typed accessors (the files are plain
/// JSON; `image_field` is extended JSON `$binary`).
struct SourceDocument {
    let document: BSONDocument

    init(_ document: BSONDocument) { self.document = document }

    func string(_ key: String) throws -> String {
        guard case .string(let v)? = document[key] else { throw BenchError("data: \(key) is not a string") }
        return v
    }

    func int(_ key: String) throws -> Int {
        switch document[key] {
        case .int32(let v)?: return Int(v)
        case .int64(let v)?: return Int(v)
        default: throw BenchError("data: \(key) is not an integer")
        }
    }

    func binary(_ key: String) throws -> Data {
        guard case .binary(let v)? = document[key] else { throw BenchError("data: \(key) is not binary") }
        return Data(v.bytes)
    }

    func document(_ key: String) throws -> SourceDocument {
        guard case .document(let v)? = document[key] else { throw BenchError("data: \(key) is not a document") }
        return SourceDocument(v)
    }

    func documents(_ key: String) throws -> [SourceDocument] {
        guard case .array(let items)? = document[key] else { throw BenchError("data: \(key) is not an array") }
        return try items.map { item in
            guard case .document(let v) = item else { throw BenchError("data: \(key) holds a non-document") }
            return SourceDocument(v)
        }
    }
}

// MARK: - Flat models (odm-benchmark/flat-models/small_doc.json)

/// The small flat model: seven strings and six integers, typed, `field1` indexed (as the spec's).
struct SmallFlatModel: Model {
    var id: String?
    var field1: String
    var field2: String
    var field3: String
    var field4: String
    var field5: String
    var field6: String
    var field7: String
    var field8: Int
    var field9: Int
    var field10: Int
    var field11: Int
    var field12: Int
    var field13: Int

    static let schema = Schema<SmallFlatModel>("odm_small_flat") {
        Field("field1", \.field1, maxLength: 100, dbIndex: true)
        Field("field2", \.field2, maxLength: 100)
        Field("field3", \.field3, maxLength: 100)
        Field("field4", \.field4, maxLength: 100)
        Field("field5", \.field5, maxLength: 100)
        Field("field6", \.field6, maxLength: 100)
        Field("field7", \.field7, maxLength: 100)
        Field("field8", \.field8)
        Field("field9", \.field9)
        Field("field10", \.field10)
        Field("field11", \.field11)
        Field("field12", \.field12)
        Field("field13", \.field13)
    }
}

extension SmallFlatModel {
    init(_ d: SourceDocument) throws {
        self.init(field1: try d.string("field1"), field2: try d.string("field2"), field3: try d.string("field3"),
                  field4: try d.string("field4"), field5: try d.string("field5"), field6: try d.string("field6"),
                  field7: try d.string("field7"), field8: try d.int("field8"), field9: try d.int("field9"),
                  field10: try d.int("field10"), field11: try d.int("field11"), field12: try d.int("field12"),
                  field13: try d.int("field13"))
    }
}

/// The target of the small model's foreign key.
struct ForeignKeyModel: Model {
    var id: String?
    var name: String
    static let schema = Schema<ForeignKeyModel>("odm_fk_target") {
        Field("name", \.name, maxLength: 100)
    }
}

/// The small flat model with a foreign key (indexed, as Django indexes foreign keys).
struct SmallFlatModelFk: Model {
    var id: String?
    var field1: String
    var field2: String
    var field3: String
    var field4: String
    var field5: String
    var field6: String
    var field7: String
    var field8: Int
    var field9: Int
    var field10: Int
    var field11: Int
    var field12: Int
    var field13: Int
    var field_fk: ForeignKey<ForeignKeyModel>

    static let schema = Schema<SmallFlatModelFk>("odm_small_flat_fk") {
        Field("field1", \.field1, maxLength: 100)
        Field("field2", \.field2, maxLength: 100)
        Field("field3", \.field3, maxLength: 100)
        Field("field4", \.field4, maxLength: 100)
        Field("field5", \.field5, maxLength: 100)
        Field("field6", \.field6, maxLength: 100)
        Field("field7", \.field7, maxLength: 100)
        Field("field8", \.field8)
        Field("field9", \.field9)
        Field("field10", \.field10)
        Field("field11", \.field11)
        Field("field12", \.field12)
        Field("field13", \.field13)
        Field("field_fk", \.field_fk, dbIndex: true)
    }

    init(_ s: SmallFlatModel, fk: ForeignKey<ForeignKeyModel>) {
        field1 = s.field1; field2 = s.field2; field3 = s.field3; field4 = s.field4; field5 = s.field5
        field6 = s.field6; field7 = s.field7; field8 = s.field8; field9 = s.field9; field10 = s.field10
        field11 = s.field11; field12 = s.field12; field13 = s.field13; field_fk = fk
    }
}

// MARK: - Nested models (odm-benchmark/nested-models/large_doc_nested.json)

/// fifteen strings and a `unique_id` (a new ObjectId's hex string per embedded object: Nonrel
/// stores ObjectIds only for primary and foreign keys, so the C floor stores the same string).
struct StringEmbeddedModel: EmbeddedModel {
    var field1: String, field2: String, field3: String, field4: String, field5: String
    var field6: String, field7: String, field8: String, field9: String, field10: String
    var field11: String, field12: String, field13: String, field14: String, field15: String
    var unique_id: String

    static let schema = Schema<StringEmbeddedModel>(embedded: ()) {
        Field("field1", \.field1); Field("field2", \.field2); Field("field3", \.field3)
        Field("field4", \.field4); Field("field5", \.field5); Field("field6", \.field6)
        Field("field7", \.field7); Field("field8", \.field8); Field("field9", \.field9)
        Field("field10", \.field10); Field("field11", \.field11); Field("field12", \.field12)
        Field("field13", \.field13); Field("field14", \.field14); Field("field15", \.field15)
        Field("unique_id", \.unique_id)
    }

    init(_ d: SourceDocument) throws {
        field1 = try d.string("field1"); field2 = try d.string("field2"); field3 = try d.string("field3")
        field4 = try d.string("field4"); field5 = try d.string("field5"); field6 = try d.string("field6")
        field7 = try d.string("field7"); field8 = try d.string("field8"); field9 = try d.string("field9")
        field10 = try d.string("field10"); field11 = try d.string("field11"); field12 = try d.string("field12")
        field13 = try d.string("field13"); field14 = try d.string("field14"); field15 = try d.string("field15")
        unique_id = ObjectId().hex
    }
}

/// fifteen integers and a `unique_id`.
struct IntegerEmbeddedModel: EmbeddedModel {
    var field1: Int, field2: Int, field3: Int, field4: Int, field5: Int
    var field6: Int, field7: Int, field8: Int, field9: Int, field10: Int
    var field11: Int, field12: Int, field13: Int, field14: Int, field15: Int
    var unique_id: String

    static let schema = Schema<IntegerEmbeddedModel>(embedded: ()) {
        Field("field1", \.field1); Field("field2", \.field2); Field("field3", \.field3)
        Field("field4", \.field4); Field("field5", \.field5); Field("field6", \.field6)
        Field("field7", \.field7); Field("field8", \.field8); Field("field9", \.field9)
        Field("field10", \.field10); Field("field11", \.field11); Field("field12", \.field12)
        Field("field13", \.field13); Field("field14", \.field14); Field("field15", \.field15)
        Field("unique_id", \.unique_id)
    }

    init(_ d: SourceDocument) throws {
        field1 = try d.int("field1"); field2 = try d.int("field2"); field3 = try d.int("field3")
        field4 = try d.int("field4"); field5 = try d.int("field5"); field6 = try d.int("field6")
        field7 = try d.int("field7"); field8 = try d.int("field8"); field9 = try d.int("field9")
        field10 = try d.int("field10"); field11 = try d.int("field11"); field12 = try d.int("field12")
        field13 = try d.int("field13"); field14 = try d.int("field14"); field15 = try d.int("field15")
        unique_id = ObjectId().hex
    }
}

/// The large nested model: five string sub-documents, an array of them, seven integer ones.
struct LargeNestedModel: Model {
    var id: String?
    var embedded_str_doc_1: StringEmbeddedModel
    var embedded_str_doc_2: StringEmbeddedModel
    var embedded_str_doc_3: StringEmbeddedModel
    var embedded_str_doc_4: StringEmbeddedModel
    var embedded_str_doc_5: StringEmbeddedModel
    var embedded_str_doc_array: [StringEmbeddedModel]
    var embedded_int_doc_8: IntegerEmbeddedModel
    var embedded_int_doc_9: IntegerEmbeddedModel
    var embedded_int_doc_10: IntegerEmbeddedModel
    var embedded_int_doc_11: IntegerEmbeddedModel
    var embedded_int_doc_12: IntegerEmbeddedModel
    var embedded_int_doc_13: IntegerEmbeddedModel
    var embedded_int_doc_14: IntegerEmbeddedModel

    static let schema = Schema<LargeNestedModel>("odm_large_nested") {
        Field("embedded_str_doc_1", \.embedded_str_doc_1)
        Field("embedded_str_doc_2", \.embedded_str_doc_2)
        Field("embedded_str_doc_3", \.embedded_str_doc_3)
        Field("embedded_str_doc_4", \.embedded_str_doc_4)
        Field("embedded_str_doc_5", \.embedded_str_doc_5)
        Field("embedded_str_doc_array", \.embedded_str_doc_array)
        Field("embedded_int_doc_8", \.embedded_int_doc_8)
        Field("embedded_int_doc_9", \.embedded_int_doc_9)
        Field("embedded_int_doc_10", \.embedded_int_doc_10)
        Field("embedded_int_doc_11", \.embedded_int_doc_11)
        Field("embedded_int_doc_12", \.embedded_int_doc_12)
        Field("embedded_int_doc_13", \.embedded_int_doc_13)
        Field("embedded_int_doc_14", \.embedded_int_doc_14)
    }

    /// A new model from the data file's document, with new `unique_id`s (as the spec's create).
    init(_ d: SourceDocument) throws {
        embedded_str_doc_1 = try StringEmbeddedModel(d.document("embedded_str_doc_1"))
        embedded_str_doc_2 = try StringEmbeddedModel(d.document("embedded_str_doc_2"))
        embedded_str_doc_3 = try StringEmbeddedModel(d.document("embedded_str_doc_3"))
        embedded_str_doc_4 = try StringEmbeddedModel(d.document("embedded_str_doc_4"))
        embedded_str_doc_5 = try StringEmbeddedModel(d.document("embedded_str_doc_5"))
        embedded_str_doc_array = try d.documents("embedded_str_doc_array").map(StringEmbeddedModel.init)
        embedded_int_doc_8 = try IntegerEmbeddedModel(d.document("embedded_int_doc_8"))
        embedded_int_doc_9 = try IntegerEmbeddedModel(d.document("embedded_int_doc_9"))
        embedded_int_doc_10 = try IntegerEmbeddedModel(d.document("embedded_int_doc_10"))
        embedded_int_doc_11 = try IntegerEmbeddedModel(d.document("embedded_int_doc_11"))
        embedded_int_doc_12 = try IntegerEmbeddedModel(d.document("embedded_int_doc_12"))
        embedded_int_doc_13 = try IntegerEmbeddedModel(d.document("embedded_int_doc_13"))
        embedded_int_doc_14 = try IntegerEmbeddedModel(d.document("embedded_int_doc_14"))
    }
}

// MARK: - Indexer rows

struct BenchAuthor: Model {
    var id: String?
    var username: String
    static let schema = Schema<BenchAuthor>("idx_authors") {
        Field("username", \.username, maxLength: 30, unique: true)
    }
}

struct BenchPost: Model {
    var id: String?
    var title: String
    var author: ForeignKey<BenchAuthor>
    var created: Date
    var views: Int
    static let schema = Schema<BenchPost>("idx_posts") {
        Field("title", \.title, maxLength: 200)
        Field("author", \.author, dbIndex: true, relatedName: "posts")
        Field("created", \.created)
        Field("views", \.views)
    }
}
