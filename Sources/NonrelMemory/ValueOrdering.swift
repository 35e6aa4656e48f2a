import Foundation
import Nonrel

/// MongoDB's comparison of BSON values, applied to ``Value``: first by type bracket (null,
/// numbers, strings, documents, arrays, binary, booleans, dates), then by value within the
/// bracket. Numbers compare by value across int, double and decimal; strings by UTF-8 bytes.
enum ValueOrdering {
    /// The type bracket of a value, in MongoDB's order. `undefined` is below null: MongoDB
    /// sorts an empty array there.
    static func bracket(_ value: Value) -> Int {
        switch value {
        case .null: 5
        case .int, .double, .decimal: 10
        case .string: 15
        case .document: 20
        case .array: 25
        case .binary, .uuid: 30
        case .bool: 40
        case .date: 45
        }
    }

    /// Whether two values belong to one comparable family (`gt`, `lt` only hold within one).
    /// Binary and UUIDs share MongoDB's bracket but are distinct families in Nonrel.
    static func sameFamily(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.uuid, .binary), (.binary, .uuid): false
        default: bracket(a) == bracket(b)
        }
    }

    /// Three-way comparison of two values in MongoDB's order.
    static func compare(_ a: Value, _ b: Value) -> Int {
        let (ba, bb) = (bracket(a), bracket(b))
        if ba != bb { return ba < bb ? -1 : 1 }
        switch (a, b) {
        case (.null, .null): return 0
        case (.string(let x), .string(let y)): return compareBytes(x, y)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.date(let x), .date(let y)): return compareScalars(x.timeIntervalSince1970, y.timeIntervalSince1970)
        case (.document(let x), .document(let y)): return compareDocuments(x, y)
        case (.array(let x), .array(let y)): return compareArrays(x, y)
        default:
            if a.isNumeric { return compareNumbers(a, b) }
            return compareBinary(a, b)
        }
    }

    /// Whether two values are equal as MongoDB's equality sees them (`1 == 1.0`).
    static func equal(_ a: Value, _ b: Value) -> Bool { compare(a, b) == 0 }

    // MARK: - Within brackets

    /// Strings compare by their UTF-8 bytes (MongoDB's simple collation).
    static func compareBytes(_ a: String, _ b: String) -> Int {
        var x = a.utf8.makeIterator()
        var y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }

    private static func compareScalars<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }

    /// Documents compare field by field (type bracket, then name, then value), then by length.
    private static func compareDocuments(_ a: Row, _ b: Row) -> Int {
        for (x, y) in zip(a.elements, b.elements) {
            let (bx, by) = (bracket(x.value), bracket(y.value))
            if bx != by { return bx < by ? -1 : 1 }
            let names = compareBytes(x.key, y.key)
            if names != 0 { return names }
            let values = compare(x.value, y.value)
            if values != 0 { return values }
        }
        return compareScalars(a.count, b.count)
    }

    /// Whole arrays compare element by element, then by length.
    private static func compareArrays(_ a: [Value], _ b: [Value]) -> Int {
        for (x, y) in zip(a, b) {
            let result = compare(x, y)
            if result != 0 { return result }
        }
        return compareScalars(a.count, b.count)
    }

    /// Binary data compares by length, then subtype (UUIDs are subtype 4), then bytes.
    private static func compareBinary(_ a: Value, _ b: Value) -> Int {
        func parts(_ value: Value) -> (Int, [UInt8]) {
            switch value {
            case .uuid(let uuid): (4, withUnsafeBytes(of: uuid.uuid) { Array($0) })
            case .binary(let bytes): (0, bytes)
            default: (0, [])
            }
        }
        let (sa, xa) = parts(a)
        let (sb, xb) = parts(b)
        if xa.count != xb.count { return xa.count < xb.count ? -1 : 1 }
        if sa != sb { return sa < sb ? -1 : 1 }
        for (p, q) in zip(xa, xb) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    // MARK: - Numbers

    /// Numbers compare by value; NaN is below every other number and equal to itself.
    static func compareNumbers(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): return compareScalars(x, y)
        case (.int(let x), .double(let y)): return compareIntDouble(x, y)
        case (.double(let x), .int(let y)): return -compareIntDouble(y, x)
        case (.double(let x), .double(let y)): return compareDoubles(x, y)
        default:
            // At least one decimal.
            let (x, y) = (decimal(a), decimal(b))
            switch (x, y) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?):
                if let special = infinityOrder(a, b) { return special }
                return compareScalars(p, q)
            }
        }
    }

    /// Orders an infinite double against a decimal, which has no infinities.
    private static func infinityOrder(_ a: Value, _ b: Value) -> Int? {
        if case .double(let x) = a, x.isInfinite { return x < 0 ? -1 : 1 }
        if case .double(let y) = b, y.isInfinite { return y < 0 ? 1 : -1 }
        return nil
    }

    /// The value as a decimal; nil for NaN.
    private static func decimal(_ value: Value) -> Decimal? {
        switch value {
        case .int(let i): return Decimal(i)
        case .double(let d):
            if d.isNaN { return nil }
            if d.isInfinite { return d < 0 ? Decimal.leastFiniteMagnitude : Decimal.greatestFiniteMagnitude }
            return Decimal(d)
        case .decimal(let d): return d.isNaN ? nil : d
        default: return nil
        }
    }

    private static func compareDoubles(_ x: Double, _ y: Double) -> Int {
        switch (x.isNaN, y.isNaN) {
        case (true, true): return 0
        case (true, false): return -1
        case (false, true): return 1
        default: return compareScalars(x, y)
        }
    }

    /// Exact comparison of an integer with a double (no rounding of large integers).
    private static func compareIntDouble(_ i: Int64, _ d: Double) -> Int {
        if d.isNaN { return 1 }
        if d >= 9_223_372_036_854_775_808.0 { return -1 }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = d.rounded(.down)
        let truncated = Int64(whole)
        if i != truncated { return i < truncated ? -1 : 1 }
        return whole == d ? 0 : -1
    }
}

/// A value hashed and compared with MongoDB's equality (`1` and `1.0` are one key, strings by
/// bytes): group keys, distinct counts and unique index keys.
struct CanonicalValue: Hashable {
    let value: Value

    static func == (lhs: CanonicalValue, rhs: CanonicalValue) -> Bool {
        ValueOrdering.equal(lhs.value, rhs.value)
    }

    func hash(into hasher: inout Hasher) {
        Self.hash(value, into: &hasher)
    }

    private static func hash(_ value: Value, into hasher: inout Hasher) {
        hasher.combine(ValueOrdering.bracket(value))
        switch value {
        case .null: break
        case .int, .double, .decimal:
            // Equal numbers of different types have equal double approximations.
            let d = value.doubleValue ?? .nan
            hasher.combine(d.isNaN ? 0 : d)
        case .string(let s): for byte in s.utf8 { hasher.combine(byte) }
        case .bool(let b): hasher.combine(b)
        case .date(let d): hasher.combine(d.timeIntervalSince1970)
        case .uuid(let u): hasher.combine(u)
        case .binary(let bytes): hasher.combine(bytes)
        case .array(let items):
            hasher.combine(items.count)
            for item in items { hash(item, into: &hasher) }
        case .document(let row):
            hasher.combine(row.count)
            for element in row.elements {
                for byte in element.key.utf8 { hasher.combine(byte) }
                hash(element.value, into: &hasher)
            }
        }
    }
}
