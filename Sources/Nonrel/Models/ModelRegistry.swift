import Synchronization

/// The stored models the process knows, for reverse relations (`author.posts`, `posts__title`).
/// A model registers itself when its schema is first used; register models up front with
/// ``register(_:)`` so that reverse lookups find them before that.
public enum ModelRegistry {
    static let models = Mutex<[String: ModelDescriptor]>([:])

    /// Registers model types (their schemas are built now).
    public static func register(_ types: any Model.Type...) {
        for type in types { add(type.descriptor) }
    }

    static func add(_ descriptor: ModelDescriptor) {
        guard !descriptor.isEmbedded else { return }
        models.withLock { $0[descriptor.name] = descriptor }
    }

    /// Every registered stored model.
    public static var all: [ModelDescriptor] {
        models.withLock { Array($0.values) }.sorted { $0.name < $1.name }
    }

    /// The model and field behind the reverse relation `name` of `model`: a foreign key or
    /// many-to-many field of another model that refers to `model` and whose `relatedName` is
    /// `name` (or, without one, whose model's lowercased name is `name`, as Django's default).
    public static func reverseRelation(named name: String, to model: ModelDescriptor) -> (model: ModelDescriptor, field: FieldDescriptor)? {
        for candidate in all {
            for field in candidate.fields {
                let reference: ModelReference
                switch field.type {
                case .foreignKey(let r), .manyToMany(let r): reference = r
                default: continue
                }
                guard reference.modelName == model.name else { continue }
                if (field.relatedName ?? candidate.name.lowercased()) == name { return (candidate, field) }
            }
        }
        return nil
    }
}
