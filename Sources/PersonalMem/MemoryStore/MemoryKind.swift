/// What a long-term memory is about (the Long-Form Memory System's six types).
public enum MemoryKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Likes, dislikes and tastes: "I prefer tea".
    case preference
    /// Anything else worth remembering: "I work at a bakery".
    case fact
    /// Something promised or planned: "remind me to call mum on Friday".
    case commitment
    /// How the assistant should behave: "from now on, answer in French".
    case instruction
    /// A named person, pet, place or thing: "my sister is called Anna".
    case entity
    /// A limit to respect: "I'm allergic to peanuts", "budget under 500".
    case constraint
}
