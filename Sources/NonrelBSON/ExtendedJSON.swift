/// The two output formats of MongoDB Extended JSON v2.
public enum ExtendedJSONMode: Sendable, Hashable {
    /// Type-preserving: every number and date is wrapped (`{"$numberInt": "1"}`), so the text
    /// converts back to exactly the same BSON.
    case canonical
    /// Readable: int32, int64 and finite doubles are plain JSON numbers and dates in years
    /// 1970-9999 are ISO-8601 strings. Parsing it back may narrow int64s to int32s.
    case relaxed
}

extension BSONDocument {
    /// Parses an extended JSON object (canonical, relaxed or legacy forms). Keys keep their
    /// order; a `$`-key that names a type wrapper but doesn't match its shape is an error.
    public init(extendedJSON text: String) throws(BSONError) {
        try self.init(extendedJSON: JSONValue(parsing: text))
    }

    /// Converts a parsed JSON object to a document, interpreting extended JSON wrappers.
    public init(extendedJSON json: JSONValue) throws(BSONError) {
        guard case .object(let members) = json else {
            throw .invalidExtendedJSON("expected a JSON object at the top level, found \(json.kindName)")
        }
        let value = try ExtendedJSONReader.run { () throws(ExtendedJSONReader.Failure) in
            try ExtendedJSONReader.object(members)
        }
        guard case .document(let document) = value else {
            throw .invalidExtendedJSON("expected a document at the top level, found a \(value.typeName) wrapper")
        }
        self = document
    }

    /// The document as canonical extended JSON.
    public var canonicalExtendedJSON: String { extendedJSON(.canonical) }

    /// The document as relaxed extended JSON.
    public var relaxedExtendedJSON: String { extendedJSON(.relaxed) }

    /// The document as extended JSON in `mode`.
    public func extendedJSON(_ mode: ExtendedJSONMode) -> String {
        var writer = JSONWriter()
        writer.writeExtended(self, relaxed: mode == .relaxed)
        return writer.string
    }
}

extension BSONValue {
    /// Parses any extended JSON value (`{"$numberLong": "5"}`, `"text"`, `[1, 2]`, ...).
    public init(extendedJSON text: String) throws(BSONError) {
        try self.init(extendedJSON: JSONValue(parsing: text))
    }

    /// Converts a parsed JSON value, interpreting extended JSON wrappers.
    public init(extendedJSON json: JSONValue) throws(BSONError) {
        self = try ExtendedJSONReader.run { () throws(ExtendedJSONReader.Failure) in
            try ExtendedJSONReader.value(json)
        }
    }

    /// The value as canonical extended JSON.
    public var canonicalExtendedJSON: String { extendedJSON(.canonical) }

    /// The value as relaxed extended JSON.
    public var relaxedExtendedJSON: String { extendedJSON(.relaxed) }

    /// The value as extended JSON in `mode`.
    public func extendedJSON(_ mode: ExtendedJSONMode) -> String {
        var writer = JSONWriter()
        writer.writeExtended(self, relaxed: mode == .relaxed)
        return writer.string
    }

}

