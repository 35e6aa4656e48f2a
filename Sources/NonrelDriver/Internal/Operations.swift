import CMongoC
import NonrelBSON

/// Small shared steps of every operation.
enum Operations {
    /// An options document for libmongoc, with the session's id appended when there is one.
    static func options(_ options: BSONDocument, session: OpaquePointer?) throws(MongoError) -> OwnedBSON {
        let owned = options.isEmpty ? OwnedBSON() : try OwnedBSON(options)
        if let session {
            var error = bson_error_t()
            guard mongoc_client_session_append(session, owned.pointer, &error) else {
                throw MongoError(error, reply: nil, context: "cannot attach the session to the operation")
            }
        }
        return owned
    }

    /// Throws the libmongoc error unless `ok`.
    static func check(_ ok: Bool, _ error: bson_error_t, _ reply: BSONDocument?, _ context: @autoclosure () -> String) throws(MongoError) {
        guard ok else { throw MongoError(error, reply: reply, context: context()) }
    }
}

extension BSONDocument {
    /// Sets `key` only when `value` is not nil.
    mutating func setIfPresent(_ key: String, _ value: BSONValue?) {
        if let value { self[key] = value }
    }
}
