/// The derived strings stored for text lookups: the case folding that `iexact`, `istartswith`,
/// `iendswith` and `icontains` compare with, the reversal that turns a suffix into a prefix, and
/// the trigrams that narrow `contains`.
///
/// Folding is Unicode *simple* case folding per scalar, as the native lookups compare (see
/// docs/Semantics.md): `É`/`é`, `K` (Kelvin)/`k` and `ẞ`/`ß` fold together; `ß` stays one
/// scalar (it does not become `ss`) and the dotless `ı` folds to nothing else. Because folding
/// maps one scalar to one scalar, it commutes with reversal and with taking substrings.
enum TextKeys {
    /// `text` case-folded, scalar by scalar.
    static func folded(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiLowercased(text) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(folded(scalar)) }
        return String(scalars)
    }

    /// One scalar's simple case folding: the lowercase of its uppercase when both are single
    /// scalars (so every case variant lands on one representative), else its single-scalar
    /// lowercase, else itself.
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII { return ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value | 0x20)! : scalar }
        if scalar == "\u{131}" { return scalar }
        if let upper = single(scalar.properties.uppercaseMapping), let lower = single(upper.properties.lowercaseMapping) {
            return lower
        }
        return single(scalar.properties.lowercaseMapping) ?? scalar
    }

    /// `text` with its scalars in reverse order: `a` ends with `b` exactly when
    /// `reversed(a)` starts with `reversed(b)` (UTF-8 matches always start on a scalar).
    static func reversed(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.reversed() { scalars.append(scalar) }
        return String(scalars)
    }

    /// The distinct three-scalar windows of `text` (already folded), in first-seen order.
    /// Every trigram of a substring is a trigram of the whole, so a document whose trigrams
    /// include all of the needle's is a candidate; one that lacks any cannot match.
    static func trigrams(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 3 else { return [] }
        var seen = Set<[UInt32]>()
        var result: [String] = []
        for start in 0...(scalars.count - 3) {
            let window = scalars[start..<(start + 3)]
            guard seen.insert(window.map(\.value)).inserted else { continue }
            var gram = String.UnicodeScalarView()
            gram.append(contentsOf: window)
            result.append(String(gram))
        }
        return result
    }

    /// The number of scalars of `text`.
    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        var iterator = mapping.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
