import Foundation
import NonrelBSON
import Testing

@Suite struct ExtendedJSONTests {
    static func everyType() throws -> BSONDocument {
        let id = try ObjectId("57e193d7a9cc81b4027498b5")
        return [
            "_id": .objectId(id),
            "double": .double(1.5),
            "integralDouble": .double(-3),
            "tiny": .double(1e-300),
            "negativeZero": .double(-0.0),
            "infinity": .double(.infinity),
            "string": "héllo \"quoted\"\n",
            "document": ["nested": ["deeper": .int32(1)]],
            "array": [.int32(1), "two", .null],
            "binary": .binary(BSONBinary(bytes: [0, 1, 2, 255], subtype: .generic)),
            "uuid": .binary(BSONBinary(uuid: UUID(uuidString: "73FFD264-44B3-4C69-90E8-E7D1DFC035D4")!)),
            "undefined": .undefined,
            "true": true,
            "date": .datetime(BSONDateTime(millisecondsSinceEpoch: 1_356_351_330_501)),
            "oldDate": .datetime(BSONDateTime(millisecondsSinceEpoch: -284_643_869_501)),
            "null": .null,
            "regex": .regex(BSONRegularExpression(pattern: "^a/b$", options: "mi")),
            "dbPointer": .dbPointer(BSONDBPointer(ref: "db.coll", id: id)),
            "code": .javascript("function() { return 1; }"),
            "symbol": .symbol("sym"),
            "codeWithScope": .javascriptWithScope(BSONCodeWithScope(code: "x", scope: ["x": .int64(1)])),
            "int32": .int32(-42),
            "timestamp": .timestamp(BSONTimestamp(timestamp: 4_000_000_000, increment: 7)),
            "int64": .int64(9_223_372_036_854_775_807),
            "decimal": .decimal128(try Decimal128("-1.50E-8")),
            "minKey": .minKey,
            "maxKey": .maxKey,
            "dbref": ["$ref": "coll", "$id": .objectId(id), "$db": "db"],
        ]
    }

    @Test func canonicalRoundTripsEveryType() throws {
        let document = try Self.everyType()
        let text = document.canonicalExtendedJSON
        let parsed = try BSONDocument(extendedJSON: text)
        #expect(parsed == document)
        #expect(parsed.canonicalExtendedJSON == text)
        #expect(try parsed.bsonBytes() == document.bsonBytes())
    }

    @Test func relaxedFormatting() throws {
        let document = try Self.everyType()
        let relaxed = try JSONValue(parsing: document.relaxedExtendedJSON)
        func field(_ key: String) -> String? { relaxed.objectValue?.first { $0.key == key }?.value.serialized }
        #expect(field("double") == "1.5")
        #expect(field("integralDouble") == "-3.0")
        #expect(field("tiny") == "1E-300")
        #expect(field("negativeZero") == "-0.0")
        #expect(field("infinity") == #"{"$numberDouble": "Infinity"}"#)
        #expect(field("int32") == "-42")
        #expect(field("int64") == "9223372036854775807")
        #expect(field("date") == #"{"$date": "2012-12-24T12:15:30.501Z"}"#)
        #expect(field("oldDate") == #"{"$date": {"$numberLong": "-284643869501"}}"#)
        #expect(field("regex") == #"{"$regularExpression": {"pattern": "^a/b$", "options": "im"}}"#)
        #expect(field("codeWithScope") == #"{"$code": "x", "$scope": {"x": 1}}"#)
        // Relaxed text parses back to equal values, except where relaxed numbers narrow.
        let reparsed = try BSONDocument(extendedJSON: document.relaxedExtendedJSON)
        #expect(reparsed["date"] == document["date"])
        #expect(reparsed["double"] == document["double"])
        #expect(reparsed["integralDouble"] == .double(-3))
        #expect(reparsed["int64"] == document["int64"])
        #expect(reparsed["codeWithScope"] == .javascriptWithScope(BSONCodeWithScope(code: "x", scope: ["x": .int32(1)])))
    }

    @Test func relaxedDoublesReadBackExactly() throws {
        for d in [0.1, 1.0 / 3.0, 1e16, 123456789.125, -2.5e-308, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 1e21, 100.0] {
            let text = BSONValue.double(d).relaxedExtendedJSON
            #expect(try BSONValue(extendedJSON: text) == .double(d), "\(text)")
        }
    }

    @Test func legacyAndAlternativeForms() throws {
        let document = try BSONDocument(extendedJSON: """
            {"bin": {"$binary": "AAE=", "$type": "80"}, "re": {"$regex": "a+", "$options": "xi"},
             "u": {"$uuid": "73ffd264-44b3-4c69-90e8-e7d1dfc035d4"}, "d": {"$date": "2012-12-24T13:15:30.5+01:00"},
             "q": {"$regex": "^x"}, "t": {"$type": "string"}, "n": 3000000000, "f": 2.0}
            """)
        #expect(document["bin"] == .binary(BSONBinary(bytes: [0, 1], subtype: .userDefined)))
        #expect(document["re"] == .regex(BSONRegularExpression(pattern: "a+", options: "ix")))
        #expect(document["u"]?.relaxedExtendedJSON == #"{"$binary": {"base64": "c//SZESzTGmQ6OfR38A11A==", "subType": "04"}}"#)
        #expect(document["d"] == .datetime(BSONDateTime(millisecondsSinceEpoch: 1_356_351_330_500)))
        #expect(document["q"] == ["$regex": "^x"])
        #expect(document["t"] == ["$type": "string"])
        #expect(document["n"] == .int64(3_000_000_000))
        #expect(document["f"] == .double(2))
    }

