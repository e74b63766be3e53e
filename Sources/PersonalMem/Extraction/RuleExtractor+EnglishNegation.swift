import Foundation

/// English removals: "no longer", "not … anymore", "quit", "stopped", "gave up".
enum Negation {
    private static let rewrites: [(Pattern, String)] = [
        (Pattern(#"\bi(?:'m|\s+am)\s+no\s+longer\b"#), "I'm"),
        (Pattern(#"\bi\s+no\s+longer\b"#), "I"),
        (Pattern(#"\bi\s+(?:don't|do\s+not|dont)\s+(.+?)\s+(?:anymore|any\s+more)\b"#), "I $1"),
        (Pattern(#"\bi(?:'m|\s+am)\s+not\s+(.+?)\s+(?:anymore|any\s+more)\b"#), "I'm $1"),
        (Pattern(#"\bi\s+(?:haven't|have\s+not)\s+got\s+(.+?)\s+(?:anymore|any\s+more)\b"#), "I have $1"),
    ]

    /// The statement without its negation ("I no longer work at X" -> "I work at X"), nil when not negated.
    static func positive(of clause: String) -> String? {
        for (pattern, template) in rewrites where pattern.matches(clause) {
            return pattern.replacing(in: clause, with: template)
        }
        return nil
    }

    private static let givenUpPattern = Pattern(#"\bi(?:'ve|\s+have)?\s+(?:(?:just|recently|finally|already|officially)\s+)?(quit|stopped|gave\s+up|given\s+up|dropped|left)\s+(.+)"#)
    private static let jobAt = Pattern(#"^(?:my\s+(?:job|position|role|internship)\s+(?:at|with)\s+|working\s+(?:at|for)\s+)(.+)"#)
    private static let activityVerb = Pattern(#"^(?:playing|doing|going|practicing|practising)\s+(?:the\s+)?"#)
    private static let languageStudy = Pattern(#"^(?:learning|studying)\s+(.+)"#)
    private static let searched = ["hobbies", "likes", "interests", "habits", "skills", "programming_languages", "learning_languages", "languages", "routines", "exercise_routine"]

    /// Facts for "I quit X" / "I stopped X" / "I left X": removes X from where the profile keeps it,
    /// else from hobbies (an activity) or habits (smoking); a job names the company. Nil when not such a clause.
    static func givenUp(_ clause: String, _ context: RuleContext) -> [Fact]? {
        guard let groups = givenUpPattern.match(clause), let verb = groups[1]?.lowercased(), let raw = groups[2] else { return nil }
        if let job = jobAt.match(raw), let company = Values.properNoun(job[1], context) {
            return [Fact(field: "company", op: .remove, value: .string(company))]
        }
        guard let object = Values.scalar(raw) else { return [] }
        if ["my job", "my job today", "my position"].contains(object.lowercased()), verb != "dropped" {
            return [Fact(field: "company", op: .clear)]
        }
        if case .text(let company)? = context.profile["company"], FieldCatalog.foldKey(company) == FieldCatalog.foldKey(object) {
            return [Fact(field: "company", op: .remove, value: .string(company))]
        }
        if let study = languageStudy.match(object), let language = study[1], Vocabulary.spokenLanguages.contains(language.lowercased()) {
            return [FactBuilder.list("learning_languages", [language], op: .remove)].compactMap { $0 }
        }
        let activity = TextTools.trimmed(activityVerb.replacing(in: object, with: ""))
        for candidate in [object, activity] {
            if let field = FactBuilder.listHolding(candidate, in: context.profile, among: searched) {
                return [FactBuilder.list(field, [candidate], op: .remove)].compactMap { $0 }
            }
        }
        guard verb != "left", verb != "dropped" else { return [] }
        if Vocabulary.habits.contains(object.lowercased()) {
            return [FactBuilder.list("habits", [object], op: .remove)].compactMap { $0 }
        }
        let lead = TextTools.firstWord(object)
        guard lead.hasSuffix("ing") || Vocabulary.hobbies.contains(activity.lowercased()),
            !["eating", "working", "learning", "studying", "using", "dating", "seeing", "talking", "going"].contains(lead) || activity != object
        else { return [] }
        return [FactBuilder.list("hobbies", [activity], op: .remove)].compactMap { $0 }
    }
}
