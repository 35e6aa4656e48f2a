import CMongoC
import NonrelBSON

extension MongoError {
    /// Classifies a libmongoc error (error API version 2) and the server reply that came with it.
    init(_ error: bson_error_t, reply: BSONDocument?, context: String) {
        let domain = error.domain
        let code = Int(error.code)
        let text = CBSON.message(of: error)
        var labels: [String] = []
        if case .array(let values)? = reply?["errorLabels"] {
            labels = values.compactMap(\.stringValue)
        }
        let firstWriteError = reply?["writeErrors"]?.arrayValue?.first?.documentValue
        let codeName = reply?["codeName"]?.stringValue ?? firstWriteError?["codeName"]?.stringValue

        let kind: Kind
        var message = "\(context): \(text)"
        var serverCode: Int?
        var duplicate: DuplicateKey?
        switch domain {
        case UInt32(MONGOC_ERROR_SERVER.rawValue), UInt32(MONGOC_ERROR_QUERY.rawValue):
            serverCode = code
            switch code {
            case 11000, 11001, 12582:
                kind = .duplicateKey
                duplicate = DuplicateKey(
                    index: Self.indexName(inDuplicateKeyMessage: text),
                    key: firstWriteError?["keyValue"]?.documentValue)
                message = "\(context): duplicate key"
                if let index = duplicate?.index { message += " on unique index \"\(index)\"" }
                if let key = duplicate?.key { message += " for \(key.compactDescription)" }
                message += ". A document with this value already exists; change the value or update the existing document. (\(text))"
            case 18: kind = .authentication
            case 50, 262: kind = .timeout
            case 10334, 17419, 17420, 2: kind = text.contains("too large") ? .documentTooLarge : .server
            default: kind = .server
            }
        case UInt32(MONGOC_ERROR_WRITE_CONCERN.rawValue):
            kind = .writeConcern
            serverCode = code
        case UInt32(MONGOC_ERROR_SERVER_SELECTION.rawValue):
            kind = .serverSelection
            message += ". Check that the server is running and reachable at the URI's hosts; the client retries on the next operation."
        case UInt32(MONGOC_ERROR_STREAM.rawValue):
            // "socket error or timeout" is what libmongoc says when the peer goes away: a
            // connection failure. Only an explicit "timed out" is a timeout.
            kind = text.localizedCaseInsensitiveContains("timed out") ? .timeout : .connection
            message += ". The connection to the server failed; the client reconnects on the next operation."
        case UInt32(MONGOC_ERROR_CLIENT.rawValue):
            switch code {
            case Int(MONGOC_ERROR_CLIENT_AUTHENTICATE.rawValue): kind = .authentication
            case Int(MONGOC_ERROR_CLIENT_TOO_BIG.rawValue): kind = .documentTooLarge
            default: kind = .internal
            }
        case UInt32(MONGOC_ERROR_SASL.rawValue), UInt32(MONGOC_ERROR_SCRAM.rawValue):
            kind = .authentication
        case UInt32(MONGOC_ERROR_COMMAND.rawValue), UInt32(MONGOC_ERROR_COLLECTION.rawValue):
            kind = text.contains("too large") ? .documentTooLarge : .invalidArgument
        case UInt32(MONGOC_ERROR_BSON.rawValue):
            kind = .bson
        case UInt32(MONGOC_ERROR_TRANSACTION.rawValue):
            kind = .transaction
        case UInt32(MONGOC_ERROR_CURSOR.rawValue):
            kind = .invalidArgument
        case UInt32(MONGOC_ERROR_PROTOCOL.rawValue):
            kind = .connection
        default:
            kind = .internal
        }
        self.init(kind, message, code: serverCode, codeName: codeName, labels: labels,
                  duplicateKey: duplicate, reply: reply)
    }

    /// The index name in a server message like `... index: email_1 dup key: { ... }`.
    static func indexName(inDuplicateKeyMessage text: String) -> String? {
        guard let range = text.range(of: "index: ") else { return nil }
        let rest = text[range.upperBound...]
        let name = rest.prefix { $0 != " " }
        return name.isEmpty ? nil : String(name)
    }
}

extension BSONDocument {
    /// A short `{key: value, ...}` rendering for error messages.
    var compactDescription: String {
        "{" + elements.map { "\($0.key): \($0.value.compactDescription)" }.joined(separator: ", ") + "}"
    }
}

extension BSONValue {
    var compactDescription: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .int32(let v): "\(v)"
        case .int64(let v): "\(v)"
        case .double(let v): "\(v)"
        case .bool(let v): "\(v)"
        case .null: "null"
        case .objectId(let id): "ObjectId(\"\(id.hex)\")"
        case .document(let d): d.compactDescription
        case .array(let a): "[" + a.map(\.compactDescription).joined(separator: ", ") + "]"
        default: "\(self)"
        }
    }
}
