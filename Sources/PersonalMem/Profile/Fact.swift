/// One change to a profile proposed by an extractor or a batch write, before validation.
public struct Fact: Sendable, Hashable, Codable {
    public enum Operation: String, Sendable, Codable, CaseIterable {
        /// Replace the field's value (for a list: the whole list).
        case set
        /// Add items to a list (on a scalar field, the same as set).
        case add
        /// Remove items from a list, or the field when its value matches (or no value is given).
        case remove
        /// Remove the field whatever its value.
        case clear
    }

    public var field: String
    public var op: Operation
    public var value: JSONValue?

    public init(field: String, op: Operation, value: JSONValue? = nil) {
        self.field = field
        self.op = op
        self.value = value
    }
}

/// A fact whose value has passed the catalog.
public struct ValidatedFact: Sendable, Hashable {
    public let definition: FieldDefinition
    public let op: Fact.Operation
    public let value: ProfileValue?
}

extension FieldCatalog {
    /// Validates facts one by one; invalid ones are dropped and returned with their reason.
    public func validate(_ facts: [Fact]) -> (valid: [ValidatedFact], rejected: [FieldValidationError]) {
        var valid: [ValidatedFact] = []
        var rejected: [FieldValidationError] = []
        for fact in facts {
            guard let definition = definition(for: fact.field, proposedValue: fact.value) else {
                rejected.append(FieldValidationError(field: fact.field, message: "'\(fact.field)' is not a field name"))
                continue
            }
            switch (fact.op, fact.value) {
            case (.clear, _), (.remove, nil), (.remove, .null?):
                valid.append(ValidatedFact(definition: definition, op: fact.op, value: nil))
            case (_, nil), (_, .null?):
                rejected.append(FieldValidationError(field: fact.field, message: "'\(fact.op.rawValue)' on '\(fact.field)' needs a value"))
            case (_, let value?):
                do {
                    let typed = try validate(value, for: definition)
                    valid.append(ValidatedFact(definition: definition, op: fact.op, value: typed))
                } catch {
                    rejected.append(error)
                }
            }
        }
        return (valid, rejected)
    }
}