extension JSONValue {
    /// The JSON kind's name, for messages.
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

// MARK: - Writing

extension JSONWriter {
    mutating func writeExtended(_ document: BSONDocument, relaxed: Bool) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for element in document.elements {
            if !first { raw(", ") }
            first = false
            writeString(element.key)
            raw(": ")
            writeExtended(element.value, relaxed: relaxed)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func writeExtended(_ value: BSONValue, relaxed: Bool) {
        switch value {
        case .double(let d):
            if relaxed && d.isFinite {
                raw(formatDouble(d))
            } else {
                wrapper("$numberDouble") { $0.writeString(formatDouble(d)) }
            }
        case .string(let s):
            writeString(s)
        case .document(let document):
            writeExtended(document, relaxed: relaxed)
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { raw(", ") }
                writeExtended(element, relaxed: relaxed)
            }
            bytes.append(UInt8(ascii: "]"))
        case .binary(let binary):
            wrapper("$binary") {
                $0.raw("{\"base64\": ")
                $0.writeString(Base64.encode(binary.bytes))
                $0.raw(", \"subType\": ")
                $0.writeString(hexByte(binary.subtype.rawValue))
                $0.raw("}")
            }
        case .undefined:
            raw("{\"$undefined\": true}")
        case .objectId(let id):
            wrapper("$oid") { $0.writeString(id.hex) }
        case .bool(let b):
            raw(b ? "true" : "false")
        case .datetime(let date):
            wrapper("$date") { w in
                if relaxed, let iso = date.iso8601String {
                    w.writeString(iso)
                } else {
                    w.wrapper("$numberLong") { $0.writeString(String(date.millisecondsSinceEpoch)) }
                }
            }
        case .null:
            raw("null")
        case .regex(let regex):
            wrapper("$regularExpression") {
                $0.raw("{\"pattern\": ")
                $0.writeString(regex.pattern)
                $0.raw(", \"options\": ")
                // Sorted, as BSON requires (a decoded value may hold them in stored order).
                $0.writeString(String(regex.options.sorted()))
                $0.raw("}")
            }
        case .dbPointer(let pointer):
            wrapper("$dbPointer") {
                $0.raw("{\"$ref\": ")
                $0.writeString(pointer.ref)
                $0.raw(", \"$id\": ")
                $0.wrapper("$oid") { $0.writeString(pointer.id.hex) }
                $0.raw("}")
            }
        case .javascript(let code):
            wrapper("$code") { $0.writeString(code) }
        case .symbol(let symbol):
            wrapper("$symbol") { $0.writeString(symbol) }
        case .javascriptWithScope(let cws):
            raw("{\"$code\": ")
            writeString(cws.code)
            raw(", \"$scope\": ")
            writeExtended(cws.scope, relaxed: relaxed)
            raw("}")
        case .int32(let i):
            if relaxed { raw(String(i)) } else { wrapper("$numberInt") { $0.writeString(String(i)) } }
        case .timestamp(let ts):
            raw("{\"$timestamp\": {\"t\": \(ts.timestamp), \"i\": \(ts.increment)}}")
        case .int64(let i):
            if relaxed { raw(String(i)) } else { wrapper("$numberLong") { $0.writeString(String(i)) } }
        case .decimal128(let d):
            wrapper("$numberDecimal") { $0.writeString(d.description) }
        case .minKey:
            raw("{\"$minKey\": 1}")
        case .maxKey:
            raw("{\"$maxKey\": 1}")
        }
    }

    /// Writes `{"<key>": <body>}`.
    private mutating func wrapper(_ key: String, _ body: (inout JSONWriter) -> Void) {
        raw("{\"")
        raw(key)
        raw("\": ")
        body(&self)
        raw("}")
    }
}

/// The shortest text that reads back as exactly `d`, always with a decimal point or an
/// exponent so it is never mistaken for an integer: `1.0`, `-0.0`, `1.5E+300`, `1E-7`,
/// `Infinity`, `-Infinity`, `NaN`.
func formatDouble(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    let text = d.description  // shortest round-trip form, e.g. "1e-07" or "1.5e+300"
    guard let e = text.utf8.firstIndex(of: UInt8(ascii: "e")) else { return text }
    let mantissa = text[..<e]
    var exponent = text[text.utf8.index(after: e)...]
    var sign = "+"
    if let s = exponent.first, s == "-" || s == "+" {
        sign = s == "-" ? "-" : "+"
        exponent = exponent.dropFirst()
    }
    let digits = exponent.drop { $0 == "0" }
    return String(mantissa) + "E" + sign + (digits.isEmpty ? "0" : String(digits))
}

private func hexByte(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
}

// MARK: - Reading

/// Interprets parsed JSON as extended JSON.
enum ExtendedJSONReader {
    /// A failure with the key path where it happened (innermost key first while unwinding).
    struct Failure: Error {
        var message: String
        var reversedPath: [String] = []
    }

    typealias Members = [(key: String, value: JSONValue)]

    /// Runs `body`, turning a `Failure` into a ``BSONError`` that names the key path.
    static func run<T>(_ body: () throws(Failure) -> T) throws(BSONError) -> T {
        do {
            return try body()
        } catch {
            if error.reversedPath.isEmpty { throw .invalidExtendedJSON(error.message) }
            throw .invalidExtendedJSON("at \"\(error.reversedPath.reversed().joined(separator: "."))\": \(error.message)")
        }
    }

