/// The expressions rules apply to a value they captured (cuts and tests), compiled once. They were
/// `replacingOccurrences(of:options: .regularExpression)` and `range(of:options:)` calls, which
/// built or looked up an `NSRegularExpression` on every use and always ran ICU; a ``Pattern`` is
/// the same ICU expression with the same options (case-insensitive unless marked), so the results
/// are the same, and its literal pre-check skips ICU when the value lacks the words.
enum ValuePatterns {
    /// From the first comma, semicolon or bracket to the end.
    static let clauseTail = Pattern(#"\s*[,;(].*$"#, caseSensitive: true)
    /// A leading "the".
    static let leadingThe = Pattern(#"^the\s+"#)
    /// "… on the piano", "… with friends": what follows the thing learnt.
    static let learningTail = Pattern(#"\s+(?:on|with|using|via|through|at|in|from)\s+.*$"#)
    /// "doing (the) …" before a liked activity.
    static let leadingDoing = Pattern(#"^doing\s+(?:the\s+)?"#)
    /// "… for fun", "… every weekend": what follows a hobby's object.
    static let hobbyTail = Pattern(#"(?:^|\s+)(?:for|at|with|in|on|to|every|as|when|while|around|sometimes|often|a\s+lot)\b.*$"#)
    /// " and …" after a favourite activity.
    static let andTail = Pattern(#"\s+and\s+.*$"#, caseSensitive: true)
    /// "twice", "before", "a lot" after a place visited.
    static let visitCount = Pattern(#"\s+(?:twice|once|several\s+times|many\s+times|a\s+few\s+times|\w+\s+times|before|already|a\s+lot)$"#)
    /// A place that is a landmark, not a town.
    static let landmark = Pattern(#"\b(?:trail|park|mountains?|lake|island|islands|beach|canyon|falls|national|city|state|coast|desert|river|valley|alps|rockies)\b"#)
    /// "I'm a …" before the school named in an education.
    static let educationLead = Pattern(#"^i(?:'m|\s+am|m)\s+(?:\w+\s+)*?(?:a\s+)?(?=high|college|university|grad)"#)
    /// A word describing children ("two lovely kids").
    static let childAdjective = Pattern(#"\b(?:wonderful|amazing|beautiful|lovely|great|grown|adult|young|little|small|teenage|awesome|grown-up|sweet)\s"#)
    /// "fluently", "a little" after a language.
    static let languageSkill = Pattern(#"\s+(?:fluently|well|natively|a little|too)$"#)
    /// The person addressed ("you", "your").
    static let addressee = Pattern(#"\b(?:you|your|yours|u|ya)\b"#)
    /// 一口流利的, 一点 before a language.
    static let chineseLanguageLead = Pattern(#"^(?:一口流利的|流利的|一点点|一点|一些|点)"#, caseSensitive: true)
}
