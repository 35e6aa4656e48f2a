import Foundation
import Nonrel

/// A value derived from one source field and stored beside it in every document, indexed, so
/// that an emulated lookup becomes an equality, range or prefix query on it.
///
/// Columns are `_idx_<source column>_<kind>`:
///
/// | kind | stored | serves |
/// |---|---|---|
/// | `folded` | the case folding | `iexact` (equality), `istartswith` (prefix) |
/// | `reversed` | the scalars reversed | `endswith` (prefix) |
/// | `ifolded_reversed` | the folding reversed | `iendswith` (prefix) |
/// | `trigrams` | distinct trigrams of the folding | `contains`, `icontains` (`$all`, then verified) |
/// | `year`, `month`, `week_day`... | the UTC date part (an int; a date for `date`) | the transform, any comparison |
/// | `regex_<hash>` | whether the pattern matches (a bool) | that `regex`/`iregex` |
///
/// A source value of the wrong type (or nil) stores nothing, as the native lookup matches
/// nothing there.
struct HiddenField: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case folded, reversed, foldedReversed, trigrams
        case datePart(Transform)
        case regex(pattern: String, caseInsensitive: Bool)
    }

    /// The reserved column prefix; such columns never reach models or values.
    static let prefix = "_idx_"

    let source: FieldDescriptor
    let kind: Kind

    static func == (a: HiddenField, b: HiddenField) -> Bool { a.column == b.column }
    func hash(into hasher: inout Hasher) { hasher.combine(column) }

    var column: String {
        let base = Self.prefix + source.column + "_"
        switch kind {
        case .folded: return base + "folded"
        case .reversed: return base + "reversed"
        case .foldedReversed: return base + "ifolded_reversed"
        case .trigrams: return base + "trigrams"
        case .datePart(let transform): return base + transform.rawValue
        case .regex(let pattern, let caseInsensitive): return base + "regex_" + Self.digest((caseInsensitive ? "i:" : "c:") + pattern)
        }
    }

    /// The stored type.
    var type: FieldType {
        switch kind {
        case .folded, .reversed, .foldedReversed: .string(maxLength: nil)
        case .trigrams: .list(.string(maxLength: nil))
        case .datePart(.date): .date
        case .datePart: .int
        case .regex: .bool
        }
    }

    /// The descriptor the wrapped backend's `ensureIndexes` creates the index from.
    var descriptor: FieldDescriptor {
        FieldDescriptor(name: column, column: column, type: type, null: true, blank: true, dbIndex: true)
    }

    /// The path queries and projections use.
    var path: FieldPath { FieldPath(columns: [column], type: type, field: descriptor) }

    /// The value to store for a source value (nil: store nothing).
    func value(for source: Value?) -> Value? {
        switch (kind, source) {
        case (.folded, .string(let text)?): return .string(TextKeys.folded(text))
        case (.reversed, .string(let text)?): return .string(TextKeys.reversed(text))
        case (.foldedReversed, .string(let text)?): return .string(TextKeys.reversed(TextKeys.folded(text)))
        case (.trigrams, .string(let text)?): return .array(TextKeys.trigrams(TextKeys.folded(text)).map(Value.string))
        case (.datePart(let transform), .date(let date)?): return UTCDateParts(date).value(of: transform)
        case (.regex(let pattern, let caseInsensitive), .string(let text)?):
            guard let regex = try? Self.compile(pattern, caseInsensitive: caseInsensitive) else { return nil }
            return .bool(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        default: return nil
        }
    }

    /// The pattern as the memory backend runs `regex`/`iregex` (ICU).
    static func compile(_ pattern: String, caseInsensitive: Bool) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits: a column name stable across runs.
    private static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
