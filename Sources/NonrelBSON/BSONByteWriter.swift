#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes BSON into a growable buffer it owns.
///
/// Every append checks capacity once and stores bytes directly (no per-byte array
/// bookkeeping); lengths are patched in place once a document or string is complete.
struct BSONByteWriter: ~Copyable {
    private var base: UnsafeMutableRawPointer
    private var count = 0
    private var capacity: Int
    /// Whether keys must be ones MongoDB stores (see `BSONDocument.storableBSONBytes`).
    private let checksStorableKeys: Bool

    init(checksStorableKeys: Bool = false, capacity: Int = 512) {
        self.checksStorableKeys = checksStorableKeys
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// The bytes written.
    consuming func finish() -> [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: base, count: count))
    }

    mutating func writeDocument(_ document: BSONDocument, leading: BSONElement? = nil) throws(BSONError) {
        let start = count
        appendInt32(0)
        if let leading { try writeElement(key: leading.key, value: leading.value) }
        // Index access borrows each element; a for-in loop would copy (retain) it.
        let elements = document.elements
        for index in elements.indices {
            try writeElement(key: elements[index].key, value: elements[index].value)
        }
        appendByte(0)
        patchLength(at: start)
    }

    private mutating func writeArray(_ array: [BSONValue]) throws(BSONError) {
        let start = count
        appendInt32(0)
        for index in array.indices {
            try writeElement(arrayIndex: index, value: array[index])
        }
        appendByte(0)
        patchLength(at: start)
    }

    private mutating func writeElement(key: String, value: BSONValue) throws(BSONError) {
        appendByte(value.typeByte)
        try appendKey(key)
        try writeValue(value)
    }

    private mutating func writeElement(arrayIndex: Int, value: BSONValue) throws(BSONError) {
        appendByte(value.typeByte)
        if arrayIndex < 10 {
            reserve(2)
            base.storeBytes(of: UInt8(ascii: "0") + UInt8(arrayIndex), toByteOffset: count, as: UInt8.self)
            base.storeBytes(of: 0, toByteOffset: count + 1, as: UInt8.self)
            count += 2
        } else {
            withUTF8(of: String(arrayIndex)) { $0.appendBytes($1) }
            appendByte(0)
        }
        try writeValue(value)
    }

    private mutating func writeValue(_ value: BSONValue) throws(BSONError) {
        switch value {
        case .double(let v): appendUInt64(v.bitPattern)
        case .string(let v), .javascript(let v), .symbol(let v): appendString(v)
        case .document(let v): try writeDocument(v)
        case .array(let v): try writeArray(v)
        case .binary(let v):
            if v.subtype == .binaryOld {
                appendInt32(Int32(v.bytes.count + 4))
                appendByte(v.subtype.rawValue)
                appendInt32(Int32(v.bytes.count))
            } else {
                appendInt32(Int32(v.bytes.count))
                appendByte(v.subtype.rawValue)
            }
            v.bytes.withUnsafeBufferPointer { appendBytes($0) }
        case .undefined, .null, .minKey, .maxKey: break
        case .objectId(let v): appendObjectId(v)
        case .bool(let v): appendByte(v ? 1 : 0)
        case .datetime(let v): appendUInt64(UInt64(bitPattern: v.millisecondsSinceEpoch))
        case .regex(let v):
            try appendCString(v.pattern, what: "regular expression pattern")
            try appendCString(String(v.options.sorted()), what: "regular expression options")
        case .dbPointer(let v):
            appendString(v.ref)
            appendObjectId(v.id)
        case .javascriptWithScope(let v):
            let start = count
            appendInt32(0)
            appendString(v.code)
            try writeDocument(v.scope)
            patchLength(at: start)
        case .int32(let v): appendInt32(v)
        case .timestamp(let v): appendUInt64(UInt64(v.timestamp) << 32 | UInt64(v.increment))
        case .int64(let v): appendUInt64(UInt64(bitPattern: v))
        case .decimal128(let v):
            appendUInt64(v.low)
            appendUInt64(v.high)
        }
    }

    // MARK: - Primitives

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(extra) }
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func appendByte(_ byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    private mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    private mutating func appendInt32(_ v: Int32) {
        reserve(4)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: Int32.self)
        count += 4
    }

    @inline(__always)
    private mutating func appendUInt64(_ u: UInt64) {
        reserve(8)
        base.storeBytes(of: u.littleEndian, toByteOffset: count, as: UInt64.self)
        count += 8
    }

    private mutating func appendObjectId(_ id: ObjectId) {
        reserve(12)
        for i in 0..<12 { base.storeBytes(of: id.byte(at: i), toByteOffset: count + i, as: UInt8.self) }
        count += 12
    }

    /// Appends a key and its terminator, checking it while its bytes are at hand.
    private mutating func appendKey(_ key: String) throws(BSONError) {
        if let problem = withUTF8(of: key, { $0.appendKeyBytes($1) }) {
            throw .invalidKey("key \"\(key.replacingNULs)\" \(problem)")
        }
        appendByte(0)
    }

    /// Appends `utf8` and returns what makes it unusable as a key, if anything.
    private mutating func appendKeyBytes(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        appendBytes(utf8)
        guard let start = utf8.baseAddress, !utf8.isEmpty else { return nil }
        if memchr(start, 0, utf8.count) != nil { return "contains a NUL byte, which BSON cannot store" }
        guard checksStorableKeys else { return nil }
        if start.pointee == UInt8(ascii: "$"),
           !(utf8.elementsEqual("$ref".utf8) || utf8.elementsEqual("$id".utf8) || utf8.elementsEqual("$db".utf8)) {
            return "starts with \"$\""
        }
        return memchr(start, Int32(UInt8(ascii: ".")), utf8.count) != nil ? "contains \".\"" : nil
    }

    private mutating func appendCString(_ s: String, what: String) throws(BSONError) {
        let hasNUL = withUTF8(of: s) { writer, utf8 in
            writer.appendBytes(utf8)
            return utf8.contains(0)
        }
        if hasNUL {
            throw .invalidKey("\(what) \"\(s.replacingNULs)\" contains a NUL byte, which BSON cannot store")
        }
        appendByte(0)
    }

    private mutating func appendString(_ s: String) {
        withUTF8(of: s) { writer, utf8 in
            writer.appendInt32(Int32(utf8.count + 1))
            writer.appendBytes(utf8)
        }
        appendByte(0)
    }

    /// Calls `body` with the writer and `s`'s UTF-8 bytes, without copying them when the
    /// string stores them contiguously (native strings do).
    private mutating func withUTF8<R>(of s: String, _ body: (inout BSONByteWriter, UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable({ body(&self, $0) }) { return result }
        return Array(s.utf8).withUnsafeBufferPointer { body(&self, $0) }
    }

    private mutating func patchLength(at start: Int) {
        base.storeBytes(of: Int32(count - start).littleEndian, toByteOffset: start, as: Int32.self)
    }
}
