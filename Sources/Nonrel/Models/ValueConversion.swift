import Foundation

/// Converts values to the stored form of a field type, with clear errors for values of the
/// wrong type. Used for query operands and when models are written.
enum ValueConversion {
    static func stored(_ value: Value, as type: FieldType, context: @autoclosure () -> String) throws(NonrelError) -> Value {
        if case .null = value { return .null }
        switch type {
        case .auto, .foreignKey:
            guard case .string(let key) = value else { throw mismatch(value, "a primary key string", context()) }
            return .string(try PrimaryKey.validated(key, context: context()))
        case .string, .text:
            guard case .string = value else { throw mismatch(value, "a string", context()) }
            return value
        case .int:
            switch value {
            case .int: return value
            case .double(let d) where d == d.rounded() && abs(d) < 9.2e18: return .int(Int64(d))
            case .decimal(let d) where d.isWholeNumber: return .int(Int64(truncating: NSDecimalNumber(decimal: d)))
            default: throw mismatch(value, "an integer", context())
            }
        case .double:
            guard let d = value.doubleValue else { throw mismatch(value, "a number", context()) }
            return .double(d)
        case .decimal:
            switch value {
            case .decimal: return value
            case .int(let i): return .decimal(Decimal(i))
            case .double(let d): return .decimal(Decimal(d))
            default: throw mismatch(value, "a decimal number", context())
            }
        case .bool:
            guard case .bool = value else { throw mismatch(value, "true or false", context()) }
            return value
        case .date:
            guard case .date(let date) = value else { throw mismatch(value, "a date", context()) }
            return .date(DateParts.startOfDay(date))
        case .datetime:
            guard case .date(let date) = value else { throw mismatch(value, "a date", context()) }
            return .date(DateParts.truncatedToMilliseconds(date))
        case .uuid:
            switch value {
            case .uuid: return value
            case .string(let s):
                guard let uuid = UUID(uuidString: s) else { throw mismatch(value, "a UUID", context()) }
                return .uuid(uuid)
            default: throw mismatch(value, "a UUID", context())
            }
        case .binary:
            guard case .binary = value else { throw mismatch(value, "binary data", context()) }
            return value
        case .json:
            try checkKeys(value, context: context())
            return value
        case .manyToMany(let reference):
            return try stored(value, as: .list(.foreignKey(reference)), context: context())
        case .list(let element), .set(let element):
            guard case .array(let items) = value else {
                // A single value compares against the elements (MongoDB's array matching).
                return try stored(value, as: element, context: context())
            }
            var converted: [Value] = []
            converted.reserveCapacity(items.count)
            for item in items { converted.append(try stored(item, as: element, context: context())) }
            return .array(converted)
        case .dict(let element):
            guard case .document(let row) = value else { throw mismatch(value, "a dictionary", context()) }
            var converted = Row()
            for pair in row.elements {
                try checkKey(pair.key, context: context())
                converted[pair.key] = try stored(pair.value, as: element, context: context())
            }
            return .document(converted)
        case .embedded:
            // Its keys are the embedded model's field names (checked by its own columns).
            guard case .document = value else { throw mismatch(value, "an embedded document", context()) }
            return value
        }
    }

    /// Keys of stored documents must not start with `$` or contain `.`: MongoDB would read them
    /// as operators or paths. The check runs on every backend so behaviour stays the same.
    static func checkKeys(_ value: Value, context: @autoclosure () -> String) throws(NonrelError) {
        switch value {
        case .document(let row):
            for element in row.elements {
                let key = element.key, item = element.value
                try checkKey(key, context: context())
                try checkKeys(item, context: context())
            }
        case .array(let items):
            for item in items { try checkKeys(item, context: context()) }
        default:
            break
        }
    }

    static func checkKey(_ key: String, context: @autoclosure () -> String) throws(NonrelError) {
        let utf8 = key.utf8
        if utf8.first == UInt8(ascii: "$") || utf8.contains(UInt8(ascii: ".")) || utf8.contains(0) {
            throw NonrelError(.invalidValue, "\(context()): the key \"\(key)\" cannot be stored: keys must not start with \"$\" or contain \".\" (MongoDB reads them as operators and paths). Rename it, or store such maps as a list of [key, value] pairs")
        }
    }

    private static func mismatch(_ value: Value, _ expected: String, _ context: String) -> NonrelError {
        NonrelError(.invalidValue, "\(context): expected \(expected), got \(value.typeName) \(value)")
    }
}

/// Calendar helpers in UTC, the time zone every backend stores.
enum DateParts {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    /// `date` cut to whole milliseconds, as MongoDB stores it. The time is first rounded to the
    /// microsecond, so a date made from `.456` seconds (held as `.45599999...`) stays `.456`.
    static func truncatedToMilliseconds(_ date: Date) -> Date {
        let microseconds = (date.timeIntervalSince1970 * 1_000_000).rounded()
        return Date(timeIntervalSince1970: (microseconds / 1000).rounded(.down) / 1000)
    }
}

/// Primary keys: 24 lowercase hexadecimal characters (a MongoDB ObjectId's text form) on every
/// backend, so that code and URLs work unchanged whichever backend stores the model.
public enum PrimaryKey {
    /// Validates (and lowercases) a key string.
    public static func validated(_ key: String, context: @autoclosure () -> String) throws(NonrelError) -> String {
        let lower = key.lowercased()
        guard lower.utf8.count == 24, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw NonrelError(.invalidValue, "\(context()): \"\(key)\" is not a valid primary key: expected 24 hexadecimal characters, such as \"507f1f77bcf86cd799439011\"")
        }
        return lower
    }

    /// Whether `key` is a valid primary key string.
    public static func isValid(_ key: String) -> Bool {
        (try? validated(key, context: "")) != nil
    }
}

extension Decimal {
    /// Whether the decimal has no fractional part.
    var isWholeNumber: Bool {
        var input = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 0, .plain)
        return rounded == self
    }
}
