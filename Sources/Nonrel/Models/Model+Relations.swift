extension Model {
    /// The objects of `R` whose foreign key or many-to-many field `field` refers to this object,
    /// as Django's reverse accessors (`author.posts`):
    ///
    /// ```swift
    /// extension Author { var posts: QuerySet<Post> { related(Post.self, via: "author") } }
    /// let count = try await ada.posts.count()
    /// ```
    public func related<R: Model>(_ type: R.Type, via field: String) -> QuerySet<R> {
        guard let id else {
            return QuerySet<R>(failing: NonrelError(.invalidValue, "\(Self.descriptor.name) is not saved, so no \(R.descriptor.name) can refer to it", model: Self.descriptor.name))
        }
        return R.objects.filter(field, id)
    }
}

extension QuerySet {
    /// A query set that fails with `error` when it runs.
    init(failing error: NonrelError) {
        self.init()
        self.buildError = error
    }
}