    /// Keys that introduce a type wrapper: an object holding one must match that wrapper exactly.
    private static let wrapperKeys: Set<String> = [
        "$oid", "$symbol", "$numberInt", "$numberLong", "$numberDouble", "$numberDecimal", "$binary",
        "$code", "$timestamp", "$regularExpression", "$dbPointer", "$date", "$minKey", "$maxKey",
        "$undefined", "$uuid",
    ]

    static func value(_ json: JSONValue) throws(Failure) -> BSONValue {
        switch json {
        case .object(let members): return try object(members)
        case .array(let elements):
            var array: [BSONValue] = []
            array.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                do {
                    array.append(try value(element))
                } catch {
                    var failure = error
                    failure.reversedPath.append(String(index))
                    throw failure
                }
            }
            return .array(array)
        case .string(let s): return .string(s)
        case .number(let lexeme):
            if json.isIntegerNumber {
                if let i = Int32(lexeme) { return .int32(i) }
                if let i = Int64(lexeme) { return .int64(i) }
            }
            guard let d = Double(lexeme) else { throw Failure(message: "number \(lexeme) is out of range") }
            return .double(d)
        case .bool(let b): return .bool(b)
        case .null: return .null
        }
    }

    /// An object: a type wrapper when its keys say so, else a document.
    static func object(_ members: Members) throws(Failure) -> BSONValue {
        if members.contains(where: { $0.key.utf8.first == UInt8(ascii: "$") }) {
            if let regex = try legacyRegex(members) { return .regex(regex) }
            if let key = members.first(where: { wrapperKeys.contains($0.key) })?.key {
                return try wrapper(key, members)
            }
        }
        var document = BSONDocument()
        for (key, element) in members {
            do throws(Failure) {
                guard !key.utf8.contains(0) else { throw Failure(message: "keys may not contain a NUL character") }
                document.append(key, try value(element))
            } catch {
                var failure = error
                failure.reversedPath.append(key)
                throw failure
            }
        }
        return .document(document)
    }

    /// The legacy `{"$regex": "...", "$options": "..."}` form; `nil` when the object is not
    /// exactly that (a `$regex` query operator, for example).
    private static func legacyRegex(_ members: Members) throws(Failure) -> BSONRegularExpression? {
        guard members.count == 2, case .string(let pattern)? = member("$regex", members),
              case .string(let options)? = member("$options", members) else { return nil }
        return try regularExpression(pattern: pattern, options: options)
    }

    private static func regularExpression(pattern: String, options: String) throws(Failure) -> BSONRegularExpression {
        guard !pattern.utf8.contains(0) else { throw Failure(message: "a regular expression pattern may not contain NUL") }
        guard !options.utf8.contains(0) else { throw Failure(message: "regular expression options may not contain NUL") }
        return BSONRegularExpression(pattern: pattern, options: options)
    }

    private static func member(_ key: String, _ members: Members) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// Checks that `members` has exactly the keys `keys` (in any order).
    private static func requireKeys(_ keys: [String], in members: Members, of wrapper: String) throws(Failure) {
        for (key, _) in members where !keys.contains(key) {
            throw Failure(message: "unexpected key \"\(key)\" in a \(wrapper) wrapper (expected \(keyList(keys)))")
        }
        for key in keys where !members.contains(where: { $0.key == key }) {
            throw Failure(message: "missing key \"\(key)\" in a \(wrapper) wrapper (expected \(keyList(keys)))")
        }
        guard members.count == keys.count else { throw Failure(message: "duplicate keys in a \(wrapper) wrapper") }
    }

