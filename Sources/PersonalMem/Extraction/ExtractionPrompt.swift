/// The words sent to a model for fact extraction: the catalog, the rules a careful reader follows,
/// and three worked examples of our own.
enum ExtractionPrompt {
    static func system(catalog: FieldCatalog) -> String {
        let fields = catalog.fields.map { "\($0.name) (\($0.kind.rawValue)): \($0.description)" }.joined(separator: "\n")
        return """
            You extract durable personal facts about the USER from the user's chat message, for a profile.
            Reply with JSON only: {"facts": [{"field": "<field>", "op": "set|add|remove|clear", "value": <value>}]}.
            One message may hold several facts and several changes: list them all, in the order stated.
            Ops: "set" replaces a field's value (for a list, the whole list); "add" adds items to a list;
            "remove" removes items from a list, or a field whose stored value is given; "clear" removes a field.

            Rules:
            - Only the speaker. Facts about other people (family, friends, the listener) give nothing, except
              the user's relation to them: family "sister: Anna", pets "dog: Max", partner_name, spouse_name.
            - Only what is asserted as true now. Questions, requests ("can you book…", "I'd like to know…"),
              advice, quotes, jokes, hypotheticals and wishes ("if I won…", "I wish I were…"), plans
              ("I'm going to…") and one-off events ("I just had lunch", "today is my birthday") give nothing.
            - A goal stated as a goal ("I want to be a vet", "I'd love to visit Japan") is life_goals, never role.
            - Facts said in passing count: "being a nurse is exhausting" gives role nurse.
            - Negations give nothing ("I don't speak French"), except "I don't like X" / "I hate X" (dislikes)
              and a stated change: "no longer", "not … anymore", "used to … but", "quit", "stopped",
              "gave up", "lost my job as", "dropped out of", "my husband died" remove the old value (op
              "remove" with the value as the profile stores it). "used to X" on its own is not a change.
            - Signal words: "now", "currently", "my X is", "moved to", "actually" (a correction) mean set;
              "also", "too" mean add; "my X are now A and B" sets the whole list.
            - Values are short: the shortest span that identifies the item, in the user's words and language
              (Chinese stays Chinese). Lists take arrays of short strings; integer fields take numbers.
            - Field choice: an activity is hobbies, a thing or genre liked is likes, "my favourite X is Y" is
              favorite_x (a plural favorite_xs is a list), where one lives is location, where one grew up or
              comes from is hometown, an occupation is role, an employer or workplace is company.
            - Use the fields below; when none fits, use a new lower-case snake_case field name. Never use
              operation words as field names. If nothing applies, reply {"facts": []}.

            Examples:
            Message: "ugh long shift again, being a paramedic is no joke. at least my two cats Pepper and Soot are waiting at home"
            Reply: {"facts": [{"field": "role", "op": "set", "value": "paramedic"}, {"field": "pets", "op": "add", "value": ["cat: Pepper", "cat: Soot"]}]}
            Message (profile has hobbies ["golf"], diet "vegetarian"): "i used to play golf but gave it up, and tbh im eating meat again. these days im into bouldering"
            Reply: {"facts": [{"field": "hobbies", "op": "remove", "value": ["golf"]}, {"field": "diet", "op": "remove", "value": "vegetarian"}, {"field": "hobbies", "op": "add", "value": ["bouldering"]}]}
            Message: "my brother is a chef in Lyon. could you find me a good recipe for ramen? if I had time I'd learn to cook"
            Reply: {"facts": [{"field": "family", "op": "add", "value": ["brother"]}]}

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
