import Foundation
import Nonrel
import NonrelDriver
import NonrelMongo

/// MongoDB's ODM benchmark tasks with Nonrel's ORM, against the database `odmbench` (alias
/// `default`). Each task's C floor (`nonrel-c-bench`) sends the same commands with libmongoc:
/// see Benchmarks/README.md.
struct ODMTasks {
    let options: Options
    let client: MongoClient
    let database: MongoDatabase
    let odmData: URL
    let reporter: Reporter

    static let databaseName = "odmbench"

    init(options: Options, client: MongoClient, odmData: URL, reporter: Reporter) {
        self.options = options
        self.client = client
        database = client.database(Self.databaseName)
        self.odmData = odmData
        self.reporter = reporter
        Databases.register(alias: "default", backend: MongoBackend(client: client, database: Self.databaseName))
    }

    /// Drops the model's collection and creates its declared indexes again (untimed).
    func reset<M: Model>(_ model: M.Type) async throws {
        try await database.collection(M.descriptor.collection).drop()
        _ = try await M.objects.ensureIndexes()
    }

    func index(_ model: (some Model).Type, _ key: String) async throws {
        _ = try await database.collection(model.descriptor.collection).createIndex(IndexModel(keys: [key: .int32(1)]))
    }

    /// BSON size of `{"field1": "updated_value0"}`, the spec's unit for the update tasks.
    static let updateBytes = 5 + 1 + 7 + 4 + 15

