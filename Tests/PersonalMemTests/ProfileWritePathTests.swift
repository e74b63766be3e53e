import Foundation
import Testing

@testable import PersonalMem

/// The write path's shortcuts give what the slow path gave: ASCII folding, trusted decoding of
/// stored values, the list cap, and the commit gate's single decision.
@Suite("Profile write path")
struct ProfileWritePathTests {
    @Test("the ASCII fold key equals Foundation's folding")
    func asciiFold() {
        var samples = ["", "abc", "ABC", "Hello World", "MiXeD 123 !?", "under_score-dash.dot@at", "~`{}[]|\\"]
        samples.append(String((32..<127).map { Character(UnicodeScalar(UInt8($0))) }))
        for sample in samples {
            #expect(FieldCatalog.foldKey(sample) == sample.folding(options: [.caseInsensitive, .widthInsensitive], locale: nil))
        }
        #expect(FieldCatalog.foldKey("ＡＢＣ") == FieldCatalog.foldKey("abc"))
        #expect(FieldCatalog.foldKey("Éclair") == FieldCatalog.foldKey("éCLAIR"))
    }

    @Test("stored values decode by shape to what was stored")
    func trustedDecode() throws {
        let profile: Profile = [
            "name": .text("Ada"), "age": .integer(36), "hobbies": .list(["chess", "Go"]),
            "jobs": .objects([["company": "Acme", "role": "engineer"]]),
        ]
        let text = JSONValue.object(profile.mapValues(\.json)).jsonText
        #expect(try PostgresProfileRepository.decodeProfile(text) == profile)
        #expect(ProfileValue(stored: .null) == nil)
        #expect(ProfileValue(stored: .array([])) == nil)
        #expect(ProfileValue(stored: .array([.string("a"), .number(1)])) == nil)
    }

    @Test("an add past the list cap is refused whole, naming the cap; known items are no change")
    func listCap() throws {
        let catalog = FieldCatalog.standard
        let merger = ProfileMerger(catalog: catalog)
        let full: Profile = ["likes": .list((1...200).map { "item \($0)" }), "dislikes": .list(["tea"])]
        let (valid, _) = catalog.validate([Fact(field: "likes", op: .add, value: .array([.string("tea"), .string("ITEM 3")]))])
        let merged = merger.merge(valid, into: full)
        #expect(merged.events.isEmpty)
        #expect(merged.profile == full)  // the opposite list was not touched either
        #expect(merged.refused.count == 1)
        #expect(merged.refused.first?.field == "likes")
        #expect(merged.refused.first?.message.contains("200") == true)

        let (known, _) = catalog.validate([Fact(field: "likes", op: .add, value: .string("Item 9"))])
        let same = merger.merge(known, into: full)
        #expect(same.refused.isEmpty && same.events.isEmpty)
    }

    @Test("the commit gate decides once: commit before the deadline, or abandon and never commit")
    func commitGate() {
        let committed = CommitGate()
        #expect(committed.beginCommit())
        #expect(committed.abandon() is CommitOutcomeUnknown)

        let abandoned = CommitGate()
        #expect(abandoned.abandon() is DatabaseUnavailable)
        #expect(!abandoned.beginCommit())
    }
}
