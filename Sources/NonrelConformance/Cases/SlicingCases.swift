import Nonrel

/// Slices over `orderBy("views")` (ties by primary key).
func sliceCase(_ name: String, _ slice: @escaping @Sendable (QuerySet<Post>) -> QuerySet<Post>,
               _ expected: @escaping @Sendable ([String]) -> [String]) -> ConformanceCase {
    ConformanceCase("slicing.\(name)") {
        let blog = try await Blog.load()
        let all = blog.ordered(by: { $0.views })
        let query = slice(Post.objects.orderBy("views"))
        let want = expected(all)
        try await expectOrder(query, want, "slice")
        try expectEqual(try await query.count(), want.count, "count of the slice")
        try expectEqual(try await query.exists(), !want.isEmpty, "exists on the slice")
    }
}

enum SlicingCases {
    static var cases: [ConformanceCase] {
        [
            sliceCase("head", { $0[0..<3] }, { Array($0[0..<3]) }),
            sliceCase("middle", { $0[2..<5] }, { Array($0[2..<5]) }),
            sliceCase("from", { $0[7...] }, { Array($0[7...]) }),
            sliceCase("up_to", { $0[..<2] }, { Array($0[..<2]) }),
            sliceCase("past_the_end", { $0[20..<30] }, { _ in [] }),
            sliceCase("overlapping_end", { $0[8..<20] }, { Array($0[8...]) }),
            sliceCase("empty_range", { $0[3..<3] }, { _ in [] }),
            sliceCase("slice_of_slice", { $0[2..<8][1..<3] }, { Array($0[3..<5]) }),
            sliceCase("slice_of_slice_clamped", { $0[2..<4][1..<10] }, { Array($0[3..<4]) }),
            sliceCase("from_of_slice", { $0[1..<6][2...] }, { Array($0[3..<6]) }),
            sliceCase("reversed", { $0.reverse()[0..<2] }, { Array($0.reversed()[0..<2]) }),
            ConformanceCase("slicing.with_filter") {
                _ = try await Blog.load()
                try await expectOrder(Post.objects.filter("published", true).orderBy("-views")[1..<3], ["p6", "p4"], "filtered slice")
            },
            ConformanceCase("slicing.first_of_slice") {
                let blog = try await Blog.load()
                let all = blog.ordered(by: { $0.views })
                try expectEqual(try await Post.objects.orderBy("views")[4...].first()?.slug, all[4], "first of [4...]")
                try expectEqual(try await Post.objects.orderBy("views")[2..<5].last()?.slug, all[4], "last of [2..<5]")
            },
            ConformanceCase("slicing.get_on_slice") {
                let blog = try await Blog.load()
                let all = blog.ordered(by: { $0.views })
                try expectEqual(try await Post.objects.orderBy("views")[3..<4].get().slug, all[3], "get on a one-element slice")
                try await expectError(.multipleObjectsReturned, "get on a two-element slice") {
                    _ = try await Post.objects.orderBy("views")[3..<5].get()
                }
            },
            ConformanceCase("slicing.update_refused") {
                _ = try await Blog.load()
                try await expectError(.unsupported, "update of a slice") { _ = try await Post.objects.orderBy("views")[0..<2].update(["views": 1]) }
                try expectEqual(try await Post.objects.filter("views", 1).count(), 0, "nothing updated")
            },
            ConformanceCase("slicing.delete_refused") {
                _ = try await Blog.load()
                try await expectError(.unsupported, "delete of a slice") { _ = try await Post.objects.orderBy("views")[0..<2].delete() }
                try expectEqual(try await Post.objects.count(), 9, "nothing deleted")
            },
            ConformanceCase("slicing.aggregate_refused") {
                try await expectError(.unsupported, "aggregate of a slice") { _ = try await Post.objects.all()[0..<2].aggregate(Count()) }
            },
            ConformanceCase("slicing.values_of_slice") {
                let blog = try await Blog.load()
                let all = blog.ordered(by: { $0.views })
                let slugs = try await Post.objects.orderBy("views")[1..<4].valuesList(flat: "slug")
                try expectEqual(slugs, all[1..<4].map { .string($0) }, "values of a slice")
            },
        ]
    }
}
