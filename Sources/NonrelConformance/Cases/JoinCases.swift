import Nonrel

// Filters across relations. With a backend that resolves JOINs (the indexer) they select what
// the same question asked in two plain queries selects; without one they are `needsIndexer`
// errors that say what to do.
enum JoinCases {
    static var cases: [ConformanceCase] {
        [
            joinMatch("joins.fk_related_field", Q("author__name", "bob")) { try await postsBy(Q("name", "bob")) },
            joinMatch("joins.fk_related_lookup", Q("author__name__icontains", "b")) { try await postsBy(Q("name__icontains", "b")) },
            joinMatch("joins.fk_related_iexact_unicode", Q("author__name__iexact", "ÉMILE")) { try await postsBy(Q("name__iexact", "ÉMILE")) },
            joinMatch("joins.fk_related_comparison", Q("author__age__gt", 30)) { try await postsBy(Q("age__gt", 30)) },
            joinMatch("joins.fk_related_isnull_field", Q("author__email__isnull", false)) { try await postsBy(Q("email__isnull", false)) },
            joinMatch("joins.m2m_related_field", Q("labels__name", "swift")) { try await postsLabelled(Q("name", "swift")) },
            joinMatch("joins.m2m_related_two_fields", Q("labels__group", "lang") & Q("labels__name", "python")) {
                try await postsLabelled(Q("group", "lang")).intersection(try await postsLabelled(Q("name", "python")))
            },
            joinMatch("joins.or_across_relations", Q("author__name", "Zoë") | Q("labels__name", "db")) {
                try await postsBy(Q("name", "Zoë")).union(try await postsLabelled(Q("name", "db")))
            },
            joinMatch("joins.or_with_local_field", Q("author__name", "emile") | Q("views__gt", 100)) {
                try await postsBy(Q("name", "emile")).union(try await slugSet(Post.objects.filter("views__gt", 100)))
            },
            joinMatch("joins.not_across_relation_keeps_posts_without_author", ~Q("author__age__gt", 30)) {
                let all = try await slugSet(Post.objects.all())
                return all.subtracting(try await postsBy(Q("age__gt", 30)))
            },
            joinMatch("joins.and_of_ors", (Q("author__name", "Zoë") | Q("author__name", "emile")) & (Q("labels__name", "db") | Q("views__lt", 5))) {
                let byAuthor = try await postsBy(Q("name", "Zoë")).union(try await postsBy(Q("name", "emile")))
                let second = try await postsLabelled(Q("name", "db")).union(try await slugSet(Post.objects.filter("views__lt", 5)))
                return byAuthor.intersection(second)
            },
            joinMatch("joins.no_related_match", Q("author__name", "nobody")) { [] },
            queryError("joins.unknown_related_field", Q("author__nosuch", 1), .fieldDoesNotExist),
        ]
    }

    /// Slugs of posts whose author matches `q` (two plain queries).
    static func postsBy(_ q: Q) async throws -> Set<String> {
        let ids = try await Author.objects.filter(q).fetch().compactMap(\.id)
        return ids.isEmpty ? [] : try await slugSet(Post.objects.filter("author__in", ids))
    }

    /// Slugs of posts with a label matching `q` (two plain queries).
    static func postsLabelled(_ q: Q) async throws -> Set<String> {
        let ids = try await Tag.objects.filter(q).fetch().compactMap(\.id)
        return ids.isEmpty ? [] : try await slugSet(Post.objects.filter("labels__overlap", ids))
    }
}

/// A JOIN case: with JOIN support, `q` must select exactly what `reference` computes (and
/// its negation the rest); without, it must be a `needsIndexer` error naming the indexer.
func joinMatch(_ name: String, _ q: Q, file: String = #fileID, line: Int = #line,
               reference: @escaping @Sendable () async throws -> Set<String>) -> ConformanceCase {
    ConformanceCase(name) {
        let blog = try await Blog.load()
        guard try Databases.backend(Databases.defaultAlias).features.joins else {
            try await expectError(.needsIndexer, mentioning: ["indexer"], "filter without JOIN support", file: file, line: line) {
                _ = try await Post.objects.filter(q).fetch()
            }
            return
        }
        try await checkMatch(blog, q, try await reference(), name, file: file, line: line)
    }
}
