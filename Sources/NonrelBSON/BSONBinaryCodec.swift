import Foundation

/// Reading and writing the BSON binary format.
///
/// Decoding validates everything the BSON specification requires (lengths, terminators,
/// UTF-8, type bytes, boolean values, nested sizes), so bytes from the network or disk that
/// are corrupt throw ``BSONError/malformedBSON(_:)`` instead of producing a wrong document.
extension BSONDocument {
    /// Decodes a BSON document from its bytes, validating it completely.
    public init(bsonBytes: [UInt8]) throws(BSONError) {
        var reader = BSONByteReader(bytes: bsonBytes)
        self = try reader.readDocument(depth: 0)
        guard reader.offset == bsonBytes.count else {
            throw .malformedBSON("\(bsonBytes.count - reader.offset) bytes follow the end of the document")
        }
    }

    /// Encodes the document to BSON bytes. Throws when a key or regular expression holds a
    /// NUL byte, which BSON cannot store.
    public func bsonBytes() throws(BSONError) -> [UInt8] {
        var writer = BSONByteWriter()
        try writer.writeDocument(self)
        return writer.finish()
    }

    /// Encodes the document for storage in one pass: `leading` (an `_id`, say) is written
    /// first unless nil, and every key, at any depth, must be one MongoDB stores (no leading
    /// `$` other than DBRef's `$ref`/`$id`/`$db`, no `.`); otherwise this throws
    /// ``BSONError/invalidKey(_:)`` and the caller can look for the offending path.
    package func storableBSONBytes(leading: BSONElement?) throws(BSONError) -> [UInt8] {
        var writer = BSONByteWriter(checksStorableKeys: true)
        try writer.writeDocument(self, leading: leading)
        return writer.finish()
    }
}

/// The deepest nesting the decoder accepts; deeper input is rejected as malformed rather than
/// exhausting the stack.
let maximumBSONNestingDepth = 200

