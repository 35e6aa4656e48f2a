import Foundation
import Testing
@testable import NonrelMemory

@Suite struct UniqueIndexes {
    @Test func declaredIndexesAreDerivedFromTheDescriptor() throws {
        let indexes = try DeclaredIndexes.indexes(of: Fixture.post)
        #expect(indexes.map(\.name) == ["slug_1", "mail_1", "category_1", "category_1_views_-1", "title_1_category_1"])
        let byName = Dictionary(uniqueKeysWithValues: indexes.map { ($0.name, $0) })
        #expect(byName["slug_1"]?.unique == true && byName["slug_1"]?.sparse == false)
        #expect(byName["mail_1"]?.unique == true && byName["mail_1"]?.sparse == true)
        #expect(byName["category_1"]?.unique == false)
        #expect(byName["category_1_views_-1"]?.parts.map(\.descending) == [false, true])
        // Over nullable fields, a compound unique index only covers documents holding them.
        #expect(byName["title_1_category_1"]?.unique == true && byName["title_1_category_1"]?.requiredPresent == [["title"], ["category"]])
        let broken = ModelDescriptor(name: "Broken", collection: "broken", fields: [.primaryKeyField], uniqueTogether: [["nope"]])
        #expect(throws: NonrelError.self) { try DeclaredIndexes.indexes(of: broken) }
    }

    @Test func enforcedOnlyOnceIndexesExist() async throws {
        let db = try await seeded([["name": "a", "slug": "s"], ["name": "b", "slug": "s"]])
        _ = try await db.delete(DeleteQuery(model: Fixture.post, filter: cond("name", .exact, "b")))
        let report = try await db.ensureIndexes(for: Fixture.post)
        #expect(report.existing.isEmpty)
        #expect(report.created == ["slug_1", "mail_1", "category_1", "category_1_views_-1", "title_1_category_1"])
        #expect(report.conflicting.isEmpty && report.undeclared.isEmpty && !report.hasDrift)
        do {
            _ = try await db.insert([["name": "c", "slug": "s"]], into: Fixture.post)
            Issue.record("expected a duplicate key error")
        } catch let error as NonrelError {
            #expect(error.kind == .integrity)
            #expect(error.message == "duplicate key: Post with slug \"s\" already exists (unique index slug_1)")
            #expect(error.model == "Post" && error.field == "slug")
        }
        #expect(try await db.names() == ["a"])
    }

    @Test func reportsExistingAndCreated() async throws {
        let db = MemoryBackend()
        let first = try await db.ensureIndexes(for: Fixture.post)
        #expect(first.created.count == 5 && first.existing.isEmpty)
        let second = try await db.ensureIndexes(for: Fixture.post)
        #expect(second.existing.count == 5 && second.created.isEmpty)
        // Another declaration for the same collection: drift is reported, nothing changed.
        let changed = ModelDescriptor(name: "Post", collection: "posts", fields: [
            .primaryKeyField,
            FieldDescriptor(name: "slug", type: .string(maxLength: nil), dbIndex: true),
        ])
        let third = try await db.ensureIndexes(for: changed)
        #expect(third.existing.isEmpty && third.created.isEmpty && third.conflicting == ["slug_1"])
        #expect(third.undeclared == ["category_1", "category_1_views_-1", "mail_1", "title_1_category_1"])
        #expect(third.hasDrift)
        try await db.drop(Fixture.post)
        #expect(try await db.ensureIndexes(for: changed).created == ["slug_1"])
    }

    @Test func failsToBuildOverDuplicates() async throws {
        let db = try await seeded([["name": "a", "slug": "s"], ["name": "b", "slug": "s"]])
        do {
            _ = try await db.ensureIndexes(for: Fixture.post)
            Issue.record("expected the index build to fail")
        } catch let error as NonrelError {
            #expect(error.kind == .integrity && error.field == "slug")
            #expect(error.message.hasPrefix("cannot create unique index slug_1 on Post (slug): existing documents hold duplicate values"))
        }
        // Nothing enforced: the index was not created.
        _ = try await db.insert([["name": "c", "slug": "s"]], into: Fixture.post)
    }

