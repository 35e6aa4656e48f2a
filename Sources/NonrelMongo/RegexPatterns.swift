/// The `$regex` patterns of the text lookups. User text is escaped so it matches literally, and
/// patterns stay in the subset PCRE (mongod) and Python's `re` (the local test server) read
/// alike: no `\z`, `\Q…\E` or possessive quantifiers.
enum RegexPatterns {
    /// The true end of the subject. `$` also matches before a final newline, so `iexact "abc"`
    /// would match `"abc\n"`; a lookahead for "no character at all" does not.
    static let end = "(?![\\s\\S])"

    /// `text` with every metacharacter escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}", "-", "#", "/", "&", "~":
                result.append("\\")
                result.unicodeScalars.append(character)
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    static func exact(_ text: String) -> String { "^" + escape(text) + end }
    static func contains(_ text: String) -> String { escape(text) }
    static func startsWith(_ text: String) -> String { "^" + escape(text) }
    static func endsWith(_ text: String) -> String { escape(text) + end }
}
