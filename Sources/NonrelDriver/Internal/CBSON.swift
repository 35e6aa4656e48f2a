import CMongoC
import NonrelBSON

// The one place where `bson_t` memory is handled. Every other file of the driver passes
// `BSONDocument`s in and gets `BSONDocument`s back through these helpers.

/// The largest document MongoDB stores (16 MiB).
let maximumDocumentSize = 16 * 1024 * 1024

/// A heap `bson_t` owned by Swift, mutable, destroyed with its owner. Used for option documents
/// that libmongoc may extend (a session id appended, for instance).
final class OwnedBSON {
    /// libmongoc imports `bson_t *` as an opaque pointer (the struct is 128-byte aligned).
    let pointer: OpaquePointer

    /// An empty document.
    init() {
        pointer = bson_new()
    }

    /// A copy of `document`.
    init(_ document: BSONDocument) throws(MongoError) {
        let bytes = try encodeForServer(document, what: "document")
        guard let p = bytes.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) }) else {
            throw MongoError(.bson, "libbson rejected a document the encoder produced")
        }
        pointer = p
    }

    deinit { bson_destroy(pointer) }

    /// The document's current contents.
    func document() throws(MongoError) -> BSONDocument {
        try CBSON.document(from: pointer)
    }
}

enum CBSON {
    /// Calls `body` with a read-only `bson_t` viewing `document`'s encoded bytes (no copy).
    static func with<R>(
        _ document: BSONDocument, what: String = "document",
        _ body: (OpaquePointer) throws(MongoError) -> R
    ) throws(MongoError) -> R {
        let bytes = try encodeForServer(document, what: what)
        return try withBytes(bytes, body)
    }

    /// Calls `body` with a read-only `bson_t` over already encoded bytes.
    static func withBytes<R>(
        _ bytes: [UInt8], _ body: (OpaquePointer) throws(MongoError) -> R
    ) throws(MongoError) -> R {
        let result: Result<R, MongoError> = bytes.withUnsafeBufferPointer { buffer in
            withStorage { value in
                guard bson_init_static(value, buffer.baseAddress, buffer.count) else {
                    return .failure(MongoError(.bson, "libbson rejected a document the encoder produced"))
                }
                do throws(MongoError) { return .success(try body(value)) } catch { return .failure(error) }
            }
        }
        return try result.get()
    }

    /// Calls `body` with an optional document viewed as a `bson_t` (nil stays nil).
    static func withOptional<R>(
        _ document: BSONDocument?, what: String = "document",
        _ body: (OpaquePointer?) throws(MongoError) -> R
    ) throws(MongoError) -> R {
        guard let document else { return try body(nil) }
        return try with(document, what: what) { (p) throws(MongoError) in try body(p) }
    }

    /// Calls `body` with an array of `bson_t` pointers over `documents`.
    static func withArray<R>(
        _ documents: [[UInt8]],
        _ body: (UnsafeMutablePointer<OpaquePointer?>, Int) throws(MongoError) -> R
    ) throws(MongoError) -> R {
        var owned: [OpaquePointer] = []
        owned.reserveCapacity(documents.count)
        defer { owned.forEach { bson_destroy($0) } }
        for bytes in documents {
            guard let p = bytes.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) }) else {
                throw MongoError(.bson, "libbson rejected a document the encoder produced")
            }
            owned.append(p)
        }
        var pointers: [OpaquePointer?] = owned
        let count = pointers.count
        return try pointers.withUnsafeMutableBufferPointer { (buffer) throws(MongoError) -> R in
            try body(buffer.baseAddress!, count)
        }
    }

    /// A copy of the document at `pointer`.
    static func document(from pointer: OpaquePointer) throws(MongoError) -> BSONDocument {
        guard let data = bson_get_data(pointer) else { return BSONDocument() }
        // The first four bytes of a document are its little-endian length.
        let length = Int(UInt32(data[0]) | UInt32(data[1]) << 8 | UInt32(data[2]) << 16 | UInt32(data[3]) << 24)
        let bytes = Array(UnsafeBufferPointer(start: data, count: length))
        do {
            return try BSONDocument(bsonBytes: bytes)
        } catch {
            throw MongoError(.bson, "the server sent a document that is not valid BSON: \(error)")
        }
    }

    /// Calls `body` with uninitialised reply storage, as libmongoc's functions expect, and
    /// returns the body's result with the reply (which is always destroyed).
    static func withReply<R>(
        _ body: (OpaquePointer) -> R
    ) -> (R, BSONDocument?) {
        withStorage { reply in
            bson_init(reply)
            let result = body(reply)
            let document = try? document(from: reply)
            bson_destroy(reply)
            return (result, document)
        }
    }

    /// As ``withReply(_:)`` for operations whose reply matters only when they fail: a
    /// successful reply is not decoded.
    static func withReplyOnFailure(_ body: (OpaquePointer) -> Bool) -> (Bool, BSONDocument?) {
        withStorage { reply in
            bson_init(reply)
            let ok = body(reply)
            let document = ok ? nil : try? document(from: reply)
            bson_destroy(reply)
            return (ok, document)
        }
    }

    /// Calls `body` with uninitialised storage for one `bson_t` (128 bytes, 128-byte aligned).
    static func withStorage<R>(_ body: (OpaquePointer) -> R) -> R {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 128)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
        defer { raw.deallocate() }
        return body(OpaquePointer(raw))
    }

    /// The message text of a `bson_error_t`.
    static func message(of error: bson_error_t) -> String {
        var copy = error
        return withUnsafeBytes(of: &copy.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Reads BSON options from the document a URI exposes.
    static func optionalDocument(_ pointer: OpaquePointer?) -> BSONDocument? {
        guard let pointer else { return nil }
        return try? document(from: pointer)
    }
}

/// Encodes a document to be stored, with `leading` (a generated `_id`) first, checking its
/// field names in the same pass (see ``FieldNameValidation``) and its size.
func encodeStorable(_ document: BSONDocument, leading: BSONElement?, operation: String) throws(MongoError) -> [UInt8] {
    let bytes: [UInt8]
    do {
        bytes = try document.storableBSONBytes(leading: leading)
    } catch {
        // Name the offending path; a key that is only unencodable (a NUL byte) ends below.
        try FieldNameValidation.validateStorable(document, operation: operation)
        throw MongoError(.invalidArgument, "the document cannot be encoded as BSON: \(error)")
    }
    try checkSize(bytes, what: "document")
    return bytes
}

/// Throws ``MongoError/Kind/documentTooLarge`` for documents over 16 MiB.
func checkSize(_ bytes: [UInt8], what: String) throws(MongoError) {
    guard bytes.count <= maximumDocumentSize else {
        throw MongoError(
            .documentTooLarge,
            "the \(what) is \(bytes.count) bytes; MongoDB stores at most \(maximumDocumentSize) bytes (16 MiB) per document. Split it, or move large data to GridFS")
    }
}

/// Encodes `document`, turning BSON errors and oversize documents into `MongoError`s.
func encodeForServer(_ document: BSONDocument, what: String) throws(MongoError) -> [UInt8] {
    let bytes: [UInt8]
    do {
        bytes = try document.bsonBytes()
    } catch {
        throw MongoError(.invalidArgument, "the \(what) cannot be encoded as BSON: \(error)")
    }
    try checkSize(bytes, what: what)
    return bytes
}