    @Test func orderedInsertStopsAtFirstViolation() async throws {
        let db = MemoryBackend()
        _ = try await db.ensureIndexes(for: Fixture.post)
        await #expect(throws: NonrelError.self) {
            try await db.insert([["name": "a", "slug": "1"], ["name": "b", "slug": "2"], ["name": "c", "slug": "1"], ["name": "d", "slug": "3"]], into: Fixture.post)
        }
        #expect(try await db.names() == ["a", "b"])
    }

    @Test func saveReplacesItselfButNotOthers() async throws {
        let db = MemoryBackend()
        _ = try await db.ensureIndexes(for: Fixture.post)
        let ids = try await db.insert([["name": "a", "slug": "1"], ["name": "b", "slug": "2"]], into: Fixture.post)
        try await db.save(["_id": .string(ids[0]), "name": "a2", "slug": "1"], into: Fixture.post)
        await #expect(throws: NonrelError.self) {
            try await db.save(["_id": .string(ids[1]), "name": "b2", "slug": "1"], into: Fixture.post)
        }
        #expect(try await db.names() == ["a2", "b"])
        // The replaced document's old key is free again.
        try await db.save(["_id": .string(ids[0]), "name": "a3", "slug": "9"], into: Fixture.post)
        _ = try await db.insert([["name": "c", "slug": "1"]], into: Fixture.post)
        // Deleting frees keys too.
        _ = try await db.delete(DeleteQuery(model: Fixture.post, filter: cond("slug", .exact, "9")))
        _ = try await db.insert([["name": "d", "slug": "9"]], into: Fixture.post)
        #expect(try await db.names() == ["b", "c", "d"])
    }

    @Test func sparseUniqueAllowsManyMissing() async throws {
        let db = MemoryBackend()
        _ = try await db.ensureIndexes(for: Fixture.post)
        _ = try await db.insert([["name": "a", "slug": "1"], ["name": "b", "slug": "2"], ["name": "c", "slug": "3", "mail": "x@y"]], into: Fixture.post)
        await #expect(throws: NonrelError.self) {
            try await db.insert([["name": "d", "slug": "4", "mail": "x@y"]], into: Fixture.post)
        }
    }

    @Test func compoundAndMultikeyKeys() async throws {
        let db = MemoryBackend()
        _ = try await db.ensureIndexes(for: Fixture.post)
        _ = try await db.insert([["name": "a", "slug": "1", "title": "t", "category": "x"],
                                 ["name": "b", "slug": "2", "title": "t", "category": "y"]], into: Fixture.post)
        do {
            _ = try await db.insert([["name": "c", "slug": "3", "title": "t", "category": "x"]], into: Fixture.post)
            Issue.record("expected a duplicate key error")
        } catch let error as NonrelError {
            #expect(error.message == "duplicate key: Post with title \"t\" and category \"x\" already exists (unique index title_1_category_1)")
            #expect(error.field == "title")
        }
        // Documents without one of the nullable fields are not covered.
        _ = try await db.insert([["name": "d", "slug": "4", "title": "t"], ["name": "e", "slug": "5", "title": "t"]], into: Fixture.post)
        let tagged = ModelDescriptor(name: "Tagged", collection: "tagged", fields: [
            .primaryKeyField, FieldDescriptor(name: "tags", type: .list(.string(maxLength: nil)), unique: true),
        ])
        _ = try await db.ensureIndexes(for: tagged)
        _ = try await db.insert([["tags": ["a", "b", "a"]]], into: tagged)
        await #expect(throws: NonrelError.self) { try await db.insert([["tags": ["c", "b"]]], into: tagged) }
    }

    @Test func updatesAreCheckedPerDocument() async throws {
        let db = MemoryBackend()
        _ = try await db.ensureIndexes(for: Fixture.post)
        _ = try await db.insert([["name": "a", "slug": "1"], ["name": "b", "slug": "2"], ["name": "c", "slug": "3"]], into: Fixture.post)
        await #expect(throws: NonrelError.self) {
            try await db.update(UpdateQuery(model: Fixture.post, filter: .all, assignments: [Assignment(field: Fixture.path("slug"), value: .value("same"))]))
        }
        // MongoDB's updateMany keeps the documents updated before the failing one.
        #expect(try await db.select(SelectQuery(model: Fixture.post)).map { $0["slug"] } == ["same", "2", "3"])
    }

    @Test func duplicatePrimaryKeyIsAnIntegrityError() async throws {
        let db = MemoryBackend()
        let id = "0123456789abcdef01234567"
        _ = try await db.insert([["_id": .string(id), "name": "a"]], into: Fixture.post)
        await #expect(throws: NonrelError.self) { try await db.insert([["_id": .string(id), "name": "b"]], into: Fixture.post) }
    }
}

