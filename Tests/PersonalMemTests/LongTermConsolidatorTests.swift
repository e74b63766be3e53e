import Foundation
import Testing

@testable import PersonalMem

@Suite("LongTerm decay and consolidation")
struct LongTermConsolidatorTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)
    private let day: TimeInterval = 86_400

    private func unit(_ axis: Int, tilt: Float = 0, dims: Int = 8) -> [Float] {
        var v = [Float](repeating: 0, count: dims)
        v[axis % dims] = 1
        v[(axis + 1) % dims] = tilt
        return v
    }

    private func memory(
        _ id: Int64, _ text: String, _ vector: [Float], kind: MemoryKind = .fact, daysOld: Double = 1,
        lastAccessDaysAgo: Double? = nil, accessCount: Int = 0, confidence: Double = 0.8
    ) -> MemorySnapshot {
        MemorySnapshot(
            id: id, text: text, vector: vector, kind: kind, confidence: confidence,
            createdAt: now.addingTimeInterval(-daysOld * day),
            lastAccessedAt: lastAccessDaysAgo.map { now.addingTimeInterval(-$0 * day) }, accessCount: accessCount
        )
    }

    @Test("decay score: halves per half-life, slower for instructions, lifted by use and confidence")
    func decay() {
        let policy = DecayPolicy()
        let fresh = memory(1, "x", [], daysOld: 0, confidence: 1)
        #expect(policy.decayScore(of: fresh, now: now) == 1)
        let month = memory(2, "x", [], daysOld: 30, confidence: 1)
        #expect(abs(policy.decayScore(of: month, now: now) - 0.5) < 1e-9)
        let instruction = memory(3, "x", [], kind: .instruction, daysOld: 120, confidence: 1)
        #expect(abs(policy.decayScore(of: instruction, now: now) - 0.5) < 1e-9)
        let unsure = memory(4, "x", [], daysOld: 30, confidence: 0)
        #expect(abs(policy.decayScore(of: unsure, now: now) - 0.25) < 1e-9)
        let used = memory(5, "x", [], daysOld: 30, accessCount: 4, confidence: 1)
        #expect(policy.decayScore(of: used, now: now) > 0.5)
        let touched = memory(6, "x", [], daysOld: 300, lastAccessDaysAgo: 0, confidence: 1)
        #expect(policy.decayScore(of: touched, now: now) == 1)
    }

    @Test("removal needs a low score, enough age and little use")
    func removal() {
        let policy = DecayPolicy()
        #expect(policy.isRemovable(memory(1, "old", [], daysOld: 200), now: now))
        #expect(!policy.isRemovable(memory(2, "old but used", [], daysOld: 200, accessCount: 2), now: now))
        #expect(!policy.isRemovable(memory(3, "instruction", [], kind: .instruction, daysOld: 200), now: now))
        let young = DecayPolicy(halfLife: day, minimumAge: 30 * day)
        #expect(!young.isRemovable(memory(4, "faded but young", [], daysOld: 20), now: now))
        var protected = DecayPolicy()
        protected.protectedKinds = [.fact]
        #expect(!protected.isRemovable(memory(5, "old", [], daysOld: 500), now: now))
    }

    @Test("near-duplicates merge with provenance; different kinds and distant vectors stay apart")
    func merges() throws {
        let memories = [
            memory(1, "I live in Lisbon", unit(0), daysOld: 10, lastAccessDaysAgo: 2, accessCount: 2, confidence: 0.6),
            memory(2, "I live in Lisbon, Portugal", unit(0, tilt: 0.1), daysOld: 5, accessCount: 1, confidence: 0.9),
            memory(3, "Lisbon is home", unit(0, tilt: 0.2), daysOld: 3, lastAccessDaysAgo: 1, accessCount: 3),
            memory(4, "I like Lisbon", unit(0), kind: .preference, daysOld: 4),
            memory(5, "I have a cello", unit(3), daysOld: 2),
            memory(6, "Cello lessons on Monday", unit(3, tilt: 0.5), daysOld: 1),
        ]
        let plan = Consolidator().plan(memories.shuffled(), now: now)
        #expect(plan.removals.isEmpty)
        #expect(plan.merges.count == 1)
        let merge = try #require(plan.merges.first)
        #expect(merge.keepID == 2, "longest text")
        #expect(merge.keepText == "I live in Lisbon, Portugal")
        #expect(merge.mergedIDs == [1, 3])
        #expect(Set(merge.allIDs) == [1, 2, 3])
        #expect(merge.accessCount == 6)
        #expect(merge.confidence == 0.9)
        #expect(merge.createdAt == now.addingTimeInterval(-10 * day))
        #expect(merge.lastAccessedAt == now.addingTimeInterval(-1 * day))
        #expect(merge.provenance.map(\.id) == [2, 1, 3])
        #expect(merge.provenance[0].similarity == 1)
        #expect(merge.provenance.allSatisfy { $0.similarity >= 0.92 })
        #expect(plan.decayScores.count == 6)
        #expect(plan.deletedIDs == [1, 3])
        #expect(!plan.usedBuckets && !plan.truncated)

        var recent = Consolidator()
        recent.options.keptText = .mostRecent
        #expect(recent.plan(memories, now: now).merges.first?.keepID == 3)
        var anyKind = Consolidator()
        anyKind.options.requireSameKind = false
        #expect(anyKind.plan(memories, now: now).merges.first?.allIDs.count == 4)
    }

    @Test("faded singles are removed; a faded duplicate group is removed whole, not merged")
    func removals() {
        let memories = [
            memory(1, "old trivia", unit(1), daysOld: 400),
            memory(2, "old trivia again", unit(1), daysOld: 390),
            memory(3, "recent", unit(2), daysOld: 2),
            memory(4, "old but popular", unit(4), daysOld: 400, accessCount: 9),
            memory(5, "ancient", unit(5), daysOld: 500),
        ]
        let plan = Consolidator().plan(memories, now: now)
        #expect(plan.merges.isEmpty)
        #expect(plan.removals.map(\.id) == [1, 2, 5])
        #expect(plan.removals.allSatisfy { $0.decayScore < 0.05 && $0.age >= 30 * day })
        #expect(Consolidator().plan([], now: now).isEmpty)
    }

    @Test("vectors of another length or all zeros are never duplicates")
    func oddVectors() {
        let memories = [
            memory(1, "a", unit(0)), memory(2, "b", [1, 0]), memory(3, "c", [Float](repeating: 0, count: 8)),
            memory(4, "d", [Float](repeating: 0, count: 8)),
        ]
        #expect(Consolidator().plan(memories, now: now).merges.isEmpty)
    }

    @Test("large inputs are bucketed and still find the duplicates")
    func bucketed() {
        var random = LongTermTestRandom(seed: 11)
        let dims = 32
        func randomVector() -> [Float] { (0..<dims).map { _ in Float(Int(random.next() % 2001) - 1000) / 1000 } }
        var memories: [MemorySnapshot] = []
        var expectedPairs: [(Int64, Int64)] = []
        for i in 0..<3000 {
            let base = randomVector()
            memories.append(memory(Int64(i * 2), "memory \(i)", base))
            if i % 100 == 0 {
                let near = base.map { $0 + Float(Int(random.next() % 21) - 10) / 1000 }
                memories.append(memory(Int64(i * 2 + 1), "memory \(i) again", near))
                expectedPairs.append((Int64(i * 2), Int64(i * 2 + 1)))
            }
        }
        let plan = Consolidator().plan(memories, now: now)
        #expect(plan.usedBuckets)
        #expect(!plan.truncated)
        #expect(plan.comparisons < memories.count * memories.count / 20, "far fewer than all pairs: \(plan.comparisons)")
        let merged = Set(plan.merges.map { Set($0.allIDs) })
        let found = expectedPairs.filter { merged.contains([$0.0, $0.1]) }.count
        #expect(found >= expectedPairs.count - 1, "found \(found) of \(expectedPairs.count)")
        #expect(plan.merges.count == found, "random vectors in 32 dimensions are not duplicates")

        var capped = Consolidator()
        capped.options.maxComparisons = 1000
        #expect(capped.plan(memories, now: now).truncated)
    }
}
