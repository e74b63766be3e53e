import Foundation

/// The built-in extractor used when no LLM is configured: fixed English and Chinese rules,
/// deterministic and fast, tuned for precision over recall.
///
/// It reads only what the user states about themselves. Questions, hypotheticals and wishes,
/// quoted or reported speech and facts about other people yield nothing. Signal words decide the
/// operation: "now", "moved to", "my X is" replace a value (`set`); "also", "too" add to a list;
/// "no longer", "not … anymore", "quit", "stopped" remove (`remove` with the value); "my hobbies are
/// now X and Y" replaces a whole list; "I don't like X" and "I hate X" add to `dislikes`.
public struct RuleExtractor: FactExtractor {
    /// Rules run in process and cannot fail.
    public var isLocal: Bool { true }

    /// Reported with every extraction.
    public let name = "builtin"

    public init() {}

    /// Never throws: the rules need nothing outside the process.
    public func extract(message: String, profile: Profile) async throws -> Extraction {
        Extraction(facts: facts(in: message, profile: profile), extractor: name)
    }

    /// The facts stated in `message`, with `profile` used to resolve removals
    /// ("I quit tennis" removes "tennis" from whichever list holds it).
    public func facts(in message: String, profile: Profile) -> [Fact] {
        var found: [Fact] = []
        for sentence in TextTools.sentences(TextTools.normalised(message)) {
            let facts = TextTools.containsHan(sentence)
                ? ChineseRules.facts(in: sentence, profile: profile)
                : EnglishRules.facts(in: sentence, profile: profile)
            found += facts
        }
        return FactBuilder.merged(found)
    }
}

/// Builds facts from captured text: cleans values, splits lists, turns statements into removals.
package enum FactBuilder {
    static let catalog = FieldCatalog.standard

    static func isList(_ field: String) -> Bool {
        catalog.definition(for: field)?.kind == .list
    }

    /// A scalar `set`, or a list `add`, of one cleaned value.
    static func fact(_ field: String, _ value: String?, op: Fact.Operation? = nil) -> Fact? {
        guard let value, !value.isEmpty else { return nil }
        if isList(field) { return Fact(field: field, op: op ?? .add, value: .array([.string(value)])) }
        return Fact(field: field, op: op ?? .set, value: .string(value))
    }

    static func list(_ field: String, _ items: [String], op: Fact.Operation = .add) -> Fact? {
        let unique = FieldCatalog.deduplicated(items.filter { !$0.isEmpty })
        guard !unique.isEmpty else { return nil }
        return Fact(field: field, op: op, value: .array(unique.map(JSONValue.string)))
    }

    static func integer(_ field: String, _ number: Int?, in range: ClosedRange<Int>) -> Fact? {
        guard let number, range.contains(number) else { return nil }
        return Fact(field: field, op: .set, value: .number(Double(number)))
    }

    /// The same statement made negative: every fact becomes a removal of its value. For pets,
    /// "dog" also removes stored entries such as "dog: Max".
    /// A value the profile keeps under another spelling ("a dog" for "dog") or in a related field
    /// (hobbies for likes) is removed as stored.
    static func removals(of facts: [Fact], profile: Profile) -> [Fact] {
        facts.compactMap { fact in
            guard fact.op == .set || fact.op == .add, let value = fact.value else { return nil }
            if fact.field != "pets", let stored = storedMatch(fact.field, items(of: value), in: profile) { return stored }
            guard fact.field == "pets", case .list(let stored)? = profile["pets"] else {
                return Fact(field: fact.field, op: .remove, value: value)
            }
            let kinds = items(of: value).map(FieldCatalog.foldKey)
            let named = stored.filter { item in
                kinds.contains { kind in FieldCatalog.foldKey(item).hasPrefix(kind + ":") }
            }
            return Fact(field: "pets", op: .remove, value: .array((items(of: value) + named).map(JSONValue.string)))
        }
    }

    private static let relatedFields: [String: [String]] = [
        "likes": ["hobbies", "interests", "favorite_food"], "hobbies": ["likes", "interests", "habits", "exercise_routine"],
        "interests": ["likes", "hobbies"], "habits": ["hobbies", "routines", "likes"], "role": ["job_title", "life_goals"],
        "company": ["employer", "role"], "location": ["city", "country"], "education": ["university", "degree"],
        "diet": ["habits"], "pets": ["pet_name"], "life_goals": ["career_goals", "bucket_list"],
    ]

    /// A removal of what the profile stores matching `values` leniently (one contains the other after
    /// normalisation), in `field` or a related field; nil when nothing stored matches.
    static func storedMatch(_ field: String, _ values: [String], in profile: Profile) -> Fact? {
        let wanted = values.map { LenientMatch.tokens($0) }.filter { !$0.isEmpty }
        guard !wanted.isEmpty else { return nil }
        func matches(_ stored: String) -> Bool {
            let have = LenientMatch.tokens(stored)
            return !have.isEmpty && wanted.contains { LenientMatch.contains($0, have) || LenientMatch.contains(have, $0) }
        }
        for candidate in [field] + (relatedFields[field] ?? []) {
            switch profile[candidate] {
            case .list(let stored)?:
                let hits = stored.filter(matches)
                if !hits.isEmpty { return Fact(field: candidate, op: .remove, value: .array(hits.map(JSONValue.string))) }
            case .text(let stored)? where matches(stored):
                return Fact(field: candidate, op: .remove, value: .string(stored))
            default:
                continue
            }
        }
        return nil
    }

    /// The list field of the profile that holds `item`, if any (case-insensitive).
    static func listHolding(_ item: String, in profile: Profile, among fields: [String]) -> String? {
        let key = FieldCatalog.foldKey(item)
        return fields.first { field in
            guard case .list(let stored)? = profile[field] else { return false }
            return stored.contains { FieldCatalog.foldKey($0) == key }
        }
    }

    package static func items(of value: JSONValue) -> [String] {
        switch value {
        case .array(let elements): elements.compactMap(FieldCatalog.scalarText)
        default: FieldCatalog.scalarText(value).map { [$0] } ?? []
        }
    }

    /// One fact per field and operation: list items of repeated facts are joined, a later scalar wins.
    static func merged(_ facts: [Fact]) -> [Fact] {
        var result: [Fact] = []
        for fact in facts {
            guard let index = result.firstIndex(where: { $0.field == fact.field && $0.op == fact.op }) else {
                result.append(fact)
                continue
            }
            if case .array(let old)? = result[index].value, case .array(let new)? = fact.value {
                let joined = FieldCatalog.deduplicated((old + new).compactMap(FieldCatalog.scalarText))
                result[index].value = .array(joined.map(JSONValue.string))
            } else {
                result[index] = fact
            }
        }
        return result
    }
}
