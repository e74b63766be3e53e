import Foundation
import Testing

@testable import PersonalMem

/// The literal pre-check `Pattern` runs before ICU: what it reads from a pattern, and that it never
/// refuses a text the expression matches (debug builds also assert this on every refusal).
@Suite("LiteralNeeds")
struct LiteralNeedsTests {
    func needs(_ source: String) -> [[String]] {
        LiteralNeeds(pattern: source).all
    }

    @Test func literalRunsBetweenOtherPartsAreNeeded() {
        #expect(needs(#"\bmy\s+name\s+is"#) == [["name"], ["is"], ["my"]])
        #expect(needs(#"c\+\+ and C#"#) == [["c++ and c#"]])
        #expect(needs(#"(?i:\bMy\s+)Anna\b"#) == [["anna"], ["my"]])
        #expect(needs(#"^我的名字是"#) == [["我的名字是"]])
    }

    @Test func optionalPartsClassesAndLookaroundsNeedNothing() {
        #expect(needs(#"(?:really\s+)?like"#) == [["like"]])
        #expect(needs(#"(?:so\s+){0,3}glad"#) == [["glad"]])
        #expect(needs(#"ab?c"#) == [["a"], ["c"]])
        #expect(needs(#"(?=only)then(?<!never)(?!not)"#) == [["then"]])
        #expect(needs(#"[a-z]+\d{2}.\p{L}\x{3000}é[^,]"#) == [])
        #expect(needs(#"(?:ha)+ha"#) == [["ha"]])
    }

    @Test func plainClassesAreAChoiceOfOneCharacter() {
        #expect(needs(#"\s*[:—–]\s+"#) == [[":", "–", "—"]])
        #expect(needs(#"x[,;!.\)]"#) == [["!", ")", ",", ".", ";"], ["x"]])
        #expect(Pattern(#"\s*[:—–]\s+"#).matches("one: two"))
        #expect(needs(#"[\p{L}'\-]+|[ \t]"#) == [])
    }

    @Test func alternationsNeedOneOfEveryBranch() {
        #expect(needs(#"\b(?:live|reside)\s+in\s+"#) == [["live", "reside"], ["in"]])
        #expect(needs(#"\bi(?:'m|\s+am|m)\s+"#) == [["i"], ["m"]])
        #expect(needs(#"(?:likes|)\s+jazz"#) == [["jazz"]])
        #expect(needs(#"dog|my\s+cat"#) == [["cat", "dog"]])
        let many = (1...(LiteralNeeds.maxChoices + 1)).map { "word\($0)" }.joined(separator: "|")
        #expect(needs("(?:\(many))\\s+here") == [["here"]])
    }

    @Test func unreadConstructsMakeThePatternNeedNothing() {
        #expect(needs(#"(\w+)\s+\1 again"#) == [])
        #expect(needs(#"(?x) free spacing"#) == [])
        #expect(needs(#"\Qa.b\E literal"#) == [])
        #expect(needs(#"(?<name>bob) \k<name>"#) == [])
    }

    /// ICU folds case fully: these characters match ASCII words, so a text holding one runs every pattern.
    @Test func caseFoldedCharactersMakeTheProbeInexact() {
        for text in ["I li\u{212A}e jazz", "I li\u{017F}ten to jazz", "I \u{FB01}sh on sundays", "I'm \u{0130}stanbul born"] {
            #expect(!TextProbe(text).exact)
        }
        #expect(Pattern(#"\blike\b"#).firstMatch("I li\u{212A}e jazz") != nil)
        #expect(Pattern(#"\blike\b"#).matches("I li\u{212A}e jazz"))
        #expect(Pattern(#"listen"#).matches("I li\u{017F}ten to jazz"))
        #expect(TextProbe("I ate crème brûlée in Zürich").exact)
        #expect(!LiteralNeeds(pattern: "like").admits(TextProbe("I LOVE jazz")))
        #expect(LiteralNeeds(pattern: "like").admits(TextProbe("I LIKE jazz")))
    }

    /// Every English rule is read (a pattern edited into a construct the reader does not know would
    /// run on every clause again, correct but slow).
    @Test func everyEnglishRuleNeedsSomething() {
        let unread = EnglishRules.rules.filter { $0.pattern.needs.all.isEmpty }
        #expect(unread.isEmpty)
    }

    /// Over our own sentences, clause by clause and whole: no rule the pre-check refuses matches.
    @Test func thePreCheckNeverRefusesAMatch() throws {
        let url = try #require(Bundle.module.url(forResource: "extraction_labelled", withExtension: "jsonl", subdirectory: "Fixtures"))
        let messages = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["message"] as? String
        }
        #expect(messages.count > 300)
        let extra = ["I li\u{212A}e jazz and I'm a NURSE", "MY FAVOURITE COLOUR IS BLUE", "我叫小明，我住在北京"]
        let texts = (messages + extra).flatMap { message in
            [message] + TextTools.sentences(message) + message.split(separator: ",").map(String.init)
        }
        let patterns = (EnglishRules.rules + ChineseRules.rules).map(\.pattern)
        var refusedMatches = 0
        var refusals = 0
        for text in texts {
            let probe = TextProbe(text)
            for pattern in patterns where !pattern.needs.admits(probe) {
                refusals += 1
                if pattern.firstMatch(text) != nil { refusedMatches += 1 }
            }
        }
        #expect(refusedMatches == 0)
        #expect(refusals > texts.count * patterns.count / 2)
    }
}
