import Foundation
import Nonrel
import Testing

// MARK: - Fixtures

private struct Address: Codable, Equatable {
    var street: String
    var city: String
    var zip: Int?
}

private struct Person: Codable, Equatable {
    var name: String
    var age: Int
    var address: Address
    var nickname: String?
    var tags: [String]
}

private struct LineItem: Codable, Equatable {
    var sku: String
    var quantity: Int
    var price: Double
}

private struct Order: Codable, Equatable {
    var items: [LineItem]
    var notes: [String: String]
    var counts: [String: Int]
}

private enum Status: String, Codable { case draft, published }
private enum Priority: Int, Codable { case low = 1, high = 9 }

private struct Post: Codable, Equatable {
    var status: Status
    var priority: Priority
    var history: [Status]
}

private struct Kinds: Codable, Equatable {
    var created: Date
    var id: UUID
    var blob: Data
    var price: Decimal
    var home: URL
    var flags: Set<Int>
}

private struct Numbers: Codable, Equatable {
    var i8: Int8
    var i16: Int16
    var i32: Int32
    var i64: Int64
    var u8: UInt8
    var u16: UInt16
    var u32: UInt32
    var u64: UInt64
    var u: UInt
    var f: Float
    var d: Double
}

/// A foreign-key-like wrapper: stored as the target's key string.
private struct Ref: Codable, Equatable {
    var key: String
    init(_ key: String) { self.key = key }
    init(from decoder: any Decoder) throws { key = try decoder.singleValueContainer().decode(String.self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}

/// A many-to-many-like wrapper: stored as an array of key strings.
private struct Refs: Codable, Equatable {
    var keys: [String]
    init(_ keys: [String]) { self.keys = keys }
    init(from decoder: any Decoder) throws { keys = try decoder.singleValueContainer().decode([String].self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(keys)
    }
}

/// A wrapper around a wrapper, both through single-value containers.
private struct Tagged: Codable, Equatable {
    var ref: Ref
    init(_ ref: Ref) { self.ref = ref }
    init(from decoder: any Decoder) throws { ref = try decoder.singleValueContainer().decode(Ref.self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(ref)
    }
}

private struct Article: Codable, Equatable {
    var author: Ref
    var editor: Ref?
    var tags: Refs
    var related: [Ref]
    var tagged: Tagged
}

private struct Flexible: Codable, Equatable {
    var title: String
    var extra: Value
    var meta: Row
    var maybe: Value?
}

private func failure<T>(_ body: () throws(NonrelError) -> T) -> NonrelError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

private let encoder = ValueEncoder()
private let decoder = ValueDecoder()

// MARK: - Tests

@Suite struct ValueCodingTests {
    @Test func nestedStructsRoundTripInKeyOrder() throws {
        let person = Person(
            name: "Ada", age: 36, address: Address(street: "1 Main St", city: "London", zip: nil),
            nickname: "Countess", tags: ["math", "engines"])
        let row = try encoder.encodeRow(person)
        #expect(row.keys == ["name", "age", "address", "nickname", "tags"])
        #expect(row["address"] == ["street": "1 Main St", "city": "London"])
        #expect(row["tags"] == ["math", "engines"])
        #expect(row["age"] == .int(36))
        #expect(try decoder.decode(Person.self, from: row) == person)
        #expect(try encoder.encode(person) == .document(row))
    }

    @Test func nilIsOmittedAndNullOrMissingDecodesAsNil() throws {
        let person = Person(name: "Bo", age: 1, address: Address(street: "s", city: "c", zip: 7), nickname: nil, tags: [])
        let row = try encoder.encodeRow(person)
        #expect(row.keys == ["name", "age", "address", "tags"])
        #expect(row["tags"] == .array([]))
        #expect(try decoder.decode(Person.self, from: row) == person)

        let withNull: Row = ["name": "Bo", "age": 1, "address": ["street": "s", "city": "c", "zip": nil], "nickname": nil, "tags": []]
        let decoded = try decoder.decode(Person.self, from: withNull)
        #expect(decoded.nickname == nil)
        #expect(decoded.address.zip == nil)

        // Optionals in arrays and explicit encodeNil become `.null`.
        #expect(try encoder.encode([1, nil, 3] as [Int?]) == [1, nil, 3])
        #expect(try decoder.decode([Int?].self, from: [1, nil, 3]) == [1, nil, 3])
        #expect(try encoder.encode(Int?.none) == .null)
        #expect(try decoder.decode(Int?.self, from: .null) == nil)
        #expect(try decoder.decode(Int?.self, from: 4) == 4)
    }

    @Test func explicitEncodeNilStoresNull() throws {
        struct Explicit: Encodable {
            var note: String?
            enum CodingKeys: String, CodingKey { case note }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(note, forKey: .note)
            }
        }
        #expect(try encoder.encodeRow(Explicit(note: nil)) == ["note": nil])
        #expect(try encoder.encodeRow(Explicit(note: "x")) == ["note": "x"])
    }

    @Test func arraysOfStructsAndDictionaries() throws {
        let order = Order(
            items: [LineItem(sku: "a", quantity: 2, price: 1.5), LineItem(sku: "b", quantity: 1, price: 10)],
            notes: ["gift": "yes"], counts: ["z": 1])
        let row = try encoder.encodeRow(order)
        #expect(row["items"] == [["sku": "a", "quantity": 2, "price": 1.5], ["sku": "b", "quantity": 1, "price": 10.0]])
        #expect(row["notes"] == ["gift": "yes"])
        #expect(try decoder.decode(Order.self, from: row) == order)

        // Dictionary keys are stored as given (order of a Swift dictionary is unspecified).
        let dictionary = ["b": 2, "a": 1, "c.d": 3]
        let encoded = try encoder.encodeRow(dictionary)
        #expect(Set(encoded.keys) == ["a", "b", "c.d"])
        #expect(encoded["c.d"] == 3)
        #expect(try decoder.decode([String: Int].self, from: encoded) == dictionary)

        let nested = ["x": LineItem(sku: "q", quantity: 3, price: 0.25)]
        #expect(try decoder.decode([String: LineItem].self, from: encoder.encode(nested)) == nested)
        #expect(try decoder.decode([[Int]].self, from: encoder.encode([[1, 2], [], [3]])) == [[1, 2], [], [3]])
    }

    @Test func enumsWithRawValues() throws {
        let post = Post(status: .published, priority: .high, history: [.draft, .published])
        let row = try encoder.encodeRow(post)
        #expect(row == ["status": "published", "priority": 9, "history": ["draft", "published"]])
        #expect(try decoder.decode(Post.self, from: row) == post)

        let bad: Row = ["status": "archived", "priority": 1, "history": []]
        let error = failure { () throws(NonrelError) in try decoder.decode(Post.self, from: bad) }
        #expect(error?.kind == .invalidValue)
        #expect(error?.message.hasPrefix("status: ") == true)
        #expect(error?.message.contains("archived") == true)

        let wrongType = failure { () throws(NonrelError) in
            try decoder.decode(Post.self, from: ["status": "draft", "priority": "high", "history": []])
        }
        #expect(wrongType?.message == "priority: expected Int, found string")
    }

    @Test func enumsWithAssociatedValuesAndSets() throws {
        enum Shape: Codable, Equatable { case circle(radius: Double), square(Double), empty }
        let shapes: [Shape] = [.circle(radius: 2), .square(3), .empty]
        #expect(try decoder.decode([Shape].self, from: encoder.encode(shapes)) == shapes)
        let flags: Set<String> = ["a", "b"]
        let encoded = try encoder.encode(flags)
        #expect(Set(encoded.arrayValue ?? []) == ["a", "b"])
        #expect(try decoder.decode(Set<String>.self, from: encoded) == flags)
    }

    @Test func foundationTypes() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123)
        let id = UUID()
        let kinds = Kinds(
            created: date, id: id, blob: Data([0, 1, 255]), price: Decimal(string: "12.50")!,
            home: URL(string: "https://example.com/a?b=c")!, flags: [3])
        let row = try encoder.encodeRow(kinds)
        #expect(row["created"] == .date(date))
        #expect(row["id"] == .uuid(id))
        #expect(row["blob"] == .binary([0, 1, 255]))
        #expect(row["price"] == .decimal(Decimal(string: "12.50")!))
        #expect(row["home"] == "https://example.com/a?b=c")
        #expect(row["flags"] == [3])
        #expect(try decoder.decode(Kinds.self, from: row) == kinds)

        // UUID also from its string; Decimal also from an int or a decimal string.
        #expect(try decoder.decode(UUID.self, from: .string(id.uuidString)) == id)
        #expect(try decoder.decode(Decimal.self, from: 12) == Decimal(12))
        #expect(try decoder.decode(Decimal.self, from: "0.1") == Decimal(string: "0.1")!)

        // Date only from a date; Data only from binary.
        let dateError = failure { () throws(NonrelError) in
            try decoder.decode(Kinds.self, from: row.replacing("created", with: "2024-01-01"))
        }
        #expect(dateError?.message == "created: expected a date, found string")
        let dataError = failure { () throws(NonrelError) in
            try decoder.decode(Kinds.self, from: row.replacing("blob", with: "AAE="))
        }
        #expect(dataError?.message == "blob: expected binary, found string")
        let uuidError = failure { () throws(NonrelError) in
            try decoder.decode(Kinds.self, from: row.replacing("id", with: "nope"))
        }
        #expect(uuidError?.message == "id: \"nope\" is not a UUID string")
    }

    @Test func integerTypesAndTheirLimits() throws {
        let numbers = Numbers(
            i8: -8, i16: -16, i32: -32, i64: .min, u8: 255, u16: 65535, u32: .max, u64: UInt64(Int64.max),
            u: 7, f: 1.5, d: -0.25)
        let row = try encoder.encodeRow(numbers)
        #expect(row["u32"] == .int(Int64(UInt32.max)))
        #expect(row["u64"] == .int(.max))
        #expect(row["f"] == .double(1.5))
        #expect(try decoder.decode(Numbers.self, from: row) == numbers)

        var tooBig = numbers
        tooBig.u64 = .max
        let error = failure { () throws(NonrelError) in try encoder.encodeRow(tooBig) }
        #expect(error?.kind == .invalidValue)
        #expect(error?.message == "u64: UInt64 value 18446744073709551615 does not fit in an int (Int64)")
        #expect(failure { () throws(NonrelError) in try encoder.encode([UInt(1), UInt.max]) }?.message
            == "[1]: UInt value 18446744073709551615 does not fit in an int (Int64)")
        #expect(failure { () throws(NonrelError) in try encoder.encode(UInt64.max) }?.message
            == "UInt64 value 18446744073709551615 does not fit in an int (Int64)")