    @Test(arguments: [
        (#"{"a": {"$oid": "xyz"}}"#, #"at "a": "xyz" is not a 24-digit hexadecimal ObjectId"#),
        (#"{"a": [1, {"b": {"$numberInt": "1", "x": 1}}]}"#, #"at "a.1.b": unexpected key "x" in a $numberInt wrapper"#),
        (#"{"a": {"$numberLong": 5}}"#, "$numberLong must be a string, found a number"),
        (#"{"a": {"$timestamp": {"t": 1}}}"#, #"missing key "i" in a $timestamp wrapper"#),
        (#"{"a": {"$date": 42}}"#, "$date must be an ISO-8601 string or"),
        (#"{"a": {"$numberDecimal": "1.2.3"}}"#, "invalid Decimal128"),
        (#"{"a\u0000": 1}"#, "keys may not contain a NUL character"),
        (#"{"$oid": "57e193d7a9cc81b4027498b5"}"#, "expected a document at the top level, found a objectId wrapper"),
        ("[1]", "expected a JSON object at the top level, found an array"),
        (#"{"a": {"$binary": {"base64": "A===", "subType": "00"}}}"#, "is not valid base64"),
        (#"{"a": {"$binary": {"base64": "", "subType": "+1"}}}"#, "binary subtype \"+1\" is not one or two hexadecimal digits"),
        (#"{"a": {"$uuid": "73ffd264-44b3-4c69-90e8-e7d1dfc035+4"}}"#, "is not a UUID"),
        (#"{"a": {"$numberInt": "+1"}}"#, "\"+1\" is not a 32-bit integer"),
        (#"{"a": {"$numberDouble": "inf"}}"#, "\"inf\" is not a double"),
    ])
    func errorsNameThePath(_ input: String, _ message: String) {
        do {
            let document = try BSONDocument(extendedJSON: input)
            Issue.record("parsed \(input) as \(document.canonicalExtendedJSON)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func valueLevelAPI() throws {
        #expect(try BSONValue(extendedJSON: #"{"$numberLong": "-5"}"#) == .int64(-5))
        #expect(try BSONValue(extendedJSON: "[1, 2.5]") == [.int32(1), .double(2.5)])
        #expect(BSONValue.int64(7).canonicalExtendedJSON == #"{"$numberLong": "7"}"#)
        #expect(BSONValue.int64(7).relaxedExtendedJSON == "7")
    }

    @Test func decimal128Strings() throws {
        for text in ["0", "-0", "1.23", "-1.00E-8", "1E+3", "1.0E+6112", "0E-6176", "Infinity", "-Infinity", "NaN",
                     "9.999999999999999999999999999999999E+6144", "0.000001", "1E-7"] {
            #expect(try Decimal128(text).description == text)
        }
        #expect(try Decimal128("1000").description == "1000")
        #expect(try Decimal128("1e3").description == "1E+3")
        #expect(try Decimal128("-inf").isInfinite)
        #expect(try Decimal128("nan").isNaN)
        #expect(Decimal128(negative: false, coefficient: 15, exponent: -1) == (try Decimal128("1.5")))
        #expect(throws: BSONError.self) { try Decimal128("1.2.3") }
        #expect(throws: BSONError.self) { try Decimal128("1E-6177") }
    }

    @Test func iso8601Dates() {
        #expect(BSONDateTime(millisecondsSinceEpoch: 0).iso8601String == "1970-01-01T00:00:00Z")
        #expect(BSONDateTime(millisecondsSinceEpoch: 951_782_400_001).iso8601String == "2000-02-29T00:00:00.001Z")
        #expect(BSONDateTime(millisecondsSinceEpoch: 253_402_300_799_999).iso8601String == "9999-12-31T23:59:59.999Z")
        #expect(BSONDateTime(millisecondsSinceEpoch: -1).iso8601String == nil)
        #expect(BSONDateTime(iso8601String: "2000-02-29T00:00:00.0019Z")?.millisecondsSinceEpoch == 951_782_400_001)
        #expect(BSONDateTime(iso8601String: "1969-12-31T19:00:00-0500")?.millisecondsSinceEpoch == 0)
        #expect(BSONDateTime(iso8601String: "1960-01-01T00:00:00Z")?.millisecondsSinceEpoch == -315_619_200_000)
        #expect(BSONDateTime(iso8601String: "2001-02-29T00:00:00Z") == nil)
        #expect(BSONDateTime(iso8601String: "2001-01-01 00:00:00Z") == nil)
        #expect(BSONDateTime(iso8601String: "2001-01-01T00:00:00") == nil)
    }
}
