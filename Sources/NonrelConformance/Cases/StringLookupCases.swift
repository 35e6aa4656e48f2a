import Nonrel

// Titles: p1 "Hello World", p2 "hello world", p3 "Émile's notes", p4 "émile lowercase", p5 "a.b*c",
// p6 "abc\n", p7 "ABC", p8 "{"$gt": ""}", p9 "100% _sale_".
// Bodies: p1 "First post. Welcome!", p2 nil, p3 "Ça va?", p4 "", p5 "regex (metachar) [test]",
// p6 nil, p7 "abc", p8 "$where", p9 nil.
enum StringLookupCases {
    static var cases: [ConformanceCase] {
        exact + iexact + contains + icontains + startsEnds + regex + comparisons + misc
    }

    static var exact: [ConformanceCase] {
        [
            match("lookups.string.exact", Q("title", "Hello World"), ["p1"]),
            match("lookups.string.exact_is_case_sensitive", Q("title", "hello world"), ["p2"]),
            match("lookups.string.exact_explicit_lookup", Q("title__exact", "ABC"), ["p7"]),
            match("lookups.string.exact_non_ascii", Q("title", "Émile's notes"), ["p3"]),
            match("lookups.string.exact_non_ascii_case_differs", Q("title", "émile's notes"), []),
            match("lookups.string.exact_no_trimming", Q("title", "abc"), []),
            match("lookups.string.exact_with_newline", Q("title", "abc\n"), ["p6"]),
            match("lookups.string.exact_operator_lookalike_is_data", Q("title", "{\"$gt\": \"\"}"), ["p8"]),
            match("lookups.string.exact_dollar_text_is_data", Q("body", "$where"), ["p8"]),
            match("lookups.string.exact_empty_string_is_not_null", Q("body", ""), ["p4"]),
            match("lookups.string.exact_on_text_field", Q("body", "abc"), ["p7"]),
            match("lookups.string.exact_metacharacters_literal", Q("title", "a.b*c"), ["p5"]),
            match("lookups.string.exact_dot_is_not_wildcard", Q("title", "aXb*c"), []),
        ]
    }

    static var iexact: [ConformanceCase] {
        [
            match("lookups.string.iexact_lowercase", Q("title__iexact", "hello world"), ["p1", "p2"]),
            match("lookups.string.iexact_uppercase", Q("title__iexact", "HELLO WORLD"), ["p1", "p2"]),
            match("lookups.string.iexact_folds_non_ascii", Q("title__iexact", "émile's NOTES"), ["p3"]),
            match("lookups.string.iexact_folds_non_ascii_upper", Q("title__iexact", "ÉMILE LOWERCASE"), ["p4"]),
            match("lookups.string.iexact_does_not_strip_accents", Q("title__iexact", "EMILE LOWERCASE"), []),
            match("lookups.string.iexact_not_prefix", Q("title__iexact", "hello"), []),
            match("lookups.string.iexact_trailing_newline_differs", Q("title__iexact", "abc"), ["p7"]),
            match("lookups.string.iexact_metacharacters_literal", Q("title__iexact", "A.B*C"), ["p5"]),
            match("lookups.string.iexact_dot_is_not_wildcard", Q("title__iexact", "a-b*c"), []),
            match("lookups.string.iexact_percent_underscore_literal", Q("title__iexact", "100% _SALE_"), ["p9"]),
            match("lookups.string.iexact_percent_not_wildcard", Q("title__iexact", "100%"), []),
            match("lookups.string.iexact_operator_lookalike", Q("title__iexact", "{\"$GT\": \"\"}"), ["p8"]),
            match("lookups.string.iexact_on_text_field", Q("body__iexact", "ABC"), ["p7"]),
            match("lookups.string.iexact_nil_is_isnull", Q("body__iexact", Value.null), ["p2", "p6", "p9"]),
        ]
    }

