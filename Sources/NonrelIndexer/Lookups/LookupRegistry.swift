import Nonrel
import Synchronization

/// The emulated lookups registered on an ``Indexer``, per collection.
final class LookupRegistry: Sendable {
    private let models = Mutex<[String: ModelLookups]>([:])

    /// The registrations of `model`'s collection, if any.
    func lookups(for model: ModelDescriptor) -> ModelLookups? {
        models.withLock { $0[model.collection] }
    }

    func register(_ model: ModelDescriptor, _ lookups: [String: [EmulatedLookup]]) throws(NonrelError) {
        var fields: [HiddenField] = []
        for name in lookups.keys.sorted() {
            let field = try Self.source(name, of: model)
            for lookup in lookups[name] ?? [] {
                guard let kind = lookup.hiddenKind else {
                    throw NonrelError(
                        .lookupDoesNotExist,
                        "\(model.name).\(name): \(lookup) cannot be emulated (supported: iexact, istartswith, endswith, iendswith, contains, icontains on text; year, month, day, week_day, iso_week_day, quarter, date, hour, minute, second on dates; regex through register(_:field:regex:))",
                        model: model.name, field: name)
                }
                guard lookup.applies(to: field.type) else {
                    throw NonrelError(
                        .lookupDoesNotExist,
                        "\(model.name).\(name) is a \(field.type.name) field; \(lookup) does not apply to it",
                        model: model.name, field: name)
                }
                fields.append(HiddenField(source: field, kind: kind))
            }
        }
        add(fields, to: model)
    }

    func register(_ model: ModelDescriptor, field name: String, regex pattern: String, caseInsensitive: Bool) throws(NonrelError) {
        let field = try Self.source(name, of: model)
        guard EmulatedLookup.iexact.applies(to: field.type) else {
            throw NonrelError(.lookupDoesNotExist, "\(model.name).\(name) is a \(field.type.name) field; regex applies to text fields", model: model.name, field: name)
        }
        do {
            _ = try HiddenField.compile(pattern, caseInsensitive: caseInsensitive)
        } catch {
            throw NonrelError(.invalidValue, "\(model.name).\(name): invalid regular expression \"\(pattern)\"", model: model.name, field: name)
        }
        add([HiddenField(source: field, kind: .regex(pattern: pattern, caseInsensitive: caseInsensitive))], to: model)
    }

    private func add(_ fields: [HiddenField], to model: ModelDescriptor) {
        models.withLock { models in
            var lookups = models[model.collection] ?? ModelLookups(model: model)
            for field in fields { lookups.add(field) }
            models[model.collection] = lookups
        }
    }

    private static func source(_ name: String, of model: ModelDescriptor) throws(NonrelError) -> FieldDescriptor {
        guard let field = model.field(named: name), !field.primaryKey else {
            let suggestions = model.closeMatches(to: name)
            let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.map { "\"\($0)\"" }.joined(separator: ", "))?"
            throw NonrelError(.fieldDoesNotExist, "\(model.name) has no field \"\(name)\" to register lookups on.\(hint)", model: model.name, field: name)
        }
        return field
    }
}
