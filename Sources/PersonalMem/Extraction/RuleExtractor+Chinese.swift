import Foundation

/// Chinese statements about the user (我…), clause by clause; later clauses without a subject
/// ("我叫李雷，今年28岁") inherit 我.
enum ChineseRules {
    private static let question = Pattern(#"[？?]|[吗呢么]\s*[。！!]?$|什么|怎么|哪|谁|几岁|多少|为什么|是不是|有没有|能不能|对不对|好不好|要不要|会不会|记得我"#)
    private static let hypothetical = Pattern(#"如果|要是|假如|假设|万一|的话|可能|也许|或许|大概|希望|想要|想去|想搬|想学|我想|打算|计划|准备|将来|以后|梦想|但愿|就好了|应该|等我|总有一天|有一天|考虑|会不会"#)
    private static let reported = Pattern(#"(?:他|她|他们|她们|妈|爸|朋友|同事|老板|老师|姐|哥|弟|妹|子|夫|家人|别人|大家|人)(?:们)?(?:说|告诉|认为|以为|觉得)|听说|据说"#)
    private static let lead = Pattern(#"^(?:(?:其实|实际上|更正一下|更正|纠正一下|不对|说错了|我说错了|抱歉|对不起|哦|嗯|对了|另外|顺便说一下|顺便说一句|顺便提一下|补充一下|告诉你|跟你说|你好|您好|大家好|嗨|哈喽|哈哈|是的|没错|好的)[，,：:！!。\s]*)+"#)
    private static let clauseBreak = Pattern(#"\s*[，,]\s*|\s+"#)
    private static let frontedTime = Pattern(#"^(平时|周末|业余时间|空闲时间|闲暇时|最近|现在|目前|其实|今年|去年)[，,]?我(?!们)"#)
    private static let inheritsSubject = Pattern(#"^(?:今年|现在|目前|住|在|是|喜欢|也|还|会|养|有|不|已经|搬|来自|毕业|学|正在|最|很|特别|非常|吃|爱|讨厌|做|当|从|平时|业余|老家|出生|\d|[一二三四五六七八九十]+岁)"#)

    /// A stated change: "以前的", "不再", "已经不", "戒了" …; with a value the profile holds, that value goes.
    private static let change = Pattern(#"以前|从前|曾经|不再|已经不|再也不|戒了|戒掉|不.{1,8}了|分手|离婚了|辞职了|退出了"#)

    static func facts(in sentence: String, profile: Profile) -> [Fact] {
        guard !question.matches(sentence) else { return [] }
        if !profile.isEmpty, change.matches(sentence) {
            let removed = Changes.fromProfile(sentence, profile)
            if !removed.isEmpty { return removed }
        }
        if let groups = goal.match(lead.replacing(in: TextTools.trimmed(sentence), with: "")), let value = cut(groups[1]) {
            return [FactBuilder.list("life_goals", [value])].compactMap { $0 }
        }
        guard !hypothetical.matches(sentence), !reported.matches(sentence) else { return [] }
        var text = lead.replacing(in: TextTools.trimmed(sentence), with: "")
        var facts: [Fact] = []
        if let groups = calledBy.match(text), let nickname = name(groups[1]) {
            facts.append(Fact(field: "nickname", op: .set, value: .string(nickname)))
        }
        for pattern in [petPattern, petNamePattern] {
            if let groups = pattern.match(text) {
                facts += [pet(groups)].compactMap { $0 }
                text = pattern.replacing(in: text, with: "")
            }
        }
        var subject = false
        for raw in clauseBreak.split(text) {
            var clause = frontedTime.replacing(in: lead.replacing(in: TextTools.trimmed(raw), with: ""), with: "我$1")
            guard !clause.isEmpty else { continue }
            if clause.hasPrefix("叫我") || clause.hasPrefix("你可以叫我") || clause.hasPrefix("可以叫我") {
                facts += statementFacts(clause)
                continue
            }
            if clause.hasPrefix("我") && !clause.hasPrefix("我们") {
                subject = true
            } else if subject, inheritsSubject.matches(clause) {
                clause = "我" + clause
            } else {
                subject = false
                continue
            }
            facts += clauseFacts(clause, profile)
        }
        return facts
    }

    /// "我想减肥", "我的梦想是当老师", "我希望成为医生": goals with a life-sized object only.
    private static let goal = Pattern(#"^我(?:一直|很|真的|特别|好|也|还)?(?:想|想要|希望|梦想|打算|的梦想是|的目标是)(?:能)?(成为.+|当.+|做一名.+|减肥|瘦下来|考研|考公|出国|留学|移民.*|去.+(?:旅游|旅行|看看)|环游世界|买房|创业|开.+店)$"#)
    /// "大家都叫我王二狗": a nickname others use.
    private static let calledBy = Pattern(#"(?:大家|朋友们?|别人|同学们?|他们|家里人)(?:都|一般|平时)*(?:叫我|喊我|管我叫|称呼我)(?:为)?([\p{Han}]{1,4}|[A-Za-z][A-Za-z ]{0,20})"#)

    private static func clauseFacts(_ clause: String, _ profile: Profile) -> [Fact] {
        for (pattern, template) in negations where pattern.matches(clause) {
            let positive = pattern.replacing(in: clause, with: template)
            return FactBuilder.removals(of: statementFacts(positive), profile: profile)
        }
        if let groups = leftCompany.match(clause), let company = organisation(groups[1]) {
            return [Fact(field: "company", op: .remove, value: .string(company))]
        }
        if resigned.matches(clause) { return [Fact(field: "company", op: .clear)] }
        return statementFacts(clause)
    }

    private static let negations: [(Pattern, String)] = [
        (Pattern(#"^我(\#(adv))(?:不再|已经不|再也不)(.+?)了?$"#), "我$1$2"),
        (Pattern(#"^我(\#(adv))不(.+)了$"#), "我$1$2"),
    ]
    private static let leftCompany = Pattern(#"^我\#(adv)(?:从(.+?)离职|离开了(.+?))了?$"#)
    private static let resigned = Pattern(#"^我\#(adv)(?:辞职|离职)了$"#)

    static func statementFacts(_ clause: String) -> [Fact] {
        var facts: [Fact] = []
        if let groups = petPattern.match(clause), let found = pet(groups) { facts.append(found) }
        for rule in rules {
            guard let groups = rule.pattern.match(clause) else { continue }
            for case let fact? in rule.build(groups, RuleContext(profile: [:], lowercaseOnly: false)) where !facts.contains(where: { $0.field == fact.field }) {
                facts.append(fact)
            }
        }
        return facts
    }

    // MARK: Values

    static let adv = #"(?:也|还|都|很|真的|非常|特别|超|超级|挺|一直|比较|蛮|现在|目前|已经|刚|刚刚|最近|其实|确实|本来|还是|如今|今年|去年|真|好)*"#
    private static let stop = Pattern(#"[，,。！!？?；;]|了|啦|呢|哦|呀|吧|啊|的时候|因为|所以|但是|不过|而且|已经|现在|很久|多年|好多年|一段时间|好久|(?<=.)(?:\d+|[一二两三四五六七八九十几多半]+)(?:年|个月|天|周|星期)"#)
    private static let separators = Pattern(#"和|、|跟|与|以及|还有|及|/|或者|或"#)

    /// The captured text up to the first word that ends it (了, 因为, a time span ...).
    static func cut(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let value = TextTools.trimmed(stop.prefix(before: raw))
        return value.isEmpty ? nil : value
    }

    static func items(_ raw: String?) -> [String]? {
        guard let text = cut(raw) else { return nil }
        let items = separators.split(text).map(TextTools.trimmed).filter { !$0.isEmpty }
        guard let first = items.first, !["的", "你", "他", "她", "它", "人", "这", "那", "上你", "是"].contains(where: { first.hasPrefix($0) }),
            !items.contains(where: { $0.contains("是") || $0.count > 12 })
        else { return nil }
        return items
    }

    static func place(_ raw: String?) -> String? {
        guard var value = cut(raw) else { return nil }
        for suffix in ["住", "生活", "定居", "工作", "上班", "的"] where value.hasSuffix(suffix) { value = String(value.dropLast(suffix.count)) }
        guard !value.isEmpty, value.count <= 12, !["一", "个", "这", "那", "家", "哪"].contains(where: { value.hasPrefix($0) }) else { return nil }
        return value
    }

    static func isPlace(_ value: String) -> Bool {
        Vocabulary.chinesePlaces.contains(value) || ["市", "省", "区", "县", "州", "镇", "村"].contains { value.hasSuffix($0) }
    }

    static func organisation(_ raw: String?) -> String? {
        guard let value = cut(raw), value.count <= 16, !isPlace(value) else { return nil }
        let generic: Set<String> = ["家", "家里", "公司", "学校", "医院", "银行", "工厂", "办公室", "外地", "国外", "国内", "本地", "这里", "那里", "这儿", "那儿", "外企", "国企", "私企", "大厂", "单位"]
        guard !generic.contains(value), !["一", "这", "那", "某", "家"].contains(where: { value.hasPrefix($0) }) else { return nil }
        return value
    }

    static func isUniversity(_ value: String) -> Bool {
        ["大学", "学院", "大", "学校", "中学", "高中", "University", "College"].contains { value.hasSuffix($0) }
            || ["北大", "清华", "复旦", "交大", "浙大", "南大", "人大", "中大", "武大", "川大", "MIT"].contains(value)
    }

    static func isOccupation(_ value: String) -> Bool {
        !value.contains("的") && value.count <= 10 && Vocabulary.chineseOccupationEndings.contains { value.hasSuffix($0) }
            && !["新手", "高手", "老手", "主义者", "爱好者", "患者"].contains { value.hasSuffix($0) }
    }

    static func name(_ raw: String?) -> String? {
        guard var value = raw.map(TextTools.trimmed), !value.isEmpty else { return nil }
        for boundary in ["今年", "是", "在", "住", "来自", "现在", "目前", "家住", "的", "了", "就好", "就行", "就可以", "吧", "哦", "啊", "呀", "，", "。"] {
            if let range = value.range(of: boundary), range.lowerBound > value.startIndex { value = String(value[..<range.lowerBound]) }
        }
        guard let first = value.first, !"了过着他她你它人车什醒我".contains(first) else { return nil }
        return TextTools.capitalisedName(TextTools.trimmed(value))
    }

    /// Languages spoken or learnt: known names, or words ending in 语 / 文 / 话.
    static func languages(_ raw: String?) -> [String]? {
        guard let items = items(raw)?.map({ ValuePatterns.chineseLanguageLead.replacing(in: $0, with: "") }) else { return nil }
        let ok = items.allSatisfy { item in
            Vocabulary.spokenLanguages.contains(item.lowercased()) || (item.count <= 5 && ["语", "文", "话"].contains { item.hasSuffix($0) } && !item.hasSuffix("作文"))
        }
        return ok ? items : nil
    }

    // MARK: Pets

    private static let pets = EnglishRules.alternation(Vocabulary.chinesePets)
    private static let nameCapture = #"([\p{Han}]{1,4}|[A-Za-z][A-Za-z ]{0,20})"#
    private static let petPattern = Pattern(#"我(?:家)?\#(adv)(?:养了|养着|养|有)(一|两|三|四|五|几|\d+)?(只|条|个|匹|头)?\#(pets)(?:[，,]?\s*(?:它|她|他)?(?:叫|名叫|名字叫|取名叫|的名字是|名字是)\#(nameCapture))?"#)
    private static let petNamePattern = Pattern(#"我(?:家)?的?\#(pets)(?:叫|名叫|的名字是|的名字叫|名字叫)\#(nameCapture)"#)

    private static func pet(_ groups: [String?]) -> Fact? {
        if groups.count == 3, let kind = groups[1], let name = name(groups[2]) {
            return FactBuilder.list("pets", ["\(kind): \(name)"])
        }
        guard groups.count == 5, let kind = groups[3] else { return nil }
        if let name = name(groups[4]) { return FactBuilder.list("pets", ["\(kind): \(name)"]) }
        if let count = groups[1], count != "一" { return FactBuilder.list("pets", [count + (groups[2] ?? "") + kind]) }
        return FactBuilder.list("pets", [kind])
    }
}
