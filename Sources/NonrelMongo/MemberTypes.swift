import Nonrel

/// The field types of the keys of a document stored in a field of some type (or of a model's
/// document): an embedded model's fields by column, a dict's element type, `.json` otherwise.
/// Documents list a model's fields in order, so each lookup tries the field after the previous
/// one first.
struct MemberTypes {
    private let model: ModelDescriptor?
    private let uniform: FieldType
    private var hint = 0

    init(_ type: FieldType) {
        switch type {
        case .dict(let element): self.init(uniform: element)
        case .embedded(let model): self.init(model: model)
        case .list(let element), .set(let element): self.init(element)
        default: self.init(uniform: .json)
        }
    }

    init(model: ModelDescriptor) {
        self.model = model
        self.uniform = .json
    }

    private init(uniform: FieldType) {
        self.model = nil
        self.uniform = uniform
    }

    mutating func type(of key: String) -> FieldType {
        guard let model else { return uniform }
        guard let index = model.fieldIndex(column: key, hint: hint) else { return .json }
        hint = index + 1
        return model.fields[index].type
    }
}
