import NonrelBSON

/// Checks of stored documents' field names, made before anything is sent so that the error
/// names the offending field and says what to do.
enum FieldNameValidation {
    /// Rejects top-level and nested field names that begin with `$` or contain `.` or NUL: the
    /// server would read them as operators or paths (MongoDB 5+ stores some of them, but they
    /// cannot be queried reliably), so user data with such keys is refused with a clear error
    /// instead of being misinterpreted. DBRef fields (`$ref`, `$id`, `$db`) are allowed.
    static func validateStorable(_ document: BSONDocument, operation: String, path: String = "") throws(MongoError) {
        for (key, value) in document {
            let fullPath = path.isEmpty ? key : "\(path).\(key)"
            if key.hasPrefix("$"), !["$ref", "$id", "$db"].contains(key) {
                throw MongoError(.invalidArgument, "\(operation): field name \"\(fullPath)\" starts with \"$\", which MongoDB reserves for operators. Rename the key (for example replace \"$\" with \"＄\" or \"_\") or store such maps as an array of {key, value} documents")
            }
            if key.contains(".") {
                throw MongoError(.invalidArgument, "\(operation): field name \"\(fullPath)\" contains \".\", which MongoDB reads as a path into sub-documents. Rename the key or store such maps as an array of {key, value} documents")
            }
            try validateNested(value, operation: operation, path: fullPath)
        }
    }

    private static func validateNested(_ value: BSONValue, operation: String, path: String) throws(MongoError) {
        switch value {
        case .document(let nested): try validateStorable(nested, operation: operation, path: path)
        case .array(let items):
            for (index, item) in items.enumerated() {
                try validateNested(item, operation: operation, path: "\(path).\(index)")
            }
        default: break
        }
    }
}
