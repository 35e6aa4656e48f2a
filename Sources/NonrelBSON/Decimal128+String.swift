/// Conversion between `Decimal128` and its string form, as the BSON Decimal128 specification
/// defines it: parsing accepts any exactly representable value (rounding that would lose a
/// non-zero digit, overflow and underflow are errors); printing produces the canonical form.
extension Decimal128: CustomStringConvertible {
    /// The largest coefficient: 34 nines.
    static let maxCoefficient: UInt128 = 9_999_999_999_999_999_999_999_999_999_999_999
    static let maxDigits = 34
    /// The unbiased exponent range of the coefficient-as-integer representation.
    static let minExponent = -6176
    static let maxExponent = 6111
    static let exponentBias = 6176

    private static let signBit: UInt64 = 1 << 63
    private static let infinityHigh: UInt64 = 0x7800_0000_0000_0000
    private static let nanHigh: UInt64 = 0x7C00_0000_0000_0000

    /// Positive infinity.
    public static let infinity = Decimal128(high: infinityHigh, low: 0)
    /// A quiet NaN.
    public static let nan = Decimal128(high: nanHigh, low: 0)

    /// Whether the value is negative (including -0 and -Infinity).
    public var isSignMinus: Bool { high & Self.signBit != 0 }
    /// Whether the value is a NaN (quiet or signaling).
    public var isNaN: Bool { (high >> 58) & 0x1F == 0x1F }
    /// Whether the value is positive or negative infinity.
    public var isInfinite: Bool { (high >> 58) & 0x1F == 0x1E }

    /// A finite value `(-1)^negative × coefficient × 10^exponent`; `nil` when the coefficient
    /// has more than 34 digits or the exponent is outside -6176...6111.
    public init?(negative: Bool, coefficient: UInt128, exponent: Int) {
        guard coefficient <= Self.maxCoefficient, exponent >= Self.minExponent, exponent <= Self.maxExponent else {
            return nil
        }
        let biased = UInt64(exponent + Self.exponentBias)
        self.init(high: (negative ? Self.signBit : 0) | biased << 49 | UInt64(truncatingIfNeeded: coefficient >> 64),
                  low: UInt64(truncatingIfNeeded: coefficient))
    }

    /// Parses a decimal string such as `"1.23"`, `"-4.5E+10"`, `"Infinity"` or `"NaN"`
    /// (case-insensitive). Throws when the value cannot be represented exactly.
    public init(_ string: String) throws(BSONError) {
        let s = Array(string.utf8)
        var i = 0
        var negative = false
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            negative = s[i] == UInt8(ascii: "-")
            i += 1
        }
        func bad(_ why: String) -> BSONError { .invalidDecimal128("\"\(string)\": \(why)") }

        // Specials.
        let rest = s[i...].map { $0 | 0x20 }  // ASCII lowercase (only compared to letters)
        if rest.elementsEqual("inf".utf8) || rest.elementsEqual("infinity".utf8) {
            self.init(high: Self.infinityHigh | (negative ? Self.signBit : 0), low: 0)
            return
        }
        if rest.elementsEqual("nan".utf8) {
            self.init(high: Self.nanHigh | (negative ? Self.signBit : 0), low: 0)
            return
        }

        // Significand: digits with at most one decimal point; leading zeros are dropped.
        var digits: [UInt8] = []
        var sawDigit = false
        var sawPoint = false
        var fractionDigits = 0
        while i < s.count {
            let c = s[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
                if !(digits.isEmpty && c == UInt8(ascii: "0")) { digits.append(c - UInt8(ascii: "0")) }
            } else if c == UInt8(ascii: ".") {
                guard !sawPoint else { throw bad("more than one decimal point") }
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { throw bad("expected digits") }

        // Exponent: saturated far outside the representable range so huge values stay errors.
        var exponent = 0
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                expNegative = s[i] == UInt8(ascii: "-")
                i += 1
            }
            var sawExpDigit = false
            while i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") {
                sawExpDigit = true
                if exponent < 100_000_000 { exponent = exponent * 10 + Int(s[i] - UInt8(ascii: "0")) }
                i += 1
            }
            guard sawExpDigit else { throw bad("expected digits in the exponent") }
            if expNegative { exponent = -exponent }
        }
        guard i == s.count else { throw bad("unexpected character at offset \(i)") }
        exponent -= fractionDigits

        if digits.isEmpty {
            // Zero: any exponent is exact once clamped into range.
            let clamped = min(max(exponent, Self.minExponent), Self.maxExponent)
            self.init(negative: negative, coefficient: 0, exponent: clamped)!
            return
        }
        // Too many digits: drop trailing zeros (exact); a non-zero digit would need rounding.
        while digits.count > Self.maxDigits || exponent < Self.minExponent {
            guard digits.last == 0 else {
                throw bad(digits.count > Self.maxDigits
                          ? "more than 34 significant digits would need inexact rounding"
                          : "the exponent is too small (underflow)")
            }
            digits.removeLast()
            exponent += 1
        }
        // Exponent too large: clamp by padding the coefficient with zeros while it fits.
        while exponent > Self.maxExponent {
            guard digits.count < Self.maxDigits else { throw bad("the exponent is too large (overflow)") }
            digits.append(0)
            exponent -= 1
        }
        var coefficient: UInt128 = 0
        for d in digits { coefficient = coefficient * 10 + UInt128(d) }
        self.init(negative: negative, coefficient: coefficient, exponent: exponent)!
    }

    /// The canonical string form: `"1.23"`, `"1.0E+6112"`, `"-0"`, `"Infinity"`, `"NaN"`.
    public var description: String {
        let combination = (high >> 58) & 0x1F
        if combination == 0x1F { return "NaN" }
        let sign = isSignMinus ? "-" : ""
        if combination == 0x1E { return sign + "Infinity" }
        let biased: UInt64
        var coefficient: UInt128
        if combination >> 3 == 0b11 {
            // The implied coefficient is above 10^34 - 1, so it is non-canonical: zero.
            biased = (high >> 47) & 0x3FFF
            coefficient = 0
        } else {
            biased = (high >> 49) & 0x3FFF
            coefficient = UInt128(high & 0x1_FFFF_FFFF_FFFF) << 64 | UInt128(low)
            if coefficient > Self.maxCoefficient { coefficient = 0 }
        }
        let exponent = Int(biased) - Self.exponentBias
        let digits = String(coefficient)
        let adjusted = exponent + digits.count - 1
        if exponent <= 0 && adjusted >= -6 {
            if exponent == 0 { return sign + digits }
            let pointPosition = digits.count + exponent  // digits before the point; may be <= 0
            if pointPosition > 0 {
                return sign + String(digits.prefix(pointPosition)) + "." + String(digits.dropFirst(pointPosition))
            }
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        var result = sign + String(digits.prefix(1))
        if digits.count > 1 { result += "." + String(digits.dropFirst()) }
        result += adjusted < 0 ? "E-" : "E+"
        result += String(abs(adjusted))
        return result
    }
}
