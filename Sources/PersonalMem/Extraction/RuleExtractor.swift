// TEMPORARY placeholder by the lead so the server compiles; helper-1 replaces this whole file.
public struct RuleExtractor: FactExtractor {
    public init() {}
    public var name: String { "builtin" }
    public func facts(in message: String, profile: Profile) -> [Fact] { [] }
    public func extract(message: String, profile: Profile) async throws -> Extraction {
        Extraction(facts: facts(in: message, profile: profile), extractor: name)
    }
}
