import Nonrel
import NonrelBSON
import NonrelDriver

/// Turns driver errors into `NonrelError`s, so that no `MongoError` reaches ORM callers.
enum MongoErrorMapping {
    static func map(_ error: MongoError, model: ModelDescriptor, operation: String, servers: String) -> NonrelError {
        switch error.kind {
        case .duplicateKey:
            return duplicateKey(error, model: model)
        case .serverSelection, .connection, .timeout:
            return NonrelError(.database, "\(operation) on \(model.name) failed: MongoDB at \(servers) could not be reached (\(error.message)). Check that the server is running and that the URI in DATABASES (or NONREL_MONGO_URI) points to it", model: model.name, underlying: error)
        case .authentication:
            return NonrelError(.database, "\(operation) on \(model.name) failed: MongoDB at \(servers) rejected the credentials (\(error.message)). Check USER, PASSWORD and authSource in DATABASES", model: model.name, underlying: error)
        case .invalidArgument, .documentTooLarge, .bson:
            return NonrelError(.invalidValue, "\(operation) on \(model.name) failed: \(error.message)", model: model.name, underlying: error)
        case .invalidURI:
            return NonrelError(.improperlyConfigured, error.message, model: model.name, underlying: error)
        default:
            return NonrelError(.database, "\(operation) on \(model.name) failed: \(error.message)", model: model.name, underlying: error)
        }
    }

    /// `duplicate key: Post with slug "hello" already exists (unique index slug_1)`.
    static func duplicateKey(_ error: MongoError, model: ModelDescriptor) -> NonrelError {
        let indexName = error.duplicateKey?.index ?? indexName(in: error.message)
        let plan = try? MongoIndexPlan(model)
        let declared = indexName.flatMap { plan?.index(named: $0) }
        var fields = declared?.fields ?? []
        var parts: [String] = []
        if let key = error.duplicateKey?.key, !key.isEmpty {
            for (offset, element) in key.elements.enumerated() {
                let column = element.key.isEmpty ? (declared?.model.keys.elements[safe: offset]?.key ?? "") : element.key
                let field = model.field(column: column)
                let name = field?.name ?? (offset < fields.count ? fields[offset] : column)
                if offset >= fields.count { fields.append(name) }
                parts.append("\(name) \(ValueMapping.value(element.value, as: field?.type ?? .json))")
            }
        } else {
            parts = fields
        }
        let subject = parts.isEmpty ? "" : " with " + parts.joined(separator: " and ")
        let index = indexName.map { " (unique index \($0))" } ?? ""
        return NonrelError(.integrity, "duplicate key: \(model.name)\(subject) already exists\(index)", model: model.name, field: fields.first, underlying: error)
    }

    /// The index name in a server message (`... index: slug_1 dup key: ...`).
    private static func indexName(in message: String) -> String? {
        guard let range = message.range(of: "index: ") else { return nil }
        let rest = message[range.upperBound...]
        let name = rest.prefix { !$0.isWhitespace }
        return name.isEmpty ? nil : String(name)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
