import Foundation

// Conversions between `Decimal128` and Foundation's `Decimal`, through the Decimal128 string
// form (`Decimal128.init(_:)` and `description`), which both types read and write exactly.

extension Decimal128 {
    /// The value of a Foundation `Decimal`. `Decimal` holds up to 38 digits; one with more than
    /// Decimal128's 34 significant digits is rounded half to even (as `Decimal(1) / 3` needs).
    init(_decimal value: Decimal) throws(_BSONCoercionError) {
        if value.isNaN {
            self = .nan
            return
        }
        // `Decimal.description` is locale-independent plain notation: "-123.45".
        var text = value.description
        let digits = text.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
            .filter { $0 != UInt8(ascii: ".") }.count
        if digits > 34 {
            let fraction = text.split(separator: ".").dropFirst().first?.count ?? 0
            var input = value
            var rounded = Decimal()
            NSDecimalRound(&rounded, &input, fraction - (digits - 34), .bankers)
            text = rounded.description
        }
        do {
            self = try Decimal128(text)
        } catch {
            throw _BSONCoercionError("Decimal \(value) cannot be stored as a Decimal128: \(error)")
        }
    }

    /// The value as a Foundation `Decimal`, or an error when `Decimal` cannot hold it.
    func _foundationDecimal() throws(_BSONCoercionError) -> Decimal {
        if isNaN { return .nan }
        guard !isInfinite,
              let result = Decimal(string: description, locale: Locale(identifier: "en_US_POSIX")), !result.isNaN
        else {
            throw _BSONCoercionError("decimal128 \(description) cannot be represented as Decimal")
        }
        return result
    }
}