@Suite struct BackendBasics {
    @Test func generatedKeysAreIncreasingObjectIds() async throws {
        let db = MemoryBackend()
        let ids = try await db.insert((0..<500).map { ["name": .string("\($0)")] }, into: Fixture.post)
        #expect(ids.allSatisfy(PrimaryKey.isValid))
        #expect(ids == ids.sorted() && Set(ids).count == ids.count)
        let rows = try await db.select(SelectQuery(model: Fixture.post, limit: 1))
        #expect(rows.first?.keys == ["_id", "name"])
    }

    @Test func registeredEngineGivesEachAliasItsOwnStore() async throws {
        MemoryBackend.register()
        Databases.configure(["one": DatabaseSettings(engine: "memory"), "two": DatabaseSettings(engine: "memory")])
        let one = try Databases.backend("one")
        let two = try Databases.backend("two")
        _ = try await one.insert([["name": "a"]], into: Fixture.post)
        #expect(try await one.count(SelectQuery(model: Fixture.post)) == 1)
        #expect(try await two.count(SelectQuery(model: Fixture.post)) == 0)
        #expect(try (Databases.backend("one") as? MemoryBackend) === (one as? MemoryBackend))
    }

    @Test func concurrentWritesAreSafe() async throws {
        let db = MemoryBackend()
        _ = try await db.ensureIndexes(for: Fixture.post)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<50 {
                        _ = try await db.insert([["name": "x", "slug": .string("\(task)-\(index)"), "views": 0]], into: Fixture.post)
                        _ = try await db.update(UpdateQuery(model: Fixture.post, filter: cond("slug", .exact, .string("\(task)-0")), assignments: [
                            Assignment(field: Fixture.path("views"), value: .add(.field(Fixture.path("views")), .value(1))),
                        ]))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await db.count(SelectQuery(model: Fixture.post)) == 400)
        let rows = try await db.select(SelectQuery(model: Fixture.post, filter: cond("slug", .endswith, "-0")))
        #expect(rows.map { $0["views"] } == Array(repeating: 50, count: 8))
    }

    @Test func thousandsOfRowsStayFast() async throws {
        let db = MemoryBackend()
        _ = try await db.ensureIndexes(for: Fixture.post)
        let start = ContinuousClock.now
        _ = try await db.insert((0..<5000).map { ["name": .string("\($0)"), "slug": .string("s\($0)"), "views": .int(Int64($0 % 97)), "tags": ["a", .string("t\($0 % 10)")]] }, into: Fixture.post)
        let rows = try await db.select(SelectQuery(model: Fixture.post, filter: cond("tags", .exact, "t3"), ordering: [desc("views"), asc("name")], limit: 10))
        #expect(rows.count == 10)
        #expect(try await db.count(SelectQuery(model: Fixture.post, filter: cond("views", .lt, 10))) > 0)
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}