struct BSONByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func readDocument(depth: Int) throws(BSONError) -> BSONDocument {
        guard depth <= maximumBSONNestingDepth else {
            throw .malformedBSON("documents are nested more than \(maximumBSONNestingDepth) levels deep")
        }
        let start = offset
        let length = Int(try readInt32())
        guard length >= 5 else { throw .malformedBSON("document length \(length) is below the minimum of 5") }
        let end = start + length
        guard end <= bytes.count else {
            throw .malformedBSON("document length \(length) runs past the end of the data (\(bytes.count - start) bytes left)")
        }
        var document = BSONDocument()
        document.reserveCapacity(elementCount(end: end))
        while true {
            guard offset < end else { throw .malformedBSON("document is missing its terminating NUL byte") }
            let type = bytes[offset]
            offset += 1
            if type == 0 {
                guard offset == end else {
                    throw .malformedBSON("document ends at byte \(offset - start) but its length says \(length)")
                }
                return document
            }
            let key = try readCString(limit: end)
            let value = try readValue(type: type, key: key, limit: end, depth: depth)
            guard offset <= end else {
                throw .malformedBSON("value of \"\(key)\" runs past the end of its document")
            }
            document.append(key, value)
        }
    }

    /// An array: a document whose keys are ignored, read straight into values.
    private mutating func readArray(depth: Int) throws(BSONError) -> [BSONValue] {
        guard depth <= maximumBSONNestingDepth else {
            throw .malformedBSON("documents are nested more than \(maximumBSONNestingDepth) levels deep")
        }
        let start = offset
        let length = Int(try readInt32())
        guard length >= 5 else { throw .malformedBSON("array length \(length) is below the minimum of 5") }
        let end = start + length
        guard end <= bytes.count else {
            throw .malformedBSON("array length \(length) runs past the end of the data (\(bytes.count - start) bytes left)")
        }
        var values: [BSONValue] = []
        values.reserveCapacity(elementCount(end: end))
        while true {
            guard offset < end else { throw .malformedBSON("array is missing its terminating NUL byte") }
            let type = bytes[offset]
            offset += 1
            if type == 0 {
                guard offset == end else {
                    throw .malformedBSON("array ends at byte \(offset - start) but its length says \(length)")
                }
                return values
            }
            let key = try readCString(limit: end)
            let value = try readValue(type: type, key: key, limit: end, depth: depth)
            guard offset <= end else {
                throw .malformedBSON("value of \"\(key)\" runs past the end of its array")
            }
            values.append(value)
        }
    }

    /// How many elements the document or array whose elements start at `offset` and end
    /// before `end` holds, to size its storage once: a count of well-formed element headers
    /// that stops at anything unexpected (reading the elements validates them).
    private func elementCount(end: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let end = min(end, buffer.count)
            guard let base = buffer.baseAddress else { return 0 }
            func int32(_ at: Int) -> Int? {
                guard at + 4 <= end else { return nil }
                return Int(Int32(bitPattern: UInt32(base[at]) | UInt32(base[at + 1]) << 8
                    | UInt32(base[at + 2]) << 16 | UInt32(base[at + 3]) << 24))
            }
            func cStringEnd(_ at: Int) -> Int? {
                guard at < end, let found = memchr(base + at, 0, end - at) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            var count = 0
            var position = offset
            while position < end {
                let type = base[position]
                guard type != 0, let valueStart = cStringEnd(position + 1) else { break }
                let size: Int?
                switch type {
                case 0x01, 0x09, 0x11, 0x12: size = 8
                case 0x02, 0x0D, 0x0E: size = int32(valueStart).map { 4 + $0 }
                case 0x03, 0x04, 0x0F: size = int32(valueStart)
                case 0x05: size = int32(valueStart).map { 5 + $0 }
                case 0x06, 0x0A, 0xFF, 0x7F: size = 0
                case 0x07: size = 12
                case 0x08: size = 1
                case 0x0B: size = cStringEnd(valueStart).flatMap(cStringEnd).map { $0 - valueStart }
                case 0x0C: size = int32(valueStart).map { 16 + $0 }
                case 0x10: size = 4
                case 0x13: size = 16
                default: size = nil
                }
                guard let size, size >= 0 else { break }
                count += 1
                position = valueStart + size
            }
            return count
        }
    }

    private mutating func readValue(type: UInt8, key: String, limit: Int, depth: Int) throws(BSONError) -> BSONValue {
        switch type {
        case 0x01: return .double(Double(bitPattern: try readUInt64(limit: limit)))
        case 0x02: return .string(try readString(limit: limit))
        case 0x03: return .document(try readDocument(depth: depth + 1))
        case 0x04:
            return .array(try readArray(depth: depth + 1))
        case 0x05: return .binary(try readBinary(limit: limit))
        case 0x06: return .undefined
        case 0x07: return .objectId(try readObjectId(limit: limit))
        case 0x08:
            try need(1, limit: limit)
            let b = bytes[offset]
            offset += 1
            switch b {
            case 0: return .bool(false)
            case 1: return .bool(true)
            default: throw .malformedBSON("boolean \"\(key)\" holds byte \(b); only 0 and 1 are valid")
            }
        case 0x09: return .datetime(BSONDateTime(millisecondsSinceEpoch: Int64(bitPattern: try readUInt64(limit: limit))))
        case 0x0A: return .null
        case 0x0B:
            let pattern = try readCString(limit: limit)
            let options = try readCString(limit: limit)
            return .regex(BSONRegularExpression(pattern: pattern, options: options))
        case 0x0C:
            let ref = try readString(limit: limit)
            return .dbPointer(BSONDBPointer(ref: ref, id: try readObjectId(limit: limit)))
        case 0x0D: return .javascript(try readString(limit: limit))
        case 0x0E: return .symbol(try readString(limit: limit))
        case 0x0F:
            let start = offset
            let total = Int(try readInt32(limit: limit))
            guard total >= 14, start + total <= limit else {
                throw .malformedBSON("code-with-scope \"\(key)\" has an invalid length \(total)")
            }
            let code = try readString(limit: start + total)
            let scope = try readDocument(depth: depth + 1)
            guard offset == start + total else {
                throw .malformedBSON("code-with-scope \"\(key)\" length \(total) does not match its contents (\(offset - start) bytes)")
            }
            return .javascriptWithScope(BSONCodeWithScope(code: code, scope: scope))
        case 0x10: return .int32(try readInt32(limit: limit))
        case 0x11:
            let raw = try readUInt64(limit: limit)
            return .timestamp(BSONTimestamp(timestamp: UInt32(raw >> 32), increment: UInt32(truncatingIfNeeded: raw)))
        case 0x12: return .int64(Int64(bitPattern: try readUInt64(limit: limit)))
        case 0x13:
            let low = try readUInt64(limit: limit)
            let high = try readUInt64(limit: limit)
            return .decimal128(Decimal128(high: high, low: low))
        case 0xFF: return .minKey
        case 0x7F: return .maxKey
        default:
            throw .malformedBSON("element \"\(key)\" has unknown type byte 0x\(String(type, radix: 16))")
        }
    }

    private func need(_ count: Int, limit: Int) throws(BSONError) {
        guard offset + count <= min(limit, bytes.count) else {
            throw .malformedBSON("expected \(count) more bytes at offset \(offset), but the data ends")
        }
    }

    private mutating func readInt32(limit: Int? = nil) throws(BSONError) -> Int32 {
        try need(4, limit: limit ?? bytes.count)
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        offset += 4
        return Int32(bitPattern: v)
    }

    private mutating func readUInt64(limit: Int) throws(BSONError) -> UInt64 {
        try need(8, limit: limit)
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return v
    }

    private mutating func readObjectId(limit: Int) throws(BSONError) -> ObjectId {
        try need(12, limit: limit)
        let id = ObjectId(bigEndian: bytes[offset..<offset + 12])
        offset += 12
        return id
    }

    private mutating func readCString(limit: Int) throws(BSONError) -> String {
        let end = min(limit, bytes.count)
        let start = offset
        let terminator: Int? = bytes.withUnsafeBufferPointer { buffer in
            guard start < end, let base = buffer.baseAddress,
                  let found = memchr(base + start, 0, end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        guard let terminator else { throw .malformedBSON("a key or C string at offset \(offset) has no NUL terminator") }
        guard let string = Self.utf8String(bytes, start, terminator) else {
            throw .malformedBSON("a key or C string at offset \(offset) is not valid UTF-8")
        }
        offset = terminator + 1
        return string
    }

    /// The string in `bytes[start..<end]`, or nil when it is not valid UTF-8. Decodes without
    /// the generic validation path: invalid input is detected by comparing the repaired
    /// decoding with the original bytes.
    private static func utf8String(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
            let string = String(decoding: slice, as: UTF8.self)
            if isASCII(slice) { return string }
            return string.utf8.elementsEqual(slice) ? string : nil
        }
    }

    /// Whether every byte is below 0x80, tested eight bytes at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    private mutating func readString(limit: Int) throws(BSONError) -> String {
        let length = Int(try readInt32(limit: limit))
        guard length >= 1 else { throw .malformedBSON("string length \(length) at offset \(offset - 4) is below 1") }
        try need(length, limit: limit)
        guard bytes[offset + length - 1] == 0 else {
            throw .malformedBSON("string at offset \(offset - 4) is not NUL-terminated at its stated length \(length)")
        }
        guard let string = Self.utf8String(bytes, offset, offset + length - 1) else {
            throw .malformedBSON("string at offset \(offset - 4) is not valid UTF-8")
        }
        offset += length
        return string
    }

    private mutating func readBinary(limit: Int) throws(BSONError) -> BSONBinary {
        let length = Int(try readInt32(limit: limit))
        guard length >= 0 else { throw .malformedBSON("binary length \(length) is negative") }
        try need(1 + length, limit: limit)
        let subtype = BSONBinary.Subtype(rawValue: bytes[offset])
        offset += 1
        var data = Array(bytes[offset..<offset + length])
        offset += length
        if subtype == .binaryOld {
            guard data.count >= 4 else { throw .malformedBSON("old-style binary is shorter than its inner length") }
            let inner = Int(Int32(bitPattern: UInt32(data[0]) | UInt32(data[1]) << 8 | UInt32(data[2]) << 16 | UInt32(data[3]) << 24))
            guard inner == data.count - 4 else {
                throw .malformedBSON("old-style binary inner length \(inner) does not match its outer length \(length)")
            }
            data.removeFirst(4)
        }
        return BSONBinary(bytes: data, subtype: subtype)
    }
}

extension String {
    /// The string with NUL bytes shown as `\0`, for error messages.
    var replacingNULs: String { replacingOccurrences(of: "\0", with: "\\0") }
}
