import Testing
import NonrelBSON

@Suite struct BSONBinaryCodecTests {
    static let everyType: BSONDocument = [
        "double": .double(1.5), "string": "héllo\0world", "doc": ["a": 1, "b": ["c": nil]],
        "array": [1, "two", 3.0], "binary": .binary(BSONBinary(bytes: [1, 2, 3], subtype: .generic)),
        "old": .binary(BSONBinary(bytes: [9, 8], subtype: .binaryOld)), "undefined": .undefined,
        "oid": .objectId(try! ObjectId("507f1f77bcf86cd799439011")), "bool": true,
        "date": .datetime(BSONDateTime(millisecondsSinceEpoch: -1)), "null": nil,
        "regex": .regex(BSONRegularExpression(pattern: "^a.*", options: "xi")),
        "dbp": .dbPointer(BSONDBPointer(ref: "db.c", id: try! ObjectId("507f1f77bcf86cd799439011"))),
        "js": .javascript("f()"), "sym": .symbol("s"),
        "jsws": .javascriptWithScope(BSONCodeWithScope(code: "g()", scope: ["x": 1])),
        "i32": .int32(-7), "ts": .timestamp(BSONTimestamp(timestamp: 5, increment: 6)),
        "i64": .int64(.max), "dec": .decimal128(Decimal128(high: 0x3040_0000_0000_0000, low: 1)),
        "min": .minKey, "max": .maxKey,
    ]

    @Test func roundTripsEveryType() throws {
        let bytes = try Self.everyType.bsonBytes()
        #expect(try BSONDocument(bsonBytes: bytes) == Self.everyType)
    }

    @Test func encodesKnownBytes() throws {
        let doc: BSONDocument = ["i": .int32(1)]
        #expect(try doc.bsonBytes() == [0x0C, 0, 0, 0, 0x10, 0x69, 0, 1, 0, 0, 0, 0])
    }

    @Test func rejectsTruncatedAndCorruptInput() throws {
        let bytes = try Self.everyType.bsonBytes()
        #expect(throws: BSONError.self) { try BSONDocument(bsonBytes: Array(bytes.dropLast())) }
        #expect(throws: BSONError.self) { try BSONDocument(bsonBytes: [5, 0, 0, 0, 1]) }
        #expect(throws: BSONError.self) { try BSONDocument(bsonBytes: [0x09, 0, 0, 0, 0x08, 0x62, 0, 2, 0]) }
    }

    @Test func rejectsNulInKeys() {
        let doc: BSONDocument = ["a\0b": 1]
        #expect(throws: BSONError.self) { try doc.bsonBytes() }
    }
}
