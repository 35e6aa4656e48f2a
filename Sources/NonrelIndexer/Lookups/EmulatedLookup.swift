import Nonrel

/// A lookup the indexer can back with a hidden, indexed field: a text lookup
/// (`.iexact`, `.istartswith`, `.endswith`, `.iendswith`, `.contains`, `.icontains`) or a date
/// transform (`.year`, `.month`, `.day`, `.weekDay`, `.isoWeekDay`, `.date`, and `.quarter`,
/// `.hour`, `.minute`, `.second`). Regular expressions are registered with
/// ``Indexer/register(_:field:regex:caseInsensitive:)``.
public enum EmulatedLookup: Sendable, Hashable, CustomStringConvertible {
    case lookup(LookupOperator)
    case transform(Transform)

    public static let iexact = EmulatedLookup.lookup(.iexact)
    public static let istartswith = EmulatedLookup.lookup(.istartswith)
    public static let endswith = EmulatedLookup.lookup(.endswith)
    public static let iendswith = EmulatedLookup.lookup(.iendswith)
    public static let contains = EmulatedLookup.lookup(.contains)
    public static let icontains = EmulatedLookup.lookup(.icontains)
    public static let year = EmulatedLookup.transform(.year)
    public static let month = EmulatedLookup.transform(.month)
    public static let day = EmulatedLookup.transform(.day)
    public static let weekDay = EmulatedLookup.transform(.weekDay)
    public static let isoWeekDay = EmulatedLookup.transform(.isoWeekDay)
    public static let quarter = EmulatedLookup.transform(.quarter)
    public static let hour = EmulatedLookup.transform(.hour)
    public static let minute = EmulatedLookup.transform(.minute)
    public static let second = EmulatedLookup.transform(.second)
    public static let date = EmulatedLookup.transform(.date)

    public var description: String {
        switch self {
        case .lookup(let op): op.rawValue
        case .transform(let transform): transform.rawValue
        }
    }

    /// The hidden field that backs this lookup, or nil when it cannot be emulated.
    var hiddenKind: HiddenField.Kind? {
        switch self {
        case .lookup(.iexact), .lookup(.istartswith): .folded
        case .lookup(.endswith): .reversed
        case .lookup(.iendswith): .foldedReversed
        case .lookup(.contains), .lookup(.icontains): .trigrams
        case .lookup: nil
        case .transform(.length): nil
        case .transform(let transform): .datePart(transform)
        }
    }

    /// Whether the lookup applies to a field of `type`, as the query resolver decides.
    func applies(to type: FieldType) -> Bool {
        switch (self, type) {
        case (.lookup, .string), (.lookup, .text): true
        case (.transform(.date), .datetime): true
        case (.transform(.hour), .datetime), (.transform(.minute), .datetime), (.transform(.second), .datetime): true
        case (.transform(.hour), _), (.transform(.minute), _), (.transform(.second), _), (.transform(.date), _): false
        case (.transform, .date), (.transform, .datetime): true
        default: false
        }
    }
}
