import Foundation
import Testing
@testable import NonrelBSON

private struct Address: Codable, Equatable {
    var street: String
    var city: String
    var zip: String?
}

private enum Role: String, Codable {
    case admin, editor, reader
}

private enum Priority: Int, Codable {
    case low = 1, high = 2
}

private struct Author: Codable, Equatable {
    var _id: ObjectId
    var name: String
    var age: Int
    var score: Double
    var active: Bool
    var nickname: String?
    var role: Role
    var priority: Priority
    var tags: [String]
    var address: Address
    var previous: [Address]
    var counters: [String: Int]
}

private struct Numbers: Codable, Equatable {
    var i: Int = -1
    var i8: Int8 = -8
    var i16: Int16 = -16
    var i32: Int32 = -32
    var i64: Int64 = -64
    var u: UInt = 1
    var u8: UInt8 = 8
    var u16: UInt16 = 16
    var u32: UInt32 = 32
    var u64: UInt64 = 64
    var f: Float = 1.5
    var d: Double = 2.25
}

private struct Foundationish: Codable, Equatable {
    var date: Date
    var uuid: UUID
    var data: Data
    var url: URL
    var decimal: Decimal
}

private struct One<T: Codable & Equatable>: Codable, Equatable {
    var value: T
}

private func decodingMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as BSONError {
        if case .decodingFailed(let message) = error { return message }
        return "unexpected: \(error)"
    } catch {
        return "unexpected: \(error)"
    }
}

private func encodingMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as BSONError {
        if case .encodingFailed(let message) = error { return message }
        return "unexpected: \(error)"
    } catch {
        return "unexpected: \(error)"
    }
}

@Suite struct BSONCodableTests {
    let encoder = BSONEncoder()
    let decoder = BSONDecoder()

    private func sampleAuthor() throws -> Author {
        Author(
            _id: try ObjectId("507f1f77bcf86cd799439011"), name: "Ada", age: 36, score: 9.5, active: true,
            nickname: nil, role: .admin, priority: .high, tags: ["math", "engines"],
            address: Address(street: "1 St James's Sq", city: "London", zip: nil),
            previous: [Address(street: "a", city: "b", zip: "c"), Address(street: "d", city: "e", zip: nil)],
            counters: ["x": 1])
    }

    // MARK: Round trips

