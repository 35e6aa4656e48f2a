import Nonrel
import NonrelDriver

// Escape hatches for what the ORM does not express: a raw MongoDB filter that still returns
// models, and a raw aggregation pipeline that returns documents. They run on the model's
// MongoDB database (an error names the alias when it is not a MongoDB one).

extension Manager {
    /// Models matching a raw MongoDB filter, as Django's `raw()`:
    /// `try await Post.objects.raw(["$where": ...])` is refused by the server, but
    /// `raw(["views": ["$mod": [2, 0]]], sort: ["views": -1])` works. Keys are ObjectIds here.
    public func raw(_ filter: BSONDocument, sort: BSONDocument? = nil, limit: Int? = nil, using alias: String? = nil) async throws -> [M] {
        let backend = try MongoBackend.backend(for: M.descriptor, alias: alias)
        let documents = try await backend.run("raw query", M.descriptor) { () async throws(MongoError) in
            try await backend.collection(M.descriptor).find(filter, options: FindOptions(sort: sort, limit: limit)).toArray()
        }
        var models: [M] = []
        for document in documents {
            models.append(try M(storedRow: ValueMapping.row(document, model: M.descriptor)))
        }
        return models
    }

    /// Runs a raw aggregation pipeline on the model's collection and returns its documents.
    public func rawAggregate(_ pipeline: [BSONDocument], using alias: String? = nil) async throws -> [BSONDocument] {
        let backend = try MongoBackend.backend(for: M.descriptor, alias: alias)
        return try await backend.run("raw aggregation", M.descriptor) { () async throws(MongoError) in
            try await backend.collection(M.descriptor).aggregate(pipeline).toArray()
        }
    }
}

extension MongoBackend {
    /// The MongoDB backend of `alias` (or the model's routed database).
    static func backend(for model: ModelDescriptor, alias: String?) throws -> MongoBackend {
        let name = alias ?? Databases.aliasForRead(model)
        guard let backend = try Databases.backend(name) as? MongoBackend else {
            throw NonrelError(.unsupported, "raw MongoDB queries need a MongoDB database, and \"\(name)\" is not one; use the QuerySet API, which runs on every backend", model: model.name)
        }
        return backend
    }
}
