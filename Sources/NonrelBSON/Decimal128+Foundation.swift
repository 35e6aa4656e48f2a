import Foundation

// Conversions between `Decimal128` and Foundation's `Decimal`, and the Decimal128 string form
// used when a Decimal128 goes through a non-BSON coder. Internal: the BSON codec and extended
// JSON layers may offer their own public API.

extension Decimal128 {
    private static let exponentBias = 6176
    private static let maxExponent = 6111
    private static let minExponent = -6176
    private static let maxDigits = 34

    /// The parts of a Decimal128: NaN, infinity, or `coefficient * 10^exponent`.
    enum _Parts {
        case nan
        case infinity(negative: Bool)
        /// `digits` holds the decimal coefficient without leading zeros ("0" for zero).
        case finite(negative: Bool, digits: [UInt8], exponent: Int)
    }

    var _parts: _Parts {
        let negative = high >> 63 == 1
        let combination = (high >> 58) & 0x1F
        if combination == 0x1F { return .nan }
        if combination == 0x1E { return .infinity(negative: negative) }
        var hi: UInt64
        var lo = low
        let biased: UInt64
        if (high >> 61) & 0b11 == 0b11 {
            // The coefficient would be at least 2^113, beyond 10^34 - 1: non-canonical, so zero.
            biased = (high >> 47) & 0x3FFF
            hi = 0
            lo = 0
        } else {
            biased = (high >> 49) & 0x3FFF
            hi = high & 0x1_FFFF_FFFF_FFFF
        }
        var digits: [UInt8] = []
        while hi != 0 || lo != 0 {
            let (qHi, rHi) = hi.quotientAndRemainder(dividingBy: 10)
            let (qLo, r) = (10 as UInt64).dividingFullWidth((rHi, lo))
            hi = qHi
            lo = qLo
            digits.append(UInt8(r))
        }
        if digits.count > Self.maxDigits { digits = [] }  // non-canonical coefficient: zero
        if digits.isEmpty { digits = [0] }
        digits.reverse()
        return .finite(negative: negative, digits: digits, exponent: Int(biased) - Self.exponentBias)
    }

    /// Builds a Decimal128 from decimal digits (most significant first, at most 34 of them after
    /// rounding), rounding half to even when there are more.
    init(_negative negative: Bool, digits inputDigits: [UInt8], exponent inputExponent: Int) throws(_BSONCoercionError) {
        var digits = Array(inputDigits.drop { $0 == 0 })
        var exponent = inputExponent
        // Drop trailing zeros, then round away excess digits.
        while digits.count > Self.maxDigits, digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.count > Self.maxDigits {
            let dropped = digits[Self.maxDigits...]
            digits.removeSubrange(Self.maxDigits...)
            exponent += dropped.count
            let first = dropped.first!
            let restNonZero = dropped.dropFirst().contains { $0 != 0 }
            let roundUp = first > 5 || (first == 5 && (restNonZero || digits.last! % 2 == 1))
            if roundUp {
                var i = digits.count - 1
                while i >= 0 {
                    if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
                }
                if i < 0 {
                    digits.insert(1, at: 0)
                    digits.removeLast()
                    exponent += 1
                }
            }
        }
        if digits.isEmpty {
            exponent = min(max(exponent, Self.minExponent), Self.maxExponent)
        }
        // Bring an exponent that is too large into range by adding trailing zeros (clamping).
        while exponent > Self.maxExponent, digits.count < Self.maxDigits, !digits.isEmpty {
            digits.append(0)
            exponent -= 1
        }
        guard exponent <= Self.maxExponent, exponent >= Self.minExponent else {
            throw _BSONCoercionError("exponent \(exponent) is outside Decimal128's range")
        }
        var hi: UInt64 = 0
        var lo: UInt64 = 0
        for digit in digits {
            let (carry, product) = lo.multipliedFullWidth(by: 10)
            let (sum, overflow) = product.addingReportingOverflow(UInt64(digit))
            lo = sum
            hi = hi &* 10 &+ carry &+ (overflow ? 1 : 0)
        }
        self.init(high: (negative ? 1 << 63 : 0) | UInt64(exponent + Self.exponentBias) << 49 | hi, low: lo)
    }

    /// The exact value of a Foundation `Decimal` (rounded to 34 significant digits if longer).
    init(_decimal value: Decimal) throws(_BSONCoercionError) {
        if value.isNaN {
            self.init(high: 0x7C00_0000_0000_0000, low: 0)
            return
        }
        // `Decimal.description` is locale-independent plain notation: "-123.45".
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            default:
                throw _BSONCoercionError("cannot convert Decimal \(value) to Decimal128")
            }
        }
        try self.init(_negative: negative, digits: digits, exponent: -fractionDigits)
    }

    /// The value as a Foundation `Decimal`, or an error when `Decimal` cannot hold it.
    func _foundationDecimal() throws(_BSONCoercionError) -> Decimal {
        switch _parts {
        case .nan:
            return .nan
        case .infinity:
            throw _BSONCoercionError("decimal128 \(_string) cannot be represented as Decimal")
        case .finite(let negative, let digits, let exponent):
            let text = (negative ? "-" : "") + String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
                + "E\(exponent)"
            guard let result = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !result.isNaN else {
                throw _BSONCoercionError("decimal128 \(_string) is outside Decimal's range")
            }
            return result
        }
    }

    /// The string form of the BSON Decimal128 specification ("1.23", "-0", "1.0E+10", "NaN").
    var _string: String {
        switch _parts {
        case .nan:
            return "NaN"
        case .infinity(let negative):
            return negative ? "-Infinity" : "Infinity"
        case .finite(let negative, let digits, let exponent):
            let text = digits.map { Character(Unicode.Scalar($0 + UInt8(ascii: "0"))) }
            let adjusted = exponent + text.count - 1
            var out = negative ? "-" : ""
            if exponent <= 0 && adjusted >= -6 {
                if exponent == 0 {
                    out += String(text)
                } else if text.count > -exponent {
                    out += String(text[..<(text.count + exponent)]) + "." + String(text[(text.count + exponent)...])
                } else {
                    out += "0." + String(repeating: "0", count: -exponent - text.count) + String(text)
                }
            } else {
                out += String(text[0])
                if text.count > 1 { out += "." + String(text[1...]) }
                out += "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
            }
            return out
        }
    }

    /// Parses a decimal string ("12.5", "-1E+3", "NaN", "Infinity") into a Decimal128.
    init(_string text: String) throws(_BSONCoercionError) {
        switch text.lowercased() {
        case "nan": self.init(high: 0x7C00_0000_0000_0000, low: 0); return
        case "inf", "infinity", "+inf", "+infinity": self.init(high: 0x7800_0000_0000_0000, low: 0); return
        case "-inf", "-infinity": self.init(high: 0xF800_0000_0000_0000, low: 0); return
        default: break
        }
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var exponent = 0
        var sawDigit = false
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                digits.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, let value = Int(String(Substring(bytes))), abs(value) < 100_000 else {
                    throw _BSONCoercionError("\"\(text)\" is not a decimal number")
                }
                exponent = value
                bytes = bytes[bytes.endIndex...]
            default:
                throw _BSONCoercionError("\"\(text)\" is not a decimal number")
            }
        }
        guard sawDigit else { throw _BSONCoercionError("\"\(text)\" is not a decimal number") }
        try self.init(_negative: negative, digits: digits, exponent: exponent - fractionDigits)
    }
}
