import Foundation
import Testing

@testable import PersonalMem
@testable import PersonalMemEval

@Suite("RuleExtractor")
struct RuleExtractorTests {
    let extractor = RuleExtractor()

    func facts(_ message: String, profile: Profile = [:]) -> [Fact] {
        extractor.facts(in: message, profile: profile)
    }

    func fact(_ field: String, _ op: Fact.Operation, _ value: String) -> Fact {
        Fact(field: field, op: op, value: .string(value))
    }

    func list(_ field: String, _ op: Fact.Operation, _ items: [String]) -> Fact {
        Fact(field: field, op: op, value: .array(items.map(JSONValue.string)))
    }

    @Test func reportsItsNameWithEveryExtraction() async throws {
        let extraction = try await extractor.extract(message: "I live in Berlin.", profile: [:])
        #expect(extraction.extractor == "builtin")
        #expect(extraction.facts == [fact("location", .set, "Berlin")])
    }

    @Test func identity() {
        #expect(facts("My name is sarah connor.") == [fact("name", .set, "Sarah Connor")])
        #expect(facts("I'm 28 years old.") == [Fact(field: "age", op: .set, value: .number(28))])
        #expect(facts("I'm a 34-year-old woman.").contains(fact("gender", .set, "female")))
    }

    @Test func workAndEducation() {
        #expect(facts("I'm a senior software engineer at Google.") == [fact("role", .set, "senior software engineer"), fact("company", .set, "Google")])
        #expect(facts("I work as a nurse.") == [fact("role", .set, "nurse")])
        #expect(facts("I graduated from MIT.") == [fact("university", .set, "MIT")])
        #expect(facts("I code in Python and Go.") == [list("programming_languages", .add, ["Python", "Go"])])
    }

    @Test func preferencesAndLists() {
        #expect(facts("I like hiking, swimming and chess.") == [list("likes", .add, ["hiking", "swimming", "chess"])])
        #expect(facts("I also love jazz too.") == [list("likes", .add, ["jazz"])])
        #expect(facts("My favourite colour is blue.") == [fact("favorite_color", .set, "blue")])
        #expect(facts("I have a dog named Max.") == [list("pets", .add, ["dog: Max"])])
        #expect(facts("My wife Anna is a teacher.") == [list("family", .add, ["wife: Anna"])])
        #expect(facts("I speak English and a little French.") == [list("languages", .add, ["English", "French"])])
        #expect(facts("I'm learning Japanese.") == [list("learning_languages", .add, ["Japanese"])])
        #expect(facts("I'm vegetarian.") == [fact("diet", .set, "vegetarian")])
    }

    @Test func replacementSetsScalarsAndWholeLists() {
        #expect(facts("I moved to Denver.") == [fact("location", .set, "Denver")])
        #expect(facts("My hobbies are now painting and yoga.") == [list("hobbies", .set, ["painting", "yoga"])])
        #expect(facts("Actually, I'm 31.") == [Fact(field: "age", op: .set, value: .number(31))])
        #expect(facts("Actually my name is Bob.") == [fact("name", .set, "Bob")])
    }

    @Test func removalCarriesTheValue() {
        #expect(facts("I no longer work at Google.") == [fact("company", .remove, "Google")])
        #expect(facts("I don't like coffee anymore.") == [list("likes", .remove, ["coffee"])])
        #expect(facts("I quit smoking.") == [list("habits", .remove, ["smoking"])])
        #expect(facts("I stopped playing tennis.", profile: ["hobbies": .list(["tennis"])]) == [list("hobbies", .remove, ["tennis"])])
        #expect(facts("I don't have a dog anymore.", profile: ["pets": .list(["dog: Max"])]) == [list("pets", .remove, ["dog", "dog: Max"])])
    }

    @Test func negationIsADislike() {
        #expect(facts("I don't like mushrooms.") == [list("dislikes", .add, ["mushrooms"])])
        #expect(facts("I hate traffic.") == [list("dislikes", .add, ["traffic"])])
    }

    @Test(arguments: [
        "Do you like jazz?", "What's my name?", "If I were rich I'd buy a boat.", "I might move to Paris.",
        "I wish I lived in Rome.", "My sister likes jazz.", "My boss is called Tom.", "He said \"I love pizza\".",
        "My doctor says I'm healthy.", "The weather is nice today.", "I love it, thank you!", "I'm so tired today.",
        "你喜欢爵士乐吗？", "如果我有钱，我会买一艘船", "我姐姐喜欢爵士乐", "他说“我喜欢披萨”", "今天天气真好",
    ])
    func yieldsNothing(message: String) {
        #expect(facts(message).isEmpty)
    }

    @Test func chinese() {
        #expect(facts("我叫李雷，今年28岁，住在上海。") == [fact("name", .set, "李雷"), Fact(field: "age", op: .set, value: .number(28)), fact("location", .set, "上海")])
        #expect(facts("我今年二十八岁") == [Fact(field: "age", op: .set, value: .number(28))])
        #expect(facts("我搬到了北京") == [fact("location", .set, "北京")])
        #expect(facts("我在腾讯工作") == [fact("company", .set, "腾讯")])
        #expect(facts("我是一名程序员") == [fact("role", .set, "程序员")])
        #expect(facts("我喜欢爬山和游泳") == [list("likes", .add, ["爬山", "游泳"])])
        #expect(facts("我不喜欢香菜") == [list("dislikes", .add, ["香菜"])])
        #expect(facts("我会说英语和中文") == [list("languages", .add, ["英语", "中文"])])
        #expect(facts("我在学日语") == [list("learning_languages", .add, ["日语"])])
        #expect(facts("我不再喜欢咖啡了") == [list("likes", .remove, ["咖啡"])])
        #expect(facts("我养了一只猫叫咪咪") == [list("pets", .add, ["猫: 咪咪"])])
        #expect(facts("我吃素") == [fact("diet", .set, "素食")])
    }

    @Test func evaluationCountsMatchesByFieldOpAndItems() {
        let examples = [
            LabelledExample(message: "I like Jazz and rock.", facts: [list("likes", .add, ["rock", "jazz"])]),
            LabelledExample(message: "I live in Paris.", facts: [fact("location", .set, "Rome")]),
            LabelledExample(message: "Do you like jazz?", facts: []),
        ]
        let evaluation = ExtractorEvaluation(examples: examples)
        #expect(evaluation.overall == ExtractorEvaluation.Counts(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        #expect(evaluation.negatives == 1 && evaluation.falseAlarms == 0)
        #expect(evaluation.report().contains("OVERALL"))
    }

    @Test func labelledSetMeetsTargets() throws {
        let url = try #require(Bundle.module.url(forResource: "extraction_labelled", withExtension: "jsonl", subdirectory: "Fixtures"))
        let examples = try ExtractorEvaluation.loadExamples(from: url)
        #expect(examples.count >= 240)
        let evaluation = ExtractorEvaluation(examples: examples)
        #expect(evaluation.overall.precision >= 0.95, "\(evaluation.report())")
        #expect(evaluation.overall.recall >= 0.80, "\(evaluation.report())")
    }
}