        let overflow = failure { () throws(NonrelError) in try decoder.decode(Numbers.self, from: row.replacing("i8", with: 300)) }
        #expect(overflow?.message == "i8: int 300 does not fit in Int8")
        let negative = failure { () throws(NonrelError) in try decoder.decode(UInt.self, from: -1) }
        #expect(negative?.message == "int -1 does not fit in UInt")
    }

    @Test func numericConversionsWhenExact() throws {
        #expect(try decoder.decode(Double.self, from: 3) == 3.0)
        #expect(try decoder.decode(Int.self, from: 4.0) == 4)
        #expect(try decoder.decode(Int.self, from: .decimal(Decimal(string: "42")!)) == 42)
        #expect(try decoder.decode(Int.self, from: .decimal(Decimal(string: "42.000")!)) == 42)
        #expect(try decoder.decode(Double.self, from: .decimal(Decimal(string: "0.1")!)) == 0.1)
        #expect(try decoder.decode(Double.self, from: .decimal(Decimal(string: "-2.5")!)) == -2.5)
        #expect(try decoder.decode(Float.self, from: 0.1) == Float(0.1))
        #expect(try decoder.decode(Int64.self, from: .double(-9_007_199_254_740_992)) == -9_007_199_254_740_992)

        struct Item: Decodable { var count: Int; var ratio: Double }
        struct Box: Decodable { var items: [Item] }
        let fraction = failure { () throws(NonrelError) in
            try decoder.decode(Box.self, from: ["items": [["count": 1, "ratio": 1], ["count": 2.5, "ratio": 1]]])
        }
        #expect(fraction?.message == "items[1].count: double 2.5 is not a whole number, cannot decode Int")
        let inexactDecimal = failure { () throws(NonrelError) in
            try decoder.decode(Box.self, from: ["items": [["count": 1, "ratio": .decimal(Decimal(string: "0.12345678901234567890123")!)]]])
        }
        #expect(inexactDecimal?.message == "items[0].ratio: decimal 0.12345678901234567890123 cannot be represented exactly as Double")
        let fractionalDecimal = failure { () throws(NonrelError) in
            try decoder.decode(Int.self, from: .decimal(Decimal(string: "1.5")!))
        }
        #expect(fractionalDecimal?.message == "decimal 1.5 is not a whole number, cannot decode Int")
        let hugeDecimal = failure { () throws(NonrelError) in
            try decoder.decode(Int.self, from: .decimal(Decimal(string: "1e30")!))
        }
        #expect(hugeDecimal?.message.hasSuffix("does not fit in Int") == true)
        let inexactInt = failure { () throws(NonrelError) in try decoder.decode(Double.self, from: .int(.max)) }
        #expect(inexactInt?.message == "int 9223372036854775807 cannot be represented exactly as Double")
        let notNumber = failure { () throws(NonrelError) in try decoder.decode(Double.self, from: "1") }
        #expect(notNumber?.message == "expected Double, found string")
        let noDecimal = failure { () throws(NonrelError) in try decoder.decode(Decimal.self, from: 1.5) }
        #expect(noDecimal?.message == "expected a decimal, found double")
    }

    @Test func typeMismatchesNameThePath() throws {
        let row: Row = ["name": "Ada", "age": 36, "address": ["street": "s", "city": 12], "tags": []]
        let error = failure { () throws(NonrelError) in try decoder.decode(Person.self, from: row) }
        #expect(error?.kind == .invalidValue)
        #expect(error?.message == "address.city: expected a string, found int")

        let notDocument = failure { () throws(NonrelError) in
            try decoder.decode(Person.self, from: ["name": "Ada", "age": 36, "address": "here", "tags": []])
        }
        #expect(notDocument?.message == "address: expected a document, found string")
        let notArray = failure { () throws(NonrelError) in
            try decoder.decode(Person.self, from: ["name": "Ada", "age": 36, "address": ["street": "s", "city": "c"], "tags": "x"])
        }
        #expect(notArray?.message == "tags: expected an array, found string")
        let badElement = failure { () throws(NonrelError) in
            try decoder.decode(Person.self, from: ["name": "Ada", "age": 36, "address": ["street": "s", "city": "c"], "tags": ["a", 2]])
        }
        #expect(badElement?.message == "tags[1]: expected a string, found int")
    }

    @Test func missingKeysAreErrorsAndExtraKeysAreIgnored() throws {
        let missing = failure { () throws(NonrelError) in
            try decoder.decode(Person.self, from: ["name": "Ada", "age": 36, "address": ["street": "s"], "tags": []])
        }
        #expect(missing?.kind == .invalidValue)
        #expect(missing?.message == "address.city: key not found")
        let missingTop = failure { () throws(NonrelError) in try decoder.decode(Address.self, from: ["city": "c"]) }
        #expect(missingTop?.message == "street: key not found")

        // Extra keys anywhere, and keys in an unexpected order, are fine.
        let row: Row = [
            "_id": "abc", "tags": ["t"], "extra": [1, 2], "age": 36,
            "address": ["zip": 1, "city": "c", "country": "UK", "street": "s"], "name": "Ada",
        ]
        let person = try decoder.decode(Person.self, from: row)
        #expect(person == Person(name: "Ada", age: 36, address: Address(street: "s", city: "c", zip: 1), nickname: nil, tags: ["t"]))
    }

    @Test func valueAndRowPassThrough() throws {
        let extra: Value = ["a": [1, "two", nil, 3.5], "b": .uuid(UUID()), "c": .binary([9])]
        let flexible = Flexible(title: "t", extra: extra, meta: ["z": 1, "y": ["n": true]], maybe: .int(5))
        let row = try encoder.encodeRow(flexible)
        #expect(row["extra"] == extra)
        #expect(row["meta"] == ["z": 1, "y": ["n": true]])
        #expect(row["maybe"] == 5)
        #expect(try decoder.decode(Flexible.self, from: row) == flexible)

        // Top level: a Value is itself, a Row its document.
        #expect(try encoder.encode(extra) == extra)
        #expect(try encoder.encodeRow(["k": "v"] as Row) == ["k": "v"])
        #expect(try decoder.decode(Value.self, from: extra) == extra)
        #expect(try decoder.decode(Row.self, from: ["k": "v"]) == ["k": "v"])
        #expect(try decoder.decode([Value].self, from: [1, "x"]) == [1, "x"])

        // A stored null in an optional Value reads as nil; in a required one as `.null`.
        let nulls: Row = ["title": "t", "extra": nil, "meta": [:], "maybe": nil]
        let decoded = try decoder.decode(Flexible.self, from: nulls)
        #expect(decoded.extra == .null)
        #expect(decoded.maybe == nil)
        let rowError = failure { () throws(NonrelError) in try decoder.decode(Flexible.self, from: nulls.replacing("meta", with: 1)) }
        #expect(rowError?.message == "meta: expected a document, found int")
    }

    @Test func valueAndRowThroughOtherCoders() throws {
        let value: Value = ["a": [1, "two", nil, 3.5, true]]
        let json = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(Value.self, from: json) == value)
        let row: Row = ["k": ["x": 1]]
        #expect(try JSONDecoder().decode(Row.self, from: JSONEncoder().encode(row)) == row)
    }

    @Test func singleValueWrappers() throws {
        let article = Article(
            author: Ref("u1"), editor: nil, tags: Refs(["t1", "t2"]), related: [Ref("a1"), Ref("a2")],
            tagged: Tagged(Ref("x")))
        let row = try encoder.encodeRow(article)
        #expect(row == ["author": "u1", "tags": ["t1", "t2"], "related": ["a1", "a2"], "tagged": "x"])
        #expect(try decoder.decode(Article.self, from: row) == article)

        var edited = article
        edited.editor = Ref("u2")
        #expect(try encoder.encodeRow(edited)["editor"] == "u2")
        #expect(try decoder.decode(Article.self, from: encoder.encodeRow(edited)) == edited)

        // At the top level.
        #expect(try encoder.encode(Ref("k")) == "k")
        #expect(try encoder.encode(Refs(["a"])) == ["a"])
        #expect(try encoder.encode(Tagged(Ref("t"))) == "t")
        #expect(try decoder.decode(Ref.self, from: "k") == Ref("k"))
        #expect(try decoder.decode(Refs.self, from: ["a"]) == Refs(["a"]))
        #expect(try decoder.decode(Tagged.self, from: "t") == Tagged(Ref("t")))

        let error = failure { () throws(NonrelError) in try decoder.decode(Article.self, from: row.replacing("author", with: 3)) }
        #expect(error?.message == "author: expected a string, found int")
        let nested = failure { () throws(NonrelError) in
            try decoder.decode(Article.self, from: row.replacing("related", with: ["a1", false]))
        }
        #expect(nested?.message == "related[1]: expected a string, found bool")
    }

    @Test func encodeRowNeedsAKeyedValue() throws {
        let error = failure { () throws(NonrelError) in try encoder.encodeRow([1, 2]) }
        #expect(error?.kind == .invalidValue)
        #expect(error?.message == "a top-level Array<Int> encodes to array, not a document; use encode(_:) for it")
        #expect(failure { () throws(NonrelError) in try encoder.encodeRow(Ref("k")) }?.message.contains("encodes to string") == true)
        #expect(try encoder.encode(42) == 42)
        #expect(try encoder.encode("s") == "s")
    }

    @Test func customContainersSuperEncodersAndRepeatedKeys() throws {
        struct Custom: Codable, Equatable {
            var point: (x: Int, y: Int)
            var list: [Int]
            var base: String
            enum Keys: String, CodingKey { case point, list, x, y }
            init(point: (x: Int, y: Int), list: [Int], base: String) {
                self.point = point
                self.list = list
                self.base = base
            }
            static func == (a: Custom, b: Custom) -> Bool {
                a.point == b.point && a.list == b.list && a.base == b.base
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var point = container.nestedContainer(keyedBy: Keys.self, forKey: .point)
                try point.encode(self.point.x, forKey: .x)
                try point.encode(self.point.y, forKey: .y)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                for item in self.list {
                    var element = list.nestedContainer(keyedBy: Keys.self)
                    try element.encode(item, forKey: .x)
                }
                var base = container.superEncoder().singleValueContainer()
                try base.encode(self.base)
            }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                let point = try container.nestedContainer(keyedBy: Keys.self, forKey: .point)
                self.point = (try point.decode(Int.self, forKey: .x), try point.decode(Int.self, forKey: .y))
                var list = try container.nestedUnkeyedContainer(forKey: .list)
                var items: [Int] = []
                while !list.isAtEnd {
                    items.append(try list.nestedContainer(keyedBy: Keys.self).decode(Int.self, forKey: .x))
                }
                self.list = items
                base = try container.superDecoder().singleValueContainer().decode(String.self)
            }
        }
        let custom = Custom(point: (1, 2), list: [3, 4], base: "b")
        let row = try encoder.encodeRow(custom)
        #expect(row == ["point": ["x": 1, "y": 2], "list": [["x": 3], ["x": 4]], "super": "b"])
        #expect(try decoder.decode(Custom.self, from: row) == custom)

        struct Repeated: Encodable {
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(1, forKey: Key(stringValue: "a"))
                try container.encode(2, forKey: Key(stringValue: "b"))
                try container.encode(3, forKey: Key(stringValue: "a"))
            }
        }
        #expect(try encoder.encodeRow(Repeated()) == ["a": 3, "b": 2])
    }

    @Test func errorsThrownByModelCodeKeepTheirPath() throws {
        struct Checked: Codable {
            var value: Int
            init(value: Int) { self.value = value }
            init(from decoder: any Decoder) throws {
                value = try decoder.singleValueContainer().decode(Int.self)
                guard value >= 0 else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "must not be negative"))
                }
            }
            func encode(to encoder: any Encoder) throws {
                guard value >= 0 else {
                    throw EncodingError.invalidValue(value, .init(codingPath: encoder.codingPath, debugDescription: "negative"))
                }
                var container = encoder.singleValueContainer()
                try container.encode(value)
            }
        }
        struct Holder: Codable { var checks: [String: [Checked]] }
        let decodeError = failure { () throws(NonrelError) in
            try decoder.decode(Holder.self, from: ["checks": ["k": [1, -2]]])
        }
        #expect(decodeError?.kind == .invalidValue)
        #expect(decodeError?.message == "checks.k[1]: must not be negative")
        let encodeError = failure { () throws(NonrelError) in
            try encoder.encode(Holder(checks: ["k": [Checked(value: -1)]]))
        }
        #expect(encodeError?.message == "checks.k[0]: invalid value -1: negative")
    }

    @Test func userInfoReachesModelCode() throws {
        let key = CodingUserInfoKey(rawValue: "prefix")!
        struct Prefixed: Codable, Equatable {
            var name: String
            init(name: String) { self.name = name }
            init(from decoder: any Decoder) throws {
                let prefix = decoder.userInfo[CodingUserInfoKey(rawValue: "prefix")!] as? String ?? ""
                name = prefix + (try decoder.singleValueContainer().decode(String.self))
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode((encoder.userInfo[CodingUserInfoKey(rawValue: "prefix")!] as? String ?? "") + name)
            }
        }
        #expect(try ValueEncoder(userInfo: [key: ">"]).encode([Prefixed(name: "a")]) == [">a"])
        #expect(try ValueDecoder(userInfo: [key: "<"]).decode([Prefixed].self, from: ["a"]) == [Prefixed(name: "<a")])
    }
}

extension Row {
    fileprivate func replacing(_ key: String, with value: Value) -> Row {
        var copy = self
        copy[key] = value
        return copy
    }
}
