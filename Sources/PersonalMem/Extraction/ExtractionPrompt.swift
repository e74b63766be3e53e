/// The words sent to a model for fact extraction.
enum ExtractionPrompt {
    static func system(catalog: FieldCatalog) -> String {
        let fields = catalog.fields.map { "\($0.name) (\($0.kind.rawValue)): \($0.description)" }.joined(separator: "\n")
        return """
            You extract durable personal facts about the USER from the user's message, for a profile.
            Reply with JSON only: {"facts": [{"field": "<field>", "op": "set|add|remove|clear", "value": <value>}]}.
            Ops: "set" replaces a field's value (for a list, the whole list); "add" adds items to a list;
            "remove" removes items from a list, or a field whose stored value is given; "clear" removes a field.
            Signal words: "now", "currently", "my X is", "moved to", "actually" mean set; "also", "too" mean add;
            "no longer", "quit", "stopped", "don't ... anymore" mean remove.
            "I don't like X" or "I hate X" adds X to dislikes. Lists take arrays of short strings;
            integer fields take numbers. Use the fields below; when none fits, use a new lower-case
            snake_case field name. Never use operation words as field names.
            Do not extract facts from questions, hypotheticals, wishes, quoted text, or facts about other people
            (except the user's relation to them, e.g. family: "sister: Anna"). If nothing applies, reply {"facts": []}.
            Fields:
            \(fields)
            """
    }

    static func user(message: String, profile: Profile) -> String {
        let current = JSONValue.object(profile.mapValues(\.json)).jsonText
        return "Current profile: \(current)\nMessage: \(message)"
    }

    static let replySchema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "facts": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "properties": .object([
                        "field": .object(["type": .string("string")]),
                        "op": .object(["type": .string("string"), "enum": .array(Fact.Operation.allCases.map { .string($0.rawValue) })]),
                        "value": .object([:]),
                    ]),
                    "required": .array([.string("field"), .string("op")]),
                ]),
            ])
        ]),
        "required": .array([.string("facts")]),
    ])
}
