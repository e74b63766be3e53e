/// Spreads relevance to neighbouring turns: in a dialogue the answer to a question often sits next
/// to the turn whose words match it ("What did you paint?" — "A sunset.").
enum NeighbourContext {
    /// Whether two memories are consecutive turns of one conversation.
    static func adjacent(_ a: MemoryFacts, _ b: MemoryFacts) -> Bool {
        a.convID == b.convID && abs(a.turnID - b.turnID) == 1
    }

    /// Each score's total plus the larger of its neighbours' totals (the memories with the adjacent
    /// ids, when they are adjacent turns of the same conversation) times a share: `replyWeight` for
    /// the turn just before when that turn asks (this memory is its reply), `weight` otherwise.
    /// Computed from the scores as given.
    static func spread(_ scores: [HybridScore], facts: [Int64: MemoryFacts], weight: Double, replyWeight: Double) -> [HybridScore] {
        let totals = Dictionary(scores.map { ($0.id, $0.total) }, uniquingKeysWith: { a, _ in a })
        return scores.map { score in
            guard let memory = facts[score.id] else { return score }
            var best = 0.0
            for neighbourID in [score.id - 1, score.id + 1] {
                if let total = totals[neighbourID], let neighbour = facts[neighbourID], adjacent(memory, neighbour) {
                    let share = neighbour.turnID < memory.turnID && neighbour.asks ? replyWeight : weight
                    best = max(best, share * total)
                }
            }
            var spread = score
            spread.total += best
            return spread
        }
    }
}
