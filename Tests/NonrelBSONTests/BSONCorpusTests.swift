import Foundation
import NonrelBSON
import Testing

/// Runs the BSON corpus (`Tests/Specs/bson-corpus`) of the MongoDB BSON specification: every
/// `valid`, `decodeErrors` and `parseErrors` case of every file.
@Suite struct BSONCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Specs").appendingPathComponent("bson-corpus")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    /// Cases that cannot pass, as `"file.json: case description"` → the reason. Each must
    /// still fail; one that passes is reported so the entry gets removed.
    static let knownFailures: [String: String] = [:]

    @Test func corpusIsPresent() {
        #expect(Self.files.count >= 30, "no BSON corpus files found in \(Self.directory.path)")
    }

    @Test(arguments: files)
    func corpusFile(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let spec = try JSONValue(parsing: text)
        let isDecimalFile = BSONCorpus.string(spec, "bson_type") == "0x13"
        var failuresByCase: [String: [String]] = [:]
        var caseIDs: [String] = []

        func run(_ kind: String, _ testCase: JSONValue, _ body: (inout [String]) -> Void) {
            let id = "\(name): \(BSONCorpus.string(testCase, "description") ?? "?")"
            var problems: [String] = []
            body(&problems)
            caseIDs.append(id)
            failuresByCase[id, default: []] += problems.map { "[\(kind)] \($0)" }
        }

        for testCase in BSONCorpus.array(spec, "valid") {
            run("valid", testCase) { problems in checkValid(testCase, &problems) }
        }
        for testCase in BSONCorpus.array(spec, "decodeErrors") {
            run("decodeErrors", testCase) { problems in
                guard let hex = BSONCorpus.string(testCase, "bson"), let bytes = BSONCorpus.bytes(hex: hex) else {
                    problems.append("bad test vector")
                    return
                }
                if let document = try? BSONDocument(bsonBytes: bytes) {
                    problems.append("decoded invalid bytes \(hex) to \(document.canonicalExtendedJSON)")
                }
            }
        }
        for testCase in BSONCorpus.array(spec, "parseErrors") {
            run("parseErrors", testCase) { problems in
                guard let input = BSONCorpus.string(testCase, "string") else {
                    problems.append("bad test vector")
                    return
                }
                if isDecimalFile {
                    if let value = try? Decimal128(input) { problems.append("parsed \"\(input)\" as Decimal128 \(value)") }
                } else if let document = try? BSONDocument(extendedJSON: input) {
                    problems.append("parsed \(input) as \(document.canonicalExtendedJSON)")
                }
            }
        }

        #expect(!caseIDs.isEmpty, "\(name) holds no test cases")
        var seen = Set<String>()
        for id in caseIDs where seen.insert(id).inserted {
            let problems = failuresByCase[id] ?? []
            if let reason = Self.knownFailures[id] {
                if problems.isEmpty { Issue.record("known failure now passes, remove it: \(id) (\(reason))") }
            } else {
                for problem in problems { Issue.record("\(id) \(problem)") }
            }
        }
    }

    /// The `valid` checks of the corpus specification.
    private func checkValid(_ testCase: JSONValue, _ problems: inout [String]) {
        guard let cBHex = BSONCorpus.string(testCase, "canonical_bson"), let cB = BSONCorpus.bytes(hex: cBHex),
              let cEJ = BSONCorpus.string(testCase, "canonical_extjson") else {
            problems.append("bad test vector")
            return
        }
        let rEJ = BSONCorpus.string(testCase, "relaxed_extjson")
        let lossy = BSONCorpus.member(testCase, "lossy") == .bool(true)

        func decode(_ bytes: [UInt8], _ what: String) -> BSONDocument? {
            do { return try BSONDocument(bsonBytes: bytes) } catch {
                problems.append("\(what) failed to decode: \(error)")
                return nil
            }
        }
        func parse(_ json: String, _ what: String) -> BSONDocument? {
            do { return try BSONDocument(extendedJSON: json) } catch {
                problems.append("\(what) failed to parse: \(error)")
                return nil
            }
        }
        func expectBytes(_ document: BSONDocument, _ expected: [UInt8], _ what: String) {
            do {
                let actual = try document.bsonBytes()
                if actual != expected { problems.append("\(what): got \(BSONCorpus.hex(actual)), expected \(BSONCorpus.hex(expected))") }
            } catch {
                problems.append("\(what): encoding failed: \(error)")
            }
        }
        func expectJSON(_ actual: String, _ expected: String, _ what: String) {
            if !BSONCorpus.jsonEquivalent(actual, expected) { problems.append("\(what): got \(actual), expected \(expected)") }
        }

        if let native = decode(cB, "canonical_bson") {
            expectBytes(native, cB, "cB -> native -> cB")
            expectJSON(native.canonicalExtendedJSON, cEJ, "cB -> canonical extJSON")
            if let rEJ { expectJSON(native.relaxedExtendedJSON, rEJ, "cB -> relaxed extJSON") }
            if let convertedEJ = BSONCorpus.string(testCase, "converted_extjson") {
                expectJSON(BSONCorpus.convertedDeprecated(native).canonicalExtendedJSON, convertedEJ, "cB -> converted extJSON")
            }
            if let convertedHex = BSONCorpus.string(testCase, "converted_bson"), let converted = BSONCorpus.bytes(hex: convertedHex) {
                expectBytes(BSONCorpus.convertedDeprecated(native), converted, "cB -> converted BSON")
            }
        }
        if let native = parse(cEJ, "canonical_extjson") {
            expectJSON(native.canonicalExtendedJSON, cEJ, "cEJ -> native -> cEJ")
            if !lossy { expectBytes(native, cB, "cEJ -> native -> cB") }
        }
        if let rEJ, let native = parse(rEJ, "relaxed_extjson") {
            expectJSON(native.relaxedExtendedJSON, rEJ, "rEJ -> native -> rEJ")
        }
        if let dBHex = BSONCorpus.string(testCase, "degenerate_bson"), let dB = BSONCorpus.bytes(hex: dBHex),
           let native = decode(dB, "degenerate_bson") {
            expectBytes(native, cB, "dB -> native -> cB")
            expectJSON(native.canonicalExtendedJSON, cEJ, "dB -> canonical extJSON")
            if let rEJ { expectJSON(native.relaxedExtendedJSON, rEJ, "dB -> relaxed extJSON") }
        }
        if let dEJ = BSONCorpus.string(testCase, "degenerate_extjson"), let native = parse(dEJ, "degenerate_extjson") {
            expectJSON(native.canonicalExtendedJSON, cEJ, "dEJ -> canonical extJSON")
            if !lossy { expectBytes(native, cB, "dEJ -> native -> cB") }
            if let rEJ { expectJSON(native.relaxedExtendedJSON, rEJ, "dEJ -> relaxed extJSON") }
        }
    }
}