    func runAll() async throws {
        let n = options.odmN, largeN = options.odmLargeN
        let iterations = options.iterations(bson: false), warmup = options.warmup

        let wantsSmall = ["odm_small_create", "odm_small_update", "odm_small_find_by_id", "odm_small_find_fk"].contains(where: options.wants)
        if wantsSmall {
            let smallDoc = try loadDocument(odmData, "flat-models/small_doc.json")
            let smallBytes = try smallDoc.bsonBytes().count
            let small = try SmallFlatModel(SourceDocument(smallDoc))

            if options.wants("odm_small_create") {
                reporter.add(try await measure("odm_small_create", ops: n, docBytes: smallBytes, iterations: iterations, warmup: warmup,
                                               setup: { try await reset(SmallFlatModel.self) }) {
                    for _ in 0..<n { blackHole(try await SmallFlatModel.objects.create(small)) }
                })
            }
            if options.wants("odm_small_update") {
                try await reset(SmallFlatModel.self)
                var models = try await SmallFlatModel.objects.bulkCreate(Array(repeating: small, count: n))
                var iteration = 0
                reporter.add(try await measure("odm_small_update", ops: n, docBytes: Self.updateBytes, iterations: iterations, warmup: warmup) {
                    let value = "updated_value\(iteration)"
                    for i in models.indices {
                        models[i].field1 = value
                        try await models[i].save()
                    }
                    iteration += 1
                })
            }
            if options.wants("odm_small_find_by_id") {
                try await reset(SmallFlatModel.self)
                let ids = try await SmallFlatModel.objects.bulkCreate(Array(repeating: small, count: n)).map { $0.id! }
                reporter.add(try await measure("odm_small_find_by_id", ops: n, docBytes: smallBytes, iterations: iterations, warmup: warmup) {
                    for id in ids {
                        let found = try await SmallFlatModel.objects.filter("id", id).fetch()
                        guard found.count == 1 else { throw BenchError("odm_small_find_by_id: \(found.count) objects for \(id)") }
                        blackHole(found)
                    }
                })
            }
            if options.wants("odm_small_find_fk") {
                try await reset(ForeignKeyModel.self)
                try await reset(SmallFlatModelFk.self)
                let targets = try await ForeignKeyModel.objects.bulkCreate(Array(repeating: ForeignKeyModel(name: "foreign_key_name"), count: n))
                let fkModels = try targets.map { SmallFlatModelFk(small, fk: try ForeignKey($0)) }
                _ = try await SmallFlatModelFk.objects.bulkCreate(fkModels)
                let keys = targets.map { $0.id! }
                reporter.add(try await measure("odm_small_find_fk", ops: n, docBytes: smallBytes, iterations: iterations, warmup: warmup) {
                    for key in keys {
                        let found = try await SmallFlatModelFk.objects.filter("field_fk__id", key).fetch()
                        guard found.count == 1 else { throw BenchError("odm_small_find_fk: \(found.count) objects for \(key)") }
                        blackHole(found)
                    }
                })
            }
            try await database.collection(SmallFlatModel.descriptor.collection).drop()
            try await database.collection(SmallFlatModelFk.descriptor.collection).drop()
            try await database.collection(ForeignKeyModel.descriptor.collection).drop()
        }

        if options.wants("odm_large_create") || options.wants("odm_large_update") {
            let largeDoc = try loadDocument(odmData, "flat-models/large_doc.json")
            let largeBytes = try largeDoc.bsonBytes().count
            let large = try LargeFlatModel(SourceDocument(largeDoc))
            if options.wants("odm_large_create") {
                reporter.add(try await measure("odm_large_create", ops: largeN, docBytes: largeBytes, iterations: iterations, warmup: warmup,
                                               setup: { try await reset(LargeFlatModel.self) }) {
                    for _ in 0..<largeN { blackHole(try await LargeFlatModel.objects.create(large)) }
                })
            }
            if options.wants("odm_large_update") {
                try await reset(LargeFlatModel.self)
                for _ in 0..<largeN { try await LargeFlatModel.objects.create(large) }
                var models = try await LargeFlatModel.objects.fetch()
                var iteration = 0
                reporter.add(try await measure("odm_large_update", ops: largeN, docBytes: Self.updateBytes, iterations: iterations, warmup: warmup) {
                    let value = "updated_value\(iteration)"
                    for i in models.indices {
                        models[i].field1 = value
                        try await models[i].save()
                    }
                    iteration += 1
                })
            }
            try await database.collection(LargeFlatModel.descriptor.collection).drop()
        }

        let nestedTasks = ["odm_nested_create", "odm_nested_update", "odm_nested_find_field", "odm_nested_find_array"]
        if nestedTasks.contains(where: options.wants) {
            let nestedDoc = SourceDocument(try loadDocument(odmData, "nested-models/large_doc_nested.json"))
            let nestedBytes = try nestedDoc.document.bsonBytes().count
            let nestedN = options.odmNestedN
            /// The spec's create: a new model (new unique_ids) from the document, saved.
            func createNested() async throws {
                for _ in 0..<nestedN { blackHole(try await LargeNestedModel.objects.create(try LargeNestedModel(nestedDoc))) }
            }
            if options.wants("odm_nested_create") {
                reporter.add(try await measure("odm_nested_create", ops: nestedN, docBytes: nestedBytes, iterations: iterations, warmup: warmup,
                                               setup: { try await reset(LargeNestedModel.self) }) {
                    try await createNested()
                })
            }
            if nestedTasks.dropFirst().contains(where: options.wants) {
                try await reset(LargeNestedModel.self)
                try await index(LargeNestedModel.self, "embedded_str_doc_1.unique_id")
                try await index(LargeNestedModel.self, "embedded_str_doc_array.unique_id")
                try await createNested()
            }
            if options.wants("odm_nested_update") {
                var models = try await LargeNestedModel.objects.fetch()
                var iteration = 0
                reporter.add(try await measure("odm_nested_update", ops: models.count, docBytes: Self.updateBytes, iterations: iterations, warmup: warmup) {
                    let value = "updated_value\(iteration)"
                    for i in models.indices {
                        models[i].embedded_str_doc_1.field1 = value
                        try await models[i].save()
                    }
                    iteration += 1
                })
            }
            if options.wants("odm_nested_find_field") {
                let ids = try await LargeNestedModel.objects.fetch().map(\.embedded_str_doc_1.unique_id)
                reporter.add(try await measure("odm_nested_find_field", ops: ids.count, docBytes: nestedBytes, iterations: iterations, warmup: warmup) {
                    for id in ids {
                        let found = try await LargeNestedModel.objects.filter("embedded_str_doc_1__unique_id", id).fetch()
                        guard found.count == 1 else { throw BenchError("odm_nested_find_field: \(found.count) objects for \(id)") }
                        blackHole(found)
                    }
                })
            }
            if options.wants("odm_nested_find_array") {
                let ids = try await LargeNestedModel.objects.fetch().map { $0.embedded_str_doc_array[0].unique_id }
                reporter.add(try await measure("odm_nested_find_array", ops: ids.count, docBytes: nestedBytes, iterations: iterations, warmup: warmup) {
                    for id in ids {
                        let found = try await LargeNestedModel.objects.filter("embedded_str_doc_array__unique_id__in", [id]).fetch()
                        guard found.count == 1 else { throw BenchError("odm_nested_find_array: \(found.count) objects for \(id)") }
                        blackHole(found)
                    }
                })
            }
            try await database.collection(LargeNestedModel.descriptor.collection).drop()
        }
    }
}
