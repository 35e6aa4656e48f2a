/// A filter condition tree, as Django's `Q`: combine with `&`, `|` and `~` at any depth.
///
/// ```swift
/// Post.objects.filter(Q("title__icontains", "swift") | ~Q("views__lt", 10))
/// ```
public struct Q: Sendable {
    indirect enum Node: Sendable {
        case lookup(String, UnresolvedExpression)
        case and([Node])
        case or([Node])
        case not(Node)
    }

    let node: Node

    /// One condition: `"field__lookup"` and its value (`exact` when no lookup is named).
    public init(_ lookup: String, _ value: some QueryValue) {
        node = .lookup(lookup, value.queryOperand)
    }

    /// Several conditions joined by AND, as Django's keyword arguments.
    public init(_ conditions: KeyValuePairs<String, Value>) {
        node = .and(conditions.map { .lookup($0.key, .value($0.value)) })
    }

    init(node: Node) { self.node = node }

    public static func & (lhs: Q, rhs: Q) -> Q { Q(node: .and([lhs.node, rhs.node])) }
    public static func | (lhs: Q, rhs: Q) -> Q { Q(node: .or([lhs.node, rhs.node])) }
    public static prefix func ~ (operand: Q) -> Q { Q(node: .not(operand.node)) }

    /// `&` with the precedence of `&&`, so typed comparisons need no parentheses:
    /// `\Post.views > 10 && \Post.published == true`.
    public static func && (lhs: Q, rhs: Q) -> Q { lhs & rhs }
    /// `|` with the precedence of `||`.
    public static func || (lhs: Q, rhs: Q) -> Q { lhs | rhs }
    /// `~`, spelled as Swift's negation.
    public static prefix func ! (operand: Q) -> Q { ~operand }
}
