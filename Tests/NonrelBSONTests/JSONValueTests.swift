import NonrelBSON
import Testing

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndNumberText() throws {
        let json = try JSONValue(parsing: #" {"z": 1, "a": 1.0, "m": -9223372036854775808, "e": 2E+10, "n": [true, false, null]} "#)
        guard case .object(let members) = json else {
            Issue.record("expected an object")
            return
        }
        #expect(members.map(\.key) == ["z", "a", "m", "e", "n"])
        #expect(members[0].value == .number("1"))
        #expect(members[1].value == .number("1.0"))
        #expect(members[2].value == .number("-9223372036854775808"))
        #expect(members[3].value == .number("2E+10"))
        #expect(members[4].value == .array([.bool(true), .bool(false), .null]))
        #expect(members[0].value.isIntegerNumber && !members[1].value.isIntegerNumber)
        #expect(json.serialized == #"{"z": 1, "a": 1.0, "m": -9223372036854775808, "e": 2E+10, "n": [true, false, null]}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let json = try JSONValue(parsing: #""a\"b\\c\/d\b\f\n\r\t\u00e9\u2606\uD83D\uDE00""#)
        #expect(json == .string("a\"b\\c/d\u{8}\u{C}\n\r\té☆😀"))
        #expect(try JSONValue(parsing: "\"😀é\"") == .string("😀é"))
    }

    @Test func writerEscapesControlCharacters() throws {
        let value = JSONValue.string("q\"b\\\n\t\u{0}\u{1F}\u{7F}é/")
        #expect(value.serialized == #""q\"b\\\n\t\u0000\u001f\u007fé/""#)
        #expect(try JSONValue(parsing: value.serialized) == value)
    }

    @Test(arguments: [
        ("", "unexpected end of input, expected a value at offset 0"),
        ("{\"a\" 1}", "expected ':' after an object key at offset 5 (line 1, column 6)"),
        ("[1,]", "unexpected ']', expected a value at offset 3"),
        ("{\"a\": 1,}", "expected a quoted object key at offset 8"),
        ("01", "numbers may not have leading zeros at offset 1"),
        ("1.", "expected a digit after the decimal point at offset 2"),
        ("-", "expected a digit after '-' at offset 1"),
        ("1e+", "expected a digit in the exponent at offset 3"),
        ("tru", "unexpected 't', expected a value at offset 0"),
        ("\"abc", "unterminated string at offset 0"),
        ("\"a\u{1}\"", "unescaped control character U+0001 in a string at offset 2"),
        (#""\x""#, #"invalid escape sequence '\x' in a string at offset 2"#),
        (#""\uD800""#, #"high surrogate \uD800 is not followed by a low surrogate"#),
        (#""\uD800\u0041""#, #"is followed by \u0041, not a low surrogate"#),
        (#""\uDC00""#, #"lone low surrogate \uDC00"#),
        (#""\u12G4""#, "invalid hexadecimal digit 'G' in a \\u escape at offset 5"),
        ("{}\n x", "unexpected 'x' after the JSON value at offset 4 (line 2, column 2)"),
        ("NaN", "unexpected 'N', expected a value"),
    ])
    func rejectsInvalidJSON(_ input: String, _ message: String) {
        do {
            let value = try JSONValue(parsing: input)
            Issue.record("parsed \(input) as \(value)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: BSONError.self) { try JSONValue(parsing: deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        _ = try JSONValue(parsing: fine)
    }
}
