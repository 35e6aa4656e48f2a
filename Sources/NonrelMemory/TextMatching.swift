/// Literal text lookups on UTF-8 bytes (as MongoDB's byte-wise regular expressions over
/// escaped text), with Unicode simple case folding for the case-insensitive ones.
enum TextMatching {
    /// The bytes compared: the string itself, or its case folding.
    static func bytes(_ text: String, folded: Bool) -> [UInt8] {
        folded ? fold(text) : Array(text.utf8)
    }

    /// Simple (one-to-one) case folding per Unicode scalar, as a case-insensitive regular
    /// expression matches: `É` and `é`, `K` (Kelvin) and `k`, `ẞ` and `ß` fold together;
    /// `ß` does not become `ss`.
    static func fold(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(fold(scalar)) }
        return Array(String(scalars).utf8)
    }

    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII || scalar.value == 0x131 { // dotless ı folds to nothing else
            return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        let upper = scalar.properties.uppercaseMapping.unicodeScalars
        if upper.count == 1, let single = upper.first {
            let lower = single.properties.lowercaseMapping.unicodeScalars
            if lower.count == 1, let folded = lower.first { return folded }
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let folded = lower.first { return folded }
        return scalar
    }

    static func hasPrefix(_ text: [UInt8], _ prefix: [UInt8]) -> Bool {
        text.count >= prefix.count && text.starts(with: prefix)
    }

    static func hasSuffix(_ text: [UInt8], _ suffix: [UInt8]) -> Bool {
        text.count >= suffix.count && text[(text.count - suffix.count)...].elementsEqual(suffix)
    }

    /// Whether `needle` occurs in `text` (byte search; UTF-8 is self-synchronizing, so a match
    /// always starts on a scalar boundary).
    static func contains(_ text: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard text.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = text.count - needle.count
        while index <= last {
            if text[index] == first {
                var offset = 1
                while offset < needle.count, text[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
