// Typed queries: name fields with key paths where Swift can check them. Both forms build the
// same query tree as lookup strings.
//
// ```swift
// Post.objects.filter(\.title, .icontains, "swift")
// Post.objects.filter(\Post.views > 100 || \Post.published == false)
// Post.objects.orderBy(\.created, descending: true)
// ```

extension Schema {
    /// The lookup name of a key path: its declared field name, `id` for the primary key.
    func lookupName(_ keyPath: PartialKeyPath<M> & Sendable) -> String {
        if let name = name(of: keyPath) { return name }
        return "<key path \(keyPath) not declared in \(String(describing: M.self)).schema>"
    }
}

extension Model {
    static func lookupName(_ keyPath: PartialKeyPath<Self> & Sendable) -> String {
        if let name = schema.name(of: keyPath) { return name }
        // The primary key is not declared in the schema. A concrete `\Post.id` differs from
        // the protocol requirement's key path, so recognise it by its type and name.
        if keyPath is KeyPath<Self, String?>, String(describing: keyPath).hasSuffix(".id") { return "pk" }
        return schema.lookupName(keyPath)
    }
}

extension Q {
    /// A condition on a key path: `Q(\Post.title, .icontains, "swift")`.
    public init<M: Model, V>(_ keyPath: KeyPath<M, V> & Sendable, _ op: LookupOperator = .exact, _ value: some QueryValue) {
        self.init("\(M.lookupName(keyPath))__\(op.rawValue)", value)
    }
}

extension QuerySet {
    /// Keeps objects whose field at `keyPath` matches: `filter(\.views, .gte, 100)`.
    public func filter<V>(_ keyPath: KeyPath<M, V> & Sendable, _ op: LookupOperator = .exact, _ value: some QueryValue) -> QuerySet {
        filter(Q(keyPath, op, value))
    }

    /// Removes objects whose field at `keyPath` matches.
    public func exclude<V>(_ keyPath: KeyPath<M, V> & Sendable, _ op: LookupOperator = .exact, _ value: some QueryValue) -> QuerySet {
        exclude(Q(keyPath, op, value))
    }

    /// Orders by a key path.
    public func orderBy<V>(_ keyPath: KeyPath<M, V> & Sendable, descending: Bool = false) -> QuerySet {
        orderBy((descending ? "-" : "") + M.lookupName(keyPath))
    }
}

extension Manager {
    public func filter<V>(_ keyPath: KeyPath<M, V> & Sendable, _ op: LookupOperator = .exact, _ value: some QueryValue) -> QuerySet<M> {
        all().filter(keyPath, op, value)
    }
}

public func == <M: Model, V: QueryValue>(lhs: KeyPath<M, V> & Sendable, rhs: V) -> Q { Q(lhs, .exact, rhs) }
public func != <M: Model, V: QueryValue>(lhs: KeyPath<M, V> & Sendable, rhs: V) -> Q { ~Q(lhs, .exact, rhs) }
public func > <M: Model, V: QueryValue>(lhs: KeyPath<M, V> & Sendable, rhs: V) -> Q { Q(lhs, .gt, rhs) }
public func >= <M: Model, V: QueryValue>(lhs: KeyPath<M, V> & Sendable, rhs: V) -> Q { Q(lhs, .gte, rhs) }
public func < <M: Model, V: QueryValue>(lhs: KeyPath<M, V> & Sendable, rhs: V) -> Q { Q(lhs, .lt, rhs) }
public func <= <M: Model, V: QueryValue>(lhs: KeyPath<M, V> & Sendable, rhs: V) -> Q { Q(lhs, .lte, rhs) }
