/// A phrase that marks a memory kind, with how sure the phrase makes us.
struct MemoryCue: Sendable, Hashable {
    var phrase: String
    var kind: MemoryKind
    var confidence: Double

    init(_ phrase: String, _ kind: MemoryKind, _ confidence: Double) {
        self.phrase = phrase
        self.kind = kind
        self.confidence = confidence
    }

    /// Whether the phrase is Chinese (matched anywhere, without word boundaries).
    var isCJK: Bool { phrase.unicodeScalars.contains { KeywordTokenizer.isCJK($0) } }

    /// Cues in what the user says, English and Chinese.
    static let user: [MemoryCue] = [
        // Instructions to the assistant.
        MemoryCue("from now on", .instruction, 0.9),
        MemoryCue("going forward", .instruction, 0.8),
        MemoryCue("in the future please", .instruction, 0.85),
        MemoryCue("always answer", .instruction, 0.9),
        MemoryCue("always respond", .instruction, 0.9),
        MemoryCue("always reply", .instruction, 0.9),
        MemoryCue("always use", .instruction, 0.8),
        MemoryCue("never mention", .instruction, 0.85),
        MemoryCue("please call me", .instruction, 0.9),
        MemoryCue("call me", .instruction, 0.7),
        MemoryCue("please answer in", .instruction, 0.85),
        MemoryCue("please reply in", .instruction, 0.85),
        MemoryCue("please respond in", .instruction, 0.85),
        MemoryCue("please don't", .instruction, 0.7),
        MemoryCue("stop calling me", .instruction, 0.85),
        MemoryCue("以后请", .instruction, 0.9),
        MemoryCue("从现在开始", .instruction, 0.9),
        MemoryCue("从今以后", .instruction, 0.9),
        MemoryCue("请叫我", .instruction, 0.9),
        MemoryCue("请用", .instruction, 0.75),
        MemoryCue("以后都", .instruction, 0.8),
        MemoryCue("请不要", .instruction, 0.7),
        // Constraints to respect.
        MemoryCue("i'm allergic", .constraint, 0.9),
        MemoryCue("i am allergic", .constraint, 0.9),
        MemoryCue("allergic to", .constraint, 0.85),
        MemoryCue("intolerant", .constraint, 0.8),
        MemoryCue("i must not", .constraint, 0.85),
        MemoryCue("i mustn't", .constraint, 0.85),
        MemoryCue("i'm not allowed", .constraint, 0.85),
        MemoryCue("i am not allowed", .constraint, 0.85),
        MemoryCue("i can't eat", .constraint, 0.85),
        MemoryCue("i cannot eat", .constraint, 0.85),
        MemoryCue("i can't have", .constraint, 0.8),
        MemoryCue("i can't drink", .constraint, 0.85),
        MemoryCue("i can't afford", .constraint, 0.8),
        MemoryCue("i can't", .constraint, 0.6),
        MemoryCue("i cannot", .constraint, 0.6),
        MemoryCue("i don't eat", .constraint, 0.8),
        MemoryCue("i do not eat", .constraint, 0.8),
        MemoryCue("i'm vegan", .constraint, 0.8),
        MemoryCue("i'm vegetarian", .constraint, 0.8),
        MemoryCue("budget under", .constraint, 0.9),
        MemoryCue("budget of", .constraint, 0.85),
        MemoryCue("my budget", .constraint, 0.85),
        MemoryCue("no more than", .constraint, 0.7),
        MemoryCue("过敏", .constraint, 0.9),
        MemoryCue("不能", .constraint, 0.75),
        MemoryCue("不可以", .constraint, 0.75),
        MemoryCue("不允许", .constraint, 0.8),
        MemoryCue("预算", .constraint, 0.85),
        MemoryCue("忌口", .constraint, 0.85),
        MemoryCue("我不吃", .constraint, 0.8),
        // Commitments and plans.
        MemoryCue("remind me", .commitment, 0.9),
        MemoryCue("don't let me forget", .commitment, 0.9),
        MemoryCue("i promise", .commitment, 0.9),
        MemoryCue("i promised", .commitment, 0.85),
        MemoryCue("i plan to", .commitment, 0.75),
        MemoryCue("i'm planning to", .commitment, 0.75),
        MemoryCue("i'm going to", .commitment, 0.65),
        MemoryCue("i am going to", .commitment, 0.65),
        MemoryCue("i will", .commitment, 0.7),
        MemoryCue("i'll", .commitment, 0.7),
        MemoryCue("i have to", .commitment, 0.6),
        MemoryCue("i need to", .commitment, 0.6),
        MemoryCue("记得提醒我", .commitment, 0.9),
        MemoryCue("提醒我", .commitment, 0.9),
        MemoryCue("别让我忘", .commitment, 0.9),
        MemoryCue("我保证", .commitment, 0.9),
        MemoryCue("我答应", .commitment, 0.85),
        MemoryCue("我打算", .commitment, 0.75),
        MemoryCue("我会", .commitment, 0.7),
        MemoryCue("我要", .commitment, 0.6),
        // Preferences.
        MemoryCue("i prefer", .preference, 0.9),
        MemoryCue("i'd rather", .preference, 0.8),
        MemoryCue("my favorite", .preference, 0.85),
        MemoryCue("my favourite", .preference, 0.85),
        MemoryCue("i love", .preference, 0.8),
        MemoryCue("i like", .preference, 0.75),
        MemoryCue("i enjoy", .preference, 0.75),
        MemoryCue("i'm a fan of", .preference, 0.75),
        MemoryCue("i hate", .preference, 0.8),
        MemoryCue("i dislike", .preference, 0.85),
        MemoryCue("i don't like", .preference, 0.8),
        MemoryCue("i do not like", .preference, 0.8),
        MemoryCue("i can't stand", .preference, 0.8),
        MemoryCue("我更喜欢", .preference, 0.9),
        MemoryCue("最喜欢", .preference, 0.85),
        MemoryCue("偏好", .preference, 0.85),
        MemoryCue("我喜欢", .preference, 0.8),
        MemoryCue("我不喜欢", .preference, 0.8),
        MemoryCue("我讨厌", .preference, 0.8),
        MemoryCue("我爱", .preference, 0.75),
        // Named entities.
        MemoryCue("is called", .entity, 0.8),
        MemoryCue("'s name is", .entity, 0.85),
        MemoryCue("my name is", .entity, 0.85),
        MemoryCue("named", .entity, 0.7),
        MemoryCue("名字是", .entity, 0.85),
        MemoryCue("叫做", .entity, 0.8),
        MemoryCue("我叫", .entity, 0.8),
        MemoryCue("是我的", .entity, 0.7),
        // First-person facts (weak).
        MemoryCue("i am", .fact, 0.6),
        MemoryCue("i'm", .fact, 0.6),
        MemoryCue("i live", .fact, 0.65),
        MemoryCue("i work", .fact, 0.65),
        MemoryCue("i have", .fact, 0.6),
        MemoryCue("my", .fact, 0.55),
        MemoryCue("我是", .fact, 0.6),
        MemoryCue("我住", .fact, 0.65),
        MemoryCue("我在", .fact, 0.6),
        MemoryCue("我有", .fact, 0.6),
    ]

    /// Cues in the assistant's reply (it agreeing to remind or to change its ways).
    static let assistant: [MemoryCue] = [
        MemoryCue("i'll remind you", .commitment, 0.7),
        MemoryCue("i will remind you", .commitment, 0.7),
        MemoryCue("reminder set", .commitment, 0.7),
        MemoryCue("i've set a reminder", .commitment, 0.7),
        MemoryCue("我会提醒你", .commitment, 0.7),
        MemoryCue("from now on i will", .instruction, 0.65),
        MemoryCue("from now on, i will", .instruction, 0.65),
        MemoryCue("from now on i'll", .instruction, 0.65),
        MemoryCue("from now on, i'll", .instruction, 0.65),
        MemoryCue("以后我会", .instruction, 0.65),
    ]
}