    static var contains: [ConformanceCase] {
        [
            match("lookups.string.contains", Q("title__contains", "World"), ["p1"]),
            match("lookups.string.contains_case_sensitive", Q("title__contains", "world"), ["p2"]),
            match("lookups.string.contains_non_ascii", Q("title__contains", "mile"), ["p3", "p4"]),
            match("lookups.string.contains_dot_literal", Q("title__contains", "."), ["p5"]),
            match("lookups.string.contains_star_literal", Q("title__contains", "*"), ["p5"]),
            match("lookups.string.contains_percent_literal", Q("title__contains", "%"), ["p9"]),
            match("lookups.string.contains_underscore_literal", Q("title__contains", "_"), ["p9"]),
            match("lookups.string.contains_dollar_literal", Q("title__contains", "$gt"), ["p8"]),
            match("lookups.string.contains_quote_and_brace", Q("title__contains", "{\""), ["p8"]),
            match("lookups.string.contains_newline", Q("title__contains", "\n"), ["p6"]),
            match("lookups.string.contains_apostrophe", Q("title__contains", "'s"), ["p3"]),
            match("lookups.string.contains_parentheses_literal", Q("body__contains", "(metachar)"), ["p5"]),
            match("lookups.string.contains_brackets_literal", Q("body__contains", "[test]"), ["p5"]),
            match("lookups.string.contains_question_mark_literal", Q("body__contains", "?"), ["p3"]),
            match("lookups.string.contains_on_nullable_text", Q("body__contains", "a"), ["p3", "p5", "p7"]),
            match("lookups.string.contains_whole_value", Q("title__contains", "ABC"), ["p7"]),
        ]
    }

    static var icontains: [ConformanceCase] {
        [
            match("lookups.string.icontains", Q("title__icontains", "WORLD"), ["p1", "p2"]),
            match("lookups.string.icontains_folds_non_ascii", Q("title__icontains", "ÉMILE"), ["p3", "p4"]),
            match("lookups.string.icontains_lower_non_ascii", Q("title__icontains", "émile"), ["p3", "p4"]),
            match("lookups.string.icontains_does_not_strip_accents", Q("title__icontains", "EMILE"), []),
            match("lookups.string.icontains_abc", Q("title__icontains", "abc"), ["p6", "p7"]),
            match("lookups.string.icontains_metacharacters_literal", Q("title__icontains", ".B*"), ["p5"]),
            match("lookups.string.icontains_regex_class_literal", Q("body__icontains", "[TEST]"), ["p5"]),
            match("lookups.string.icontains_cedilla", Q("body__icontains", "ÇA"), ["p3"]),
            match("lookups.string.icontains_dollar", Q("body__icontains", "$WHERE"), ["p8"]),
            match("lookups.string.icontains_backslash_literal", Q("title__icontains", "\\"), []),
            match("lookups.string.icontains_caret_literal", Q("title__icontains", "^a"), []),
            match("lookups.string.icontains_on_json_strings_only", Q("extra__icontains", "TEX"), ["p3"]),
            match("lookups.string.icontains_never_matches_numbers", Q("extra__icontains", "4"), []),
        ]
    }

    static var startsEnds: [ConformanceCase] {
        [
            match("lookups.string.startswith", Q("title__startswith", "Hello"), ["p1"]),
            match("lookups.string.startswith_case_sensitive", Q("title__startswith", "hello"), ["p2"]),
            match("lookups.string.startswith_non_ascii", Q("title__startswith", "É"), ["p3"]),
            match("lookups.string.startswith_metacharacters", Q("title__startswith", "a."), ["p5"]),
            match("lookups.string.startswith_brace", Q("title__startswith", "{"), ["p8"]),
            match("lookups.string.startswith_dollar", Q("body__startswith", "$"), ["p8"]),
            match("lookups.string.istartswith", Q("title__istartswith", "HELLO"), ["p1", "p2"]),
            match("lookups.string.istartswith_folds_non_ascii", Q("title__istartswith", "é"), ["p3", "p4"]),
            match("lookups.string.istartswith_ab", Q("title__istartswith", "ab"), ["p6", "p7"]),
            match("lookups.string.istartswith_percent", Q("title__istartswith", "100%"), ["p9"]),
            match("lookups.string.endswith", Q("title__endswith", "World"), ["p1"]),
            match("lookups.string.endswith_case_sensitive", Q("title__endswith", "c"), ["p5"]),
            match("lookups.string.endswith_newline", Q("title__endswith", "\n"), ["p6"]),
            match("lookups.string.endswith_star_literal", Q("title__endswith", "*c"), ["p5"]),
            match("lookups.string.endswith_underscore", Q("title__endswith", "_"), ["p9"]),
            match("lookups.string.iendswith", Q("title__iendswith", "WORLD"), ["p1", "p2"]),
            match("lookups.string.iendswith_single_letter", Q("title__iendswith", "c"), ["p5", "p7"]),
            match("lookups.string.iendswith_non_ascii", Q("title__iendswith", "NOTES"), ["p3"]),
            match("lookups.string.iendswith_question_mark", Q("body__iendswith", "VA?"), ["p3"]),
        ]
    }

