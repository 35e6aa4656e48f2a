import NonrelBSON

/// Checks of stored documents' field names, made before anything is sent so that the error
/// names the offending field and says what to do.
enum FieldNameValidation {
    /// Rejects top-level and nested field names that begin with `$` or contain `.`: the server
    /// would read them as operators or paths (MongoDB 5+ stores some of them, but they cannot be
    /// queried reliably), so user data with such keys is refused with a clear error instead of
    /// being misinterpreted. DBRef fields (`$ref`, `$id`, `$db`) are allowed.
    static func validateStorable(_ document: BSONDocument, operation: String) throws(MongoError) {
        // The walk compares bytes and builds the dotted path only for the error message.
        if let path = firstInvalidPath(in: document) {
            let key = path.last ?? ""
            let fullPath = path.joined(separator: ".")
            if key.utf8.first == UInt8(ascii: "$") {
                throw MongoError(.invalidArgument, "\(operation): field name \"\(fullPath)\" starts with \"$\", which MongoDB reserves for operators. Rename the key (for example replace \"$\" with \"＄\" or \"_\") or store such maps as an array of {key, value} documents")
            }
            throw MongoError(.invalidArgument, "\(operation): field name \"\(fullPath)\" contains \".\", which MongoDB reads as a path into sub-documents. Rename the key or store such maps as an array of {key, value} documents")
        }
    }

    /// The path (keys and array indexes) to the first invalid field name, or nil.
    private static func firstInvalidPath(in document: BSONDocument) -> [String]? {
        for element in document.elements {
            if !isStorable(element.key) { return [element.key] }
            if let rest = firstInvalidPath(in: element.value) { return [element.key] + rest }
        }
        return nil
    }

    private static func firstInvalidPath(in value: BSONValue) -> [String]? {
        switch value {
        case .document(let nested):
            return firstInvalidPath(in: nested)
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let rest = firstInvalidPath(in: item) { return [String(index)] + rest }
            }
            return nil
        default:
            return nil
        }
    }

    private static func isStorable(_ key: String) -> Bool {
        let utf8 = key.utf8
        if utf8.first == UInt8(ascii: "$") {
            return key == "$ref" || key == "$id" || key == "$db"
        }
        return !utf8.contains(UInt8(ascii: "."))
    }
}