    private static func keyList(_ keys: [String]) -> String {
        keys.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    private static func string(_ json: JSONValue, _ what: String) throws(Failure) -> String {
        guard case .string(let s) = json else { throw Failure(message: "\(what) must be a string, found \(json.kindName)") }
        return s
    }

    private static func wrapper(_ key: String, _ members: Members) throws(Failure) -> BSONValue {
        let body = member(key, members)!
        switch key {
        case "$oid":
            try requireKeys(["$oid"], in: members, of: "$oid")
            let hex = try string(body, "$oid")
            guard let id = try? ObjectId(hex) else { throw Failure(message: "\"\(hex)\" is not a 24-digit hexadecimal ObjectId") }
            return .objectId(id)

        case "$symbol":
            try requireKeys(["$symbol"], in: members, of: "$symbol")
            return .symbol(try string(body, "$symbol"))

        case "$numberInt":
            try requireKeys(["$numberInt"], in: members, of: "$numberInt")
            let text = try string(body, "$numberInt")
            guard isIntegerText(text), let i = Int32(text) else { throw Failure(message: "\"\(text)\" is not a 32-bit integer") }
            return .int32(i)

        case "$numberLong":
            try requireKeys(["$numberLong"], in: members, of: "$numberLong")
            return .int64(try int64(body))

        case "$numberDouble":
            try requireKeys(["$numberDouble"], in: members, of: "$numberDouble")
            let text = try string(body, "$numberDouble")
            switch text {
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            case "NaN": return .double(.nan)
            default:
                guard isDecimalText(text), let d = Double(text) else { throw Failure(message: "\"\(text)\" is not a double") }
                return .double(d)
            }

        case "$numberDecimal":
            try requireKeys(["$numberDecimal"], in: members, of: "$numberDecimal")
            let text = try string(body, "$numberDecimal")
            do {
                return .decimal128(try Decimal128(text))
            } catch {
                throw Failure(message: error.description)
            }

        case "$binary":
            if case .object(let fields) = body {
                try requireKeys(["$binary"], in: members, of: "$binary")
                try requireKeys(["base64", "subType"], in: fields, of: "$binary")
                return .binary(try binary(base64: member("base64", fields)!, subtype: member("subType", fields)!))
            }
            // Legacy: {"$binary": "<base64>", "$type": "<hex>"}.
            try requireKeys(["$binary", "$type"], in: members, of: "legacy $binary")
            return .binary(try binary(base64: body, subtype: member("$type", members)!))

        case "$uuid":
            try requireKeys(["$uuid"], in: members, of: "$uuid")
            let text = try string(body, "$uuid")
            guard let bytes = uuidBytes(text) else {
                throw Failure(message: "\"\(text)\" is not a UUID (expected 8-4-4-4-12 hexadecimal digits)")
            }
            return .binary(BSONBinary(bytes: bytes, subtype: .uuid))

        case "$code":
            let code = try string(body, "$code")
            if let scope = member("$scope", members) {
                try requireKeys(["$code", "$scope"], in: members, of: "$code")
                guard case .object(let scopeMembers) = scope else {
                    throw Failure(message: "$scope must be an object, found \(scope.kindName)")
                }
                guard case .document(let document) = try object(scopeMembers) else {
                    throw Failure(message: "$scope must be a document, not a type wrapper")
                }
                return .javascriptWithScope(BSONCodeWithScope(code: code, scope: document))
            }
            try requireKeys(["$code"], in: members, of: "$code")
            return .javascript(code)

        case "$timestamp":
            try requireKeys(["$timestamp"], in: members, of: "$timestamp")
            guard case .object(let fields) = body else {
                throw Failure(message: "$timestamp must be an object with \"t\" and \"i\", found \(body.kindName)")
            }
            try requireKeys(["t", "i"], in: fields, of: "$timestamp")
            return .timestamp(BSONTimestamp(timestamp: try uint32(member("t", fields)!, "t"),
                                            increment: try uint32(member("i", fields)!, "i")))

        case "$regularExpression":
            try requireKeys(["$regularExpression"], in: members, of: "$regularExpression")
            guard case .object(let fields) = body else {
                throw Failure(message: "$regularExpression must be an object, found \(body.kindName)")
            }
            try requireKeys(["pattern", "options"], in: fields, of: "$regularExpression")
            return .regex(try regularExpression(pattern: string(member("pattern", fields)!, "pattern"),
                                                options: string(member("options", fields)!, "options")))

        case "$dbPointer":
            try requireKeys(["$dbPointer"], in: members, of: "$dbPointer")
            guard case .object(let fields) = body else {
                throw Failure(message: "$dbPointer must be an object, found \(body.kindName)")
            }
            try requireKeys(["$ref", "$id"], in: fields, of: "$dbPointer")
            let ref = try string(member("$ref", fields)!, "$ref")
            guard case .object(let idMembers) = member("$id", fields)!,
                  case .objectId(let id) = try object(idMembers) else {
                throw Failure(message: "$dbPointer's $id must be an {\"$oid\": ...} ObjectId")
            }
            return .dbPointer(BSONDBPointer(ref: ref, id: id))

        case "$date":
            try requireKeys(["$date"], in: members, of: "$date")
            switch body {
            case .string(let text):
                guard let date = BSONDateTime(iso8601String: text) else {
                    throw Failure(message: "\"\(text)\" is not an ISO-8601 date such as 1970-01-01T00:00:00Z")
                }
                return .datetime(date)
            case .object(let fields):
                try requireKeys(["$numberLong"], in: fields, of: "$date")
                return .datetime(BSONDateTime(millisecondsSinceEpoch: try int64(member("$numberLong", fields)!)))
            default:
                throw Failure(message: "$date must be an ISO-8601 string or {\"$numberLong\": ...}, found \(body.kindName)")
            }

        case "$minKey", "$maxKey":
            try requireKeys([key], in: members, of: key)
            guard body == .number("1") else { throw Failure(message: "\(key) must be the number 1") }
            return key == "$minKey" ? .minKey : .maxKey

        case "$undefined":
            try requireKeys(["$undefined"], in: members, of: "$undefined")
            guard body == .bool(true) else { throw Failure(message: "$undefined must be true") }
            return .undefined

        default:
            throw Failure(message: "unknown type wrapper \(key)")
        }
    }

    private static func int64(_ json: JSONValue) throws(Failure) -> Int64 {
        let text = try string(json, "$numberLong")
        guard isIntegerText(text), let i = Int64(text) else { throw Failure(message: "\"\(text)\" is not a 64-bit integer") }
        return i
    }

    private static func uint32(_ json: JSONValue, _ name: String) throws(Failure) -> UInt32 {
        guard case .number(let lexeme) = json, let value = UInt32(lexeme) else {
            throw Failure(message: "$timestamp's \"\(name)\" must be an integer from 0 to 4294967295")
        }
        return value
    }

    private static func binary(base64: JSONValue, subtype: JSONValue) throws(Failure) -> BSONBinary {
        let encoded = try string(base64, "the base64 payload")
        let hex = try string(subtype, "the binary subtype")
        guard (1...2).contains(hex.utf8.count), hex.utf8.allSatisfy({ hexValue($0) != nil }),
              let type = UInt8(hex, radix: 16) else {
            throw Failure(message: "binary subtype \"\(hex)\" is not one or two hexadecimal digits")
        }
        guard let bytes = Base64.decode(encoded) else { throw Failure(message: "\"\(encoded)\" is not valid base64") }
        return BSONBinary(bytes: bytes, subtype: BSONBinary.Subtype(rawValue: type))
    }

    private static func uuidBytes(_ text: String) -> [UInt8]? {
        let s = Array(text.utf8)
        guard s.count == 36 else { return nil }
        var hex: [UInt8] = []
        for (index, c) in s.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard c == UInt8(ascii: "-") else { return nil }
            } else {
                hex.append(c)
            }
        }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: 32, by: 2) {
            guard let high = hexValue(hex[i]), let low = hexValue(hex[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `-?[0-9]+`.
    private static func isIntegerText(_ text: String) -> Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A decimal floating-point literal: `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`.
    private static func isDecimalText(_ text: String) -> Bool {
        var s = text.utf8[...]
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { s = s.dropFirst() }
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let integer = s.prefix(while: isDigit)
        s = s.dropFirst(integer.count)
        var fractionCount = 0
        if s.first == UInt8(ascii: ".") {
            s = s.dropFirst()
            let fraction = s.prefix(while: isDigit)
            fractionCount = fraction.count
            s = s.dropFirst(fractionCount)
        }
        guard integer.count + fractionCount > 0 else { return false }
        if let c = s.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            s = s.dropFirst()
            if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { s = s.dropFirst() }
            let exponent = s.prefix(while: isDigit)
            guard !exponent.isEmpty else { return false }
            s = s.dropFirst(exponent.count)
        }
        return s.isEmpty
    }
}
