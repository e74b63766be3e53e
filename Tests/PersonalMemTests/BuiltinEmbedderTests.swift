import Testing

@testable import PersonalMem

@Suite("BuiltinEmbedder")
struct BuiltinEmbedderTests {
    private func cosine(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test("the same text gives the same normalised vector")
    func deterministic() async throws {
        let embedder = BuiltinEmbedder()
        let first = try await embedder.embed(["I moved to Berlin last spring", "我住在北京"])
        let second = try await BuiltinEmbedder().embed(["I moved to Berlin last spring", "我住在北京"])
        #expect(first == second)
        #expect(first[0].count == 384)
        #expect(abs(cosine(first[0], first[0]) - 1) < 1e-5)
        #expect(BuiltinEmbedder.fnv1a("a") == BuiltinEmbedder.fnv1a("a"))
        #expect(embedder.vector(for: "  ,;! ").allSatisfy { $0 == 0 })
    }

    @Test("similar texts score higher than unrelated ones")
    func similarity() {
        let embedder = BuiltinEmbedder()
        let query = embedder.vector(for: "What is my dog's name?")
        let related = embedder.vector(for: "My dog is called Biscuit and he is a beagle.")
        let unrelated = embedder.vector(for: "The quarterly tax report is due on Friday.")
        #expect(cosine(query, related) > cosine(query, unrelated))

        let chineseQuery = embedder.vector(for: "我喜欢喝咖啡")
        let chineseRelated = embedder.vector(for: "她每天早上喝咖啡")
        let chineseUnrelated = embedder.vector(for: "明天的火车票已经买好了")
        #expect(cosine(chineseQuery, chineseRelated) > cosine(chineseQuery, chineseUnrelated))
    }

    @Test("CJK characters are words of their own")
    func tokenisation() {
        #expect(BuiltinEmbedder.runs(in: "hello 北京 world") == [["hello"], ["北", "京"], ["world"]])
    }
}