    static var regex: [ConformanceCase] {
        [
            match("lookups.string.regex_anchor", Q("title__regex", "^[Hh]ello"), ["p1", "p2"]),
            match("lookups.string.regex_dot_is_pattern", Q("title__regex", "^a.b"), ["p5"]),
            match("lookups.string.regex_end_anchor", Q("title__regex", "World$"), ["p1"]),
            match("lookups.string.regex_digits", Q("title__regex", "[0-9]+%"), ["p9"]),
            match("lookups.string.regex_non_ascii_case_sensitive", Q("title__regex", "é"), ["p4"]),
            match("lookups.string.regex_alternation", Q("title__regex", "^(ABC|a\\.b)"), ["p5", "p7"]),
            match("lookups.string.regex_escaped_metacharacter", Q("title__regex", "b\\*c"), ["p5"]),
            match("lookups.string.iregex", Q("title__iregex", "world$"), ["p1", "p2"]),
            match("lookups.string.iregex_non_ascii", Q("title__iregex", "^é"), ["p3", "p4"]),
            match("lookups.string.iregex_quantifier", Q("title__iregex", "^a[b.]"), ["p5", "p6", "p7"]),
            match("lookups.string.regex_on_nullable_text", Q("body__regex", "^[a-z]+$"), ["p7"]),
        ]
    }

    static var comparisons: [ConformanceCase] {
        [
            match("lookups.string.gt_by_utf8_bytes", Q("title__gt", "a"), ["p2", "p3", "p4", "p5", "p6", "p8"]),
            match("lookups.string.lt", Q("title__lt", "B"), ["p7", "p9"]),
            match("lookups.string.gte_non_ascii", Q("title__gte", "émile lowercase"), ["p4"]),
            match("lookups.string.lte", Q("title__lte", "ABC"), ["p7", "p9"]),
            match("lookups.string.range", Q("title__range", ["A", "I"]), ["p1", "p7"]),
            match("lookups.string.in", Q("title__in", ["ABC", "abc", "Hello World"]), ["p1", "p7"]),
            match("lookups.string.in_empty_matches_nothing", Q("title__in", [String]()), []),
            match("lookups.string.in_non_ascii", Q("title__in", ["Émile's notes", "émile's notes"]), ["p3"]),
            match("lookups.string.in_on_nullable_field", Q("body__in", ["", "abc"]), ["p4", "p7"]),
            match("lookups.string.gt_on_nullable_never_matches_null", Q("body__gt", ""), ["p1", "p3", "p5", "p7", "p8"]),
        ]
    }

    static var misc: [ConformanceCase] {
        [
            match("lookups.string.slug_exact", Q("slug", "p9"), ["p9"]),
            match("lookups.string.several_conditions_and", Q(["title__icontains": "world", "published": true]), ["p1"]),
            match("lookups.string.choices_field", Q("status", "draft"), ["p2", "p5", "p7"]),
            match("lookups.string.choices_in", Q("status__in", ["archived", "published"]), ["p1", "p3", "p4", "p6", "p8", "p9"]),
            match("lookups.string.startswith_on_json_string", Q("extra__startswith", "t"), ["p3"]),
            ConformanceCase("lookups.string.chained_filters_and") {
                _ = try await Blog.load()
                try await expectSlugs(Post.objects.filter("title__icontains", "e").filter("published", true).filter("views__gt", 1),
                                      ["p1", "p4"], "chained filters")
            },
        ]
    }
}
