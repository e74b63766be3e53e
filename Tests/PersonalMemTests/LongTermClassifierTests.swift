import Testing

@testable import PersonalMem

@Suite("LongTerm memory classifier")
struct LongTermClassifierTests {
    private let classifier = MemoryClassifier()

    @Test("English and Chinese cues", arguments: [
        ("I prefer tea over coffee.", MemoryKind.preference),
        ("I really hate cilantro", .preference),
        ("I can't stand loud music", .preference),
        ("Remind me to call mum on Friday", .commitment),
        ("I'll send the report tomorrow", .commitment),
        ("I promise to finish the draft", .commitment),
        ("From now on, always answer in French.", .instruction),
        ("Please call me Sam", .instruction),
        ("I'm allergic to peanuts", .constraint),
        ("I must not eat gluten", .constraint),
        ("Keep it to a budget under 500 euros", .constraint),
        ("My dog is called Pepper", .entity),
        ("Anna is my sister", .entity),
        ("The meeting went fine today", .fact),
        ("我喜欢喝绿茶", .preference),
        ("记得提醒我明天交报告", .commitment),
        ("我会在周五前完成", .commitment),
        ("以后请用中文回答", .instruction),
        ("我对花生过敏", .constraint),
        ("我不能吃辣", .constraint),
        ("我的猫叫做咪咪", .entity),
        ("今天天气不错", .fact),
    ])
    func kinds(text: String, expected: MemoryKind) {
        let result = classifier.classify(user: text, assistant: "")
        #expect(result.kind == expected, "\(text)")
        #expect((0.5...0.9).contains(result.confidence))
    }

    @Test("confidence follows how explicit the cue is")
    func confidence() {
        #expect(classifier.classify(user: "I prefer window seats", assistant: "").confidence == 0.9)
        #expect(classifier.classify(user: "I like window seats", assistant: "").confidence < 0.9)
        #expect(classifier.classify(user: "Nice weather", assistant: "Indeed").confidence == 0.5)
    }

    @Test("word boundaries, curly apostrophes, and the assistant's reply as a fallback")
    func details() {
        #expect(classifier.classify(user: "Alike situations happen", assistant: "").kind == .fact, "'like' inside a word")
        #expect(classifier.classify(user: "I\u{2019}m allergic to cats", assistant: "").kind == .constraint)
        #expect(classifier.classify(user: "Dentist on Tuesday at 3", assistant: "Got it, I'll remind you on Monday.").kind == .commitment)
        #expect(classifier.classify(user: "What is it?", assistant: "This is my guess").kind == .fact)
        let tie = classifier.classify(user: "From now on I prefer short answers", assistant: "")
        #expect(tie.kind == .instruction, "equal confidence: instruction outranks preference")
    }
}