// MARK: - Helpers

/// Helpers of the corpus runner, namespaced so they cannot clash with other test files.
enum BSONCorpus {
    /// Replaces the deprecated types as the corpus's `converted_*` fields expect: symbol → string,
    /// undefined → null, DBPointer → a DBRef-style document.
    static func convertedDeprecated(_ document: BSONDocument) -> BSONDocument {
        BSONDocument(document.elements.map { ($0.key, convertedDeprecated($0.value)) })
    }

    static func convertedDeprecated(_ value: BSONValue) -> BSONValue {
        switch value {
        case .symbol(let s): .string(s)
        case .undefined: .null
        case .dbPointer(let p): .document(["$ref": .string(p.ref), "$id": .objectId(p.id)])
        case .document(let d): .document(convertedDeprecated(d))
        case .array(let a): .array(a.map(convertedDeprecated))
        case .javascriptWithScope(let c): .javascriptWithScope(BSONCodeWithScope(code: c.code, scope: convertedDeprecated(c.scope)))
        default: value
        }
    }

    /// Whether two JSON texts are the same JSON: keys compared in order, integers by their text,
    /// other numbers and `$numberDouble` strings as doubles (telling -0.0 from 0.0).
    static func jsonEquivalent(_ a: String, _ b: String) -> Bool {
        guard let x = try? JSONValue(parsing: a), let y = try? JSONValue(parsing: b) else { return false }
        return jsonEquivalent(x, y)
    }

    static func jsonEquivalent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let l), .object(let r)):
            guard l.count == r.count else { return false }
            for (x, y) in zip(l, r) {
                guard x.key == y.key else { return false }
                if x.key == "$numberDouble", case .string(let s) = x.value, case .string(let t) = y.value {
                    guard sameDouble(s, t) else { return false }
                } else if !jsonEquivalent(x.value, y.value) {
                    return false
                }
            }
            return true
        case (.array(let l), .array(let r)):
            return l.count == r.count && zip(l, r).allSatisfy { jsonEquivalent($0, $1) }
        case (.number(let l), .number(let r)):
            guard a.isIntegerNumber == b.isIntegerNumber else { return false }
            return a.isIntegerNumber ? l == r : sameDouble(l, r)
        default:
            return a == b
        }
    }

    private static func sameDouble(_ a: String, _ b: String) -> Bool {
        func parse(_ s: String) -> Double? {
            switch s {
            case "Infinity": .infinity
            case "-Infinity": -.infinity
            case "NaN": .nan
            default: Double(s)
            }
        }
        guard let x = parse(a), let y = parse(b) else { return false }
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
        return x == y && x.sign == y.sign
    }

    static func member(_ json: JSONValue, _ key: String) -> JSONValue? {
        json.objectValue?.first { $0.key == key }?.value
    }

    static func string(_ json: JSONValue, _ key: String) -> String? {
        if case .string(let s)? = member(json, key) { s } else { nil }
    }

    static func array(_ json: JSONValue, _ key: String) -> [JSONValue] {
        if case .array(let a)? = member(json, key) { a } else { [] }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let b = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02X", $0) }.joined()
    }
}