    @Test func nestedStructRoundTrip() throws {
        let author = try sampleAuthor()
        let document = try encoder.encode(author)
        #expect(document.keys == ["_id", "name", "age", "score", "active", "role", "priority", "tags",
                                  "address", "previous", "counters"])
        #expect(document["_id"] == .objectId(author._id))
        #expect(document["age"] == .int64(36))
        #expect(document["role"] == .string("admin"))
        #expect(document["priority"] == .int64(2))
        #expect(document["tags"] == ["math", "engines"])
        #expect(document["address"] == ["street": "1 St James's Sq", "city": "London"])
        #expect(document[path: "previous.0.zip"] == "c")
        #expect(document[path: "previous.1.zip"] == nil)
        #expect(document["counters"] == ["x": 1])
        #expect(try decoder.decode(Author.self, from: document) == author)
    }

    @Test func optionalsNilAreOmittedAndNullDecodesAsNil() throws {
        let address = Address(street: "s", city: "c", zip: nil)
        let document = try encoder.encode(address)
        #expect(document.keys == ["street", "city"])
        var withNull = document
        withNull["zip"] = .null
        #expect(try decoder.decode(Address.self, from: withNull) == address)
        withNull["zip"] = "z"
        #expect(try decoder.decode(Address.self, from: withNull).zip == "z")
    }

    @Test func explicitNilEncodesNull() throws {
        struct Explicit: Encodable {
            var value: Int?
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(value, forKey: .value)
            }
            enum CodingKeys: CodingKey { case value }
        }
        #expect(try encoder.encode(Explicit(value: nil)) == ["value": .null])
        #expect(try encoder.encode(Explicit(value: 3)) == ["value": 3])
        #expect(try encoder.encodeValue([1, nil, 3] as [Int?]) == [1, .null, 3])
    }

    @Test func arraysOfStructs() throws {
        let list = [Address(street: "a", city: "b", zip: nil), Address(street: "c", city: "d", zip: "e")]
        let value = try encoder.encodeValue(list)
        #expect(value == [["street": "a", "city": "b"], ["street": "c", "city": "d", "zip": "e"]])
        #expect(try decoder.decode([Address].self, from: value) == list)
        #expect(try decoder.decode([[Int]].self, from: [[1, 2], [], [3]]) == [[1, 2], [], [3]])
    }

    @Test func enumsWithRawValues() throws {
        #expect(try encoder.encodeValue(Role.editor) == "editor")
        #expect(try decoder.decode(Role.self, from: "reader") == .reader)
        #expect(try decoder.decode(Priority.self, from: .int32(1)) == .low)
        let message = decodingMessage { _ = try decoder.decode(One<Role>.self, from: ["value": "owner"]) }
        #expect(message?.hasPrefix("value: ") == true)
        #expect(message?.contains("owner") == true)
    }

    @Test func dictionaries() throws {
        let dict: [String: [Int]] = ["a": [1], "b": [2, 3]]
        let document = try encoder.encode(dict)
        #expect(document.count == 2)
        #expect(document["b"] == [2, 3])
        #expect(try decoder.decode([String: [Int]].self, from: document) == dict)
        let nested: [String: [String: Bool]] = ["x": ["y": true]]
        #expect(try decoder.decode([String: [String: Bool]].self, from: encoder.encode(nested)) == nested)
    }

    @Test func keysWithNulAreRejected() {
        let message = encodingMessage { _ = try encoder.encode(["bad\u{0}key": 1]) }
        #expect(message?.contains("NUL") == true)
        let nested = encodingMessage { _ = try encoder.encode(One(value: ["ok": ["x\u{0}": 1]])) }
        #expect(nested?.hasPrefix("value.ok: ") == true)
    }

    @Test func foundationTypes() throws {
        let value = Foundationish(
            date: Date(timeIntervalSince1970: 1_700_000_000.123),
            uuid: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!,
            data: Data([0, 1, 2, 255]),
            url: URL(string: "https://example.com/a?b=c")!,
            decimal: Decimal(string: "1234.5678")!)
        let document = try encoder.encode(value)
        #expect(document["date"] == .datetime(BSONDateTime(millisecondsSinceEpoch: 1_700_000_000_123)))
        #expect(document["uuid"] == .binary(BSONBinary(uuid: value.uuid)))
        #expect(document["uuid"].map { if case .binary(let b) = $0 { b.subtype == .uuid } else { false } } == true)
        #expect(document["data"] == .binary(BSONBinary(bytes: [0, 1, 2, 255])))
        #expect(document["url"] == "https://example.com/a?b=c")
        guard case .decimal128(let d128) = document["decimal"] else {
            Issue.record("decimal is not a decimal128")
            return
        }
        #expect(d128.description == "1234.5678")
        let back = try decoder.decode(Foundationish.self, from: document)
        #expect(back.uuid == value.uuid && back.data == value.data && back.url == value.url)
        #expect(back.decimal == value.decimal)
        #expect(abs(back.date.timeIntervalSince(value.date)) < 0.001)
    }

    @Test func uuidFromStringOrLegacySubtype() throws {
        let uuid = UUID()
        #expect(try decoder.decode(UUID.self, from: .string(uuid.uuidString)) == uuid)
        var legacy = BSONBinary(uuid: uuid)
        legacy.subtype = .uuidOld
        #expect(try decoder.decode(UUID.self, from: .binary(legacy)) == uuid)
        #expect(throws: BSONError.self) { try decoder.decode(UUID.self, from: .binary(BSONBinary(bytes: [1]))) }
        #expect(throws: BSONError.self) { try decoder.decode(UUID.self, from: "not-a-uuid") }
    }

    @Test func datesNeedADatetime() {
        let message = decodingMessage { _ = try decoder.decode(One<Date>.self, from: ["value": "2024-01-01"]) }
        #expect(message == "value: expected a datetime, found string")
    }

    @Test func decimalConversions() throws {
        let third = Decimal(1) / Decimal(3)
        guard case .decimal128(let d) = try encoder.encodeValue(third) else {
            Issue.record("not a decimal128")
            return
        }
        #expect(d.description == "0.3333333333333333333333333333333333")
        #expect(try Decimal128("-12.50").description == "-12.50")
        #expect(try Decimal128("1E+10").description == "1E+10")
        #expect(try Decimal128("0.0000001").description == "1E-7")
        #expect(try decoder.decode(Decimal.self, from: .int32(7)) == Decimal(7))
        #expect(try decoder.decode(Decimal.self, from: .decimal128(Decimal128("-0.25"))) == Decimal(string: "-0.25"))
        #expect(throws: BSONError.self) {
            try decoder.decode(Decimal.self, from: .decimal128(Decimal128("Infinity")))
        }
    }

    @Test func bsonTypesPassThrough() throws {
        struct Holder: Codable, Equatable {
            var id: ObjectId
            var raw: BSONValue
            var doc: BSONDocument
            var dec: Decimal128
            var bin: BSONBinary
            var when: BSONDateTime
            var regex: BSONRegularExpression
            var ts: BSONTimestamp
            var code: BSONCodeWithScope
            var pointer: BSONDBPointer
        }
        let id = ObjectId()
        let holder = Holder(
            id: id, raw: .minKey, doc: ["a": [1, "b"]], dec: Decimal128(high: 0x3040_0000_0000_0000, low: 5),
            bin: BSONBinary(bytes: [9], subtype: .md5), when: BSONDateTime(millisecondsSinceEpoch: -5),
            regex: BSONRegularExpression(pattern: "^a", options: "i"), ts: BSONTimestamp(timestamp: 1, increment: 2),
            code: BSONCodeWithScope(code: "x", scope: ["y": 1]), pointer: BSONDBPointer(ref: "db.c", id: id))
        let document = try encoder.encode(holder)
        #expect(document["id"] == .objectId(id))
        #expect(document["raw"] == .minKey)
        #expect(document["doc"] == ["a": [1, "b"]])
        #expect(document["dec"] == .decimal128(holder.dec))
        #expect(document["bin"] == .binary(holder.bin))
        #expect(document["when"] == .datetime(holder.when))
        #expect(document["regex"] == .regex(holder.regex))
        #expect(document["ts"] == .timestamp(holder.ts))
        #expect(document["code"] == .javascriptWithScope(holder.code))
        #expect(document["pointer"] == .dbPointer(holder.pointer))
        #expect(try decoder.decode(Holder.self, from: document) == holder)
        #expect(try encoder.encode(["k": 1] as BSONDocument) == ["k": 1])
        #expect(try decoder.decode(BSONDocument.self, from: ["k": 1]) == ["k": 1])
        #expect(try decoder.decode(BSONValue.self, from: ["k": 1]) == .document(["k": 1]))
    }

    @Test func bsonTypesInCustomEncodeUseSingleValueContainers() throws {
        struct Wrapper: Codable, Equatable {
            var id: ObjectId
            init(id: ObjectId) { self.id = id }
            init(from decoder: any Decoder) throws { id = try ObjectId(from: decoder) }
            func encode(to encoder: any Encoder) throws { try id.encode(to: encoder) }
        }
        let id = ObjectId()
        #expect(try encoder.encodeValue(Wrapper(id: id)) == .objectId(id))
        #expect(try decoder.decode(Wrapper.self, from: .objectId(id)) == Wrapper(id: id))
    }

    @Test func extraKeysAreIgnored() throws {
        let document: BSONDocument = ["zip": .null, "extra": [1, 2], "city": "c", "more": ["x": 1], "street": "s"]
        #expect(try decoder.decode(Address.self, from: document) == Address(street: "s", city: "c", zip: nil))
    }

    // MARK: Numbers

    @Test func numericEncodingTypes() throws {
        let document = try encoder.encode(Numbers())
        #expect(document["i"] == .int64(-1))
        #expect(document["i8"] == .int32(-8))
        #expect(document["i16"] == .int32(-16))
        #expect(document["i32"] == .int32(-32))
        #expect(document["i64"] == .int64(-64))
        #expect(document["u"] == .int64(1))
        #expect(document["u8"] == .int32(8))
        #expect(document["u16"] == .int32(16))
        #expect(document["u32"] == .int64(32))
        #expect(document["u64"] == .int64(64))
        #expect(document["f"] == .double(1.5))
        #expect(document["d"] == .double(2.25))
        #expect(try decoder.decode(Numbers.self, from: document) == Numbers())
        #expect(try encoder.encodeValue([UInt32.max]) == [.int64(Int64(UInt32.max))])
        #expect(try encoder.encodeValue(UInt64(Int64.max)) == .int64(.max))
    }

    @Test func unsignedOverflowIsAnError() {
        var numbers = Numbers()
        numbers.u64 = .max
        #expect(encodingMessage { _ = try encoder.encode(numbers) }
                == "u64: UInt64 value 18446744073709551615 does not fit in a BSON int64")
        #expect(encodingMessage { _ = try encoder.encodeValue([UInt.max]) }?.hasPrefix("[0]: ") == true)
        #expect(encodingMessage { _ = try encoder.encodeValue(UInt.max) } != nil)
    }

    @Test func numericDecodingConversions() throws {
        #expect(try decoder.decode(Int.self, from: .int32(5)) == 5)
        #expect(try decoder.decode(Int.self, from: .double(5.0)) == 5)
        #expect(try decoder.decode(Int8.self, from: .int64(-128)) == -128)
        #expect(try decoder.decode(UInt8.self, from: .double(255)) == 255)
        #expect(try decoder.decode(UInt64.self, from: .int64(.max)) == UInt64(Int64.max))
        #expect(try decoder.decode(Int32.self, from: .int64(7)) == 7)
        #expect(try decoder.decode(Double.self, from: .int32(3)) == 3)
        #expect(try decoder.decode(Double.self, from: .int64(1 << 53)) == 9_007_199_254_740_992)
        #expect(try decoder.decode(Float.self, from: .double(0.1)) == Float(0.1))
        #expect(try decoder.decode(Float.self, from: .int32(16_777_216)) == 16_777_216)
        #expect(try decoder.decode([Int16].self, from: [.int32(1), .int64(2), .double(3)]) == [1, 2, 3])
    }

    @Test func numericDecodingErrors() {
        #expect(decodingMessage { _ = try decoder.decode(One<Int8>.self, from: ["value": .int32(300)]) }
                == "value: int32 300 does not fit in Int8")
        #expect(decodingMessage { _ = try decoder.decode(One<Int>.self, from: ["value": .double(1.5)]) }
                == "value: double 1.5 is not a whole number, cannot decode Int")
        #expect(decodingMessage { _ = try decoder.decode(One<Int>.self, from: ["value": .double(1e30)]) }
                == "value: double 1e+30 does not fit in Int")
        #expect(decodingMessage { _ = try decoder.decode(One<UInt>.self, from: ["value": .int64(-1)]) }
                == "value: int64 -1 does not fit in UInt")
        #expect(decodingMessage { _ = try decoder.decode(One<Double>.self, from: ["value": .int64((1 << 53) + 1)]) }
                == "value: int64 9007199254740993 cannot be represented exactly as Double")
        #expect(decodingMessage { _ = try decoder.decode(One<Int>.self, from: ["value": "3"]) }
                == "value: expected Int, found string")
        #expect(decodingMessage { _ = try decoder.decode(One<Float>.self, from: ["value": .double(1e300)]) }
                == "value: double 1e+300 is out of Float's range")
        #expect(decodingMessage { _ = try decoder.decode(One<Bool>.self, from: ["value": .int32(1)]) }
                == "value: expected a bool, found int32")
        #expect(decodingMessage { _ = try decoder.decode(Int.self, from: .null) } == "expected Int, found null")
    }

    // MARK: Errors

    @Test func errorMessagesNameTheCodingPath() throws {
        var document = try encoder.encode(try sampleAuthor())
        document["tags"] = ["a", "b", .int32(3)]
        #expect(decodingMessage { _ = try decoder.decode(Author.self, from: document) }
                == "tags[2]: expected a string, found int32")

        var previous = try encoder.encode(try sampleAuthor())
        previous["previous"] = [["street": "a", "city": .bool(true)]]
        #expect(decodingMessage { _ = try decoder.decode(Author.self, from: previous) }
                == "previous[0].city: expected a string, found bool")

        var nested = try encoder.encode(try sampleAuthor())
        nested["address"] = ["street": "s"]
        #expect(decodingMessage { _ = try decoder.decode(Author.self, from: nested) } == "address.city: key not found")

        var missing = try encoder.encode(try sampleAuthor())
        missing.removeValue(forKey: "name")
        #expect(decodingMessage { _ = try decoder.decode(Author.self, from: missing) } == "name: key not found")

        var wrongShape = try encoder.encode(try sampleAuthor())
        wrongShape["address"] = [1]
        #expect(decodingMessage { _ = try decoder.decode(Author.self, from: wrongShape) }
                == "address: expected a document, found array")

        var nullValue = try encoder.encode(try sampleAuthor())
        nullValue["age"] = .null
        #expect(decodingMessage { _ = try decoder.decode(Author.self, from: nullValue) }
                == "age: expected Int, found null")
    }

    @Test func topLevelMustBeADocument() throws {
        let message = encodingMessage { _ = try encoder.encode([1, 2]) }
        #expect(message?.contains("not a document") == true)
        #expect(try encoder.encodeValue([1, 2]) == [1, 2])
        #expect(try encoder.encodeValue("x") == "x")
        #expect(decodingMessage { _ = try decoder.decode(Address.self, from: .int32(1)) }
                == "expected a document, found int32")
    }

    @Test func userErrorsAreWrappedWithThePath() {
        struct Failing: Encodable {
            struct Oops: Error {}
            func encode(to encoder: any Encoder) throws { throw Oops() }
        }
        struct Outer: Encodable { var inner: [Failing] }
        let wrapped = encodingMessage { _ = try encoder.encode(Outer(inner: [Failing()])) }
        #expect(wrapped?.hasPrefix("inner[0]: ") == true)
        #expect(wrapped?.contains("Oops") == true)
    }

    // MARK: Custom containers

    @Test func nestedContainersAndSuperEncoder() throws {
        struct Point: Codable, Equatable {
            var x: Int
            var y: Int
            var labels: [String]
            enum Keys: String, CodingKey { case position, labels, base }
            enum XY: String, CodingKey { case x, y }
            init(x: Int, y: Int, labels: [String]) { self.x = x; self.y = y; self.labels = labels }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var position = container.nestedContainer(keyedBy: XY.self, forKey: .position)
                var labels = container.nestedUnkeyedContainer(forKey: .labels)
                try position.encode(x, forKey: .x)
                for label in self.labels { try labels.encode(label) }
                try position.encode(y, forKey: .y)
                var base = container.superEncoder(forKey: .base).singleValueContainer()
                try base.encode("base")
            }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                let position = try container.nestedContainer(keyedBy: XY.self, forKey: .position)
                x = try position.decode(Int.self, forKey: .x)
                y = try position.decode(Int.self, forKey: .y)
                var labels = try container.nestedUnkeyedContainer(forKey: .labels)
                var list: [String] = []
                while !labels.isAtEnd { list.append(try labels.decode(String.self)) }
                self.labels = list
                #expect(try container.superDecoder(forKey: .base).singleValueContainer().decode(String.self) == "base")
            }
        }
        let point = Point(x: 1, y: 2, labels: ["a", "b"])
        let document = try encoder.encode(point)
        #expect(document == ["position": ["x": 1, "y": 2], "labels": ["a", "b"], "base": "base"])
        #expect(try decoder.decode(Point.self, from: document) == point)
    }

    @Test func codingPathIsVisibleToImplementations() throws {
        struct Probe: Codable {
            var path = ""
            init() {}
            init(from decoder: any Decoder) throws {
                path = decoder.codingPath.map(\.stringValue).joined(separator: "/")
            }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(encoder.codingPath.map(\.stringValue).joined(separator: "/"))
            }
        }
        struct Outer: Codable { var list: [Probe] }
        let document = try encoder.encode(Outer(list: [Probe()]))
        #expect(document["list"] == ["list/Index 0"])
        #expect(try decoder.decode(Outer.self, from: document).list[0].path == "list/Index 0")
    }

    @Test func userInfoReachesImplementations() throws {
        let key = CodingUserInfoKey(rawValue: "tenant")!
        struct Tenant: Codable {
            var name = ""
            init() {}
            init(from decoder: any Decoder) throws { name = decoder.userInfo[CodingUserInfoKey(rawValue: "tenant")!] as? String ?? "" }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(encoder.userInfo[CodingUserInfoKey(rawValue: "tenant")!] as? String ?? "")
            }
        }
        #expect(try BSONEncoder(userInfo: [key: "acme"]).encodeValue([Tenant()]) == ["acme"])
        #expect(try BSONDecoder(userInfo: [key: "acme"]).decode([Tenant].self, from: [1])[0].name == "acme")
    }

    // MARK: Other coders

    @Test func jsonEncoderFallbacks() throws {
        struct Row: Codable, Equatable {
            var id: ObjectId
            var when: BSONDateTime
            var amount: Decimal128
        }
        let id = try ObjectId("507f1f77bcf86cd799439011")
        let row = Row(id: id, when: BSONDateTime(millisecondsSinceEpoch: 0), amount: try Decimal128("1.50"))
        let json = JSONEncoder()
        json.outputFormatting = .sortedKeys
        json.dateEncodingStrategy = .secondsSince1970
        let text = String(decoding: try json.encode(row), as: UTF8.self)
        #expect(text == #"{"amount":"1.50","id":"507f1f77bcf86cd799439011","when":0}"#)
        let jsonDecoder = JSONDecoder()
        jsonDecoder.dateDecodingStrategy = .secondsSince1970
        #expect(try jsonDecoder.decode(Row.self, from: Data(text.utf8)) == row)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ObjectId].self, from: Data(#"["nope"]"#.utf8))
        }
    }

    @Test func jsonEncoderWithBSONValues() throws {
        let json = JSONEncoder()
        json.outputFormatting = .sortedKeys
        let document: BSONDocument = [
            "n": 1, "s": "x", "b": true, "z": .null, "a": [1.5, "y"], "d": ["k": .int32(2)],
            "bin": .binary(BSONBinary(bytes: [1, 2], subtype: .uuid)), "max": .maxKey,
        ]
        let text = String(decoding: try json.encode(document), as: UTF8.self)
        #expect(text == #"{"a":[1.5,"y"],"b":true,"bin":{"$binary":{"base64":"AQI=","subType":"04"}},"d":{"k":2},"max":{"$maxKey":1},"n":1,"s":"x","z":null}"#)
        let back = try JSONDecoder().decode(BSONValue.self, from: Data(#"{"a":[1,2.5,"s",null,true]}"#.utf8))
        #expect(back == ["a": [1, 2.5, "s", .null, true]])
        let binary = try JSONDecoder().decode(BSONBinary.self, from: Data(#"{"$binary":{"base64":"AQI=","subType":"04"}}"#.utf8))
        #expect(binary == BSONBinary(bytes: [1, 2], subtype: .uuid))
    }
}
