import Foundation
import Nonrel

enum HookCases {
    static var cases: [ConformanceCase] {
        [
            ConformanceCase("hooks.save_runs_will_and_did_save") {
                let log = UUID().uuidString
                var note = Note(text: "Hello There", log: log)
                try await note.save()
                try expectEqual(note.slug, "hello-there", "willSave changed the model before writing")
                try expectEqual(note.revision, 1, "revision")
                let stored = try await Note.objects.get("pk", try unwrap(note.id))
                try expectEqual(stored.slug, "hello-there", "the change was written")
                try expectEqual(HookLog.entries(log), ["willSave Hello There", "didSave Hello There true"], "hooks")
                try await note.save()
                try expectEqual(try await Note.objects.get("pk", note.id!).revision, 2, "second save")
                try expectEqual(try await Note.objects.count(), 1, "one note")
            },
            ConformanceCase("hooks.will_save_can_refuse") {
                var note = Note(text: "forbidden", log: UUID().uuidString)
                do {
                    try await note.save()
                    throw ConformanceFailure("willSave should have thrown")
                } catch is ConformanceFailure {
                    // expected: the hook's error propagates
                }
                try expectEqual(try await Note.objects.count(), 0, "nothing written")
            },
            ConformanceCase("hooks.create_runs_hooks") {
                let log = UUID().uuidString
                let note = try await Note.objects.create(Note(text: "A B", log: log))
                try expectEqual(note.slug, "a-b", "slug")
                try expectEqual(HookLog.entries(log).count, 2, "hooks ran")
            },
            ConformanceCase("hooks.delete_runs_hooks") {
                let log = UUID().uuidString
                let note = try await Note.objects.create(Note(text: "X", log: log))
                try await note.delete()
                try expectEqual(HookLog.entries(log).suffix(2), ["willDelete X", "didDelete X"], "delete hooks")
                try expectEqual(try await Note.objects.count(), 0, "deleted")
            },
            ConformanceCase("hooks.bulk_operations_skip_hooks") {
                let log = UUID().uuidString
                let notes = try await Note.objects.bulkCreate([Note(text: "One", log: log), Note(text: "Two", log: log)])
                try expectNil(notes[0].slug, "bulkCreate does not run willSave")
                try await Note.objects.all().update(["revision": 7])
                try await Note.objects.all().delete()
                try expectEqual(HookLog.entries(log), [], "no hooks for bulk create, update and delete")
            },
        ]
    }
}
