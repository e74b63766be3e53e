import Foundation

extension ChineseRules {
    private static let family = EnglishRules.alternation(Vocabulary.chineseFamily)
    private static let favoriteThings = EnglishRules.alternation(Array(Vocabulary.chineseFavoriteThings.keys))
    private static let nameCapture = #"([\p{Han}]{1,4}|[A-Za-z][A-Za-z ]{0,20})"#
    private static let knownPlaces = EnglishRules.alternation(Array(Vocabulary.chinesePlaces))
    private static let number = #"(\d{1,3}|[零一二两三四五六七八九十]{1,4})"#

    static let rules: [Rule] = [
        // identity
        Rule(#"^我(?:的)?名字(?:是|叫)\#(nameCapture)|^我叫\#(nameCapture)|^(?:你|您)?(?:可以)?叫我\#(nameCapture)"#) { g, _ in
            [FactBuilder.fact("name", name(g[1] ?? g[2] ?? g[3]))]
        },
        Rule(#"^我\#(adv)(?:满)?\#(number)(?:周)?岁"#) { g, _ in [FactBuilder.integer("age", g[1].flatMap(TextTools.number), in: 1...120)] },
        Rule(#"^我是(?:一个|个)?(男生|女生|男的|女的|男人|女人|男孩子|女孩子|男孩|女孩|男性|女性)"#) { g, _ in
            [FactBuilder.fact("gender", g[1]?.hasPrefix("男") == true ? "男" : "女")]
        },
        // location
        Rule(#"^我\#(adv)(?:住在|居住在|生活在|定居在|定居于|住)(.+)"#) { g, _ in [FactBuilder.fact("location", place(g[1]))] },
        Rule(#"^我\#(adv)(?:搬到|搬去|搬家到|搬家去|移居到?|移民到?)了?(.+)"#) { g, _ in [FactBuilder.fact("location", place(g[1]))] },
        Rule(#"^我\#(adv)(?:人)?在(.+?)(?:生活|定居|居住)"#) { g, _ in [FactBuilder.fact("location", place(g[1]))] },
        Rule(#"^我\#(adv)(?:来自|是从)(.+?)(?:来的)?$|^我(?:的)?老家(?:是|在)(.+)|^我\#(adv)(?:是)?在(.+?)长大|^我\#(adv)出生(?:在|于)(?!\d)(.+)"#) { g, _ in
            [FactBuilder.fact("hometown", place(g[1] ?? g[2] ?? g[3] ?? g[4]))]
        },
        Rule(#"^我出生(?:在|于)(\d{4})年"#) { g, _ in [FactBuilder.integer("birth_year", g[1].flatMap { Int($0) }, in: 1900...2100)] },
        Rule(#"^我\#(adv)(?:人)?在(\#(knownPlaces))(?!工作|上班|出差|旅游|旅行|玩|开会|转机|读书|上学|长大|出生|读|上)"#) { g, _ in [FactBuilder.fact("location", g[1])] },
        Rule(#"^我是\s*(\d\s?\d)\s*年(?:的|生)"#) { g, _ in
            guard let digits = g[1]?.filter(\.isNumber), let short = Int(digits) else { return [] }
            return [FactBuilder.integer("birth_year", short > 30 ? 1900 + short : 2000 + short, in: 1900...2100)]
        },
        Rule(#"^我\#(adv)(?:是)?(?:个|一个|一名)?(大[一二三四]|研[一二三]|高[一二三]|初[一二三]|博[一二三])"#) { g, _ in [FactBuilder.fact("education", g[1])] },
        Rule(#"^我.{0,6}?(单身)(?!也|的原因|吗|多久)"#) { g, _ in [FactBuilder.fact("relationship_status", g[1])] },
        Rule(#"^我\#(adv)最(?:喜欢|爱)(?!的)(.+)"#) { g, _ in [FactBuilder.list("likes", items(g[1]) ?? [])] },
        Rule(#"^我是(?:天生的?|土生土长的|地道的)?([\p{Han}]{2,5})人$"#) { g, _ in
            guard let value = g[1], isPlace(value) else { return [] }
            return [FactBuilder.fact(Vocabulary.chineseCountries.contains(value) ? "nationality" : "hometown", value)]
        },
        // work
        Rule(#"^我\#(adv)在(.+?)(?:当|做|担任|作为)(.+)"#) { g, _ in
            guard let role = cut(g[2]), isOccupation(role) else { return [] }
            return [FactBuilder.fact("company", organisation(g[1])), FactBuilder.fact("role", role)]
        },
        Rule(#"^我\#(adv)在(.+?)(?:工作|上班|任职|实习)"#) { g, _ in [FactBuilder.fact("company", organisation(g[1]))] },
        Rule(#"^我是(.+?)的(.+)"#) { g, _ in
            guard let role = cut(g[2]), isOccupation(role), let company = organisation(g[1]), !isUniversity(company) else { return [] }
            return [FactBuilder.fact("company", company), FactBuilder.fact("role", role)]
        },
        Rule(#"^我\#(adv)(?:入职|加入)了?(.+)|^我(?:的)?公司是(.+)"#) { g, _ in [FactBuilder.fact("company", organisation(g[1] ?? g[2]))] },
        Rule(#"^我\#(adv)(?:是|当|做)(?:一名|一个|一位|个|名|位)?(.+?)$|^我(?:的)?(?:职业|工作)是(?:一名|一个)?(.+)"#) { g, _ in
            guard let role = cut(g[1] ?? g[2]), isOccupation(role) else { return [] }
            return [FactBuilder.fact("role", role)]
        },
        // education
        Rule(#"^我\#(adv)(?:毕业于|从)(.+?)(?:毕业)?$|^我是(.+?)毕业的|^我\#(adv)在(.+?)(?:读书|上学|读大学|读研|读博|念书|学习|读本科|读研究生)"#) { g, _ in
            guard let school = cut(g[1] ?? g[2] ?? g[3]), isUniversity(school) else { return [] }
            return [FactBuilder.fact("university", school)]
        },
        Rule(#"^我\#(adv)(?:大学)?(?:学的是|的专业是|学的专业是|读的是|主修)(.+?)(?:专业)?$|^我是(.+?)专业的"#) { g, _ in
            [FactBuilder.fact("education", cut(g[1] ?? g[2]).map { $0.hasSuffix("专业") ? String($0.dropLast(2)) : $0 })]
        },
        Rule(#"^我\#(adv)(?:有|拿到了|获得了|拿了|是)(?:一个)?(学士|硕士|博士|MBA)(?:学位)"#) { g, _ in [FactBuilder.fact("degree", g[1])] },
        Rule(#"^我\#(adv)(?:是)?(本科|硕士|博士|研究生|大专|高中)(?:学历)"#) { g, _ in [FactBuilder.fact("education", g[1])] },
        // skills and languages
        Rule(#"^我\#(adv)(?:主要|平时|一般)?(?:用|使用)(.+?)(?:来)?(?:编程|写代码|开发|写程序|做开发|写后端|写前端)"#) { g, _ in
            [FactBuilder.list("programming_languages", items(g[1]) ?? [])]
        },
        Rule(#"^我\#(adv)(?:擅长|精通)(.+)|^我的技能(?:包括|有|是)(.+)"#) { g, _ in
            guard let all = items(g[1] ?? g[2]) else { return [] }
            let code = Values.known(all, in: Vocabulary.programmingLanguages)
            let spoken = all.filter { languages($0) != nil }
            let other = all.filter { !code.contains($0) && !spoken.contains($0) }
            return [FactBuilder.list("programming_languages", code), FactBuilder.list("languages", spoken), FactBuilder.list("skills", other)]
        },
        Rule(#"^我\#(adv)(?:会|能|可以)(?:说|讲)(?:一口流利的|流利的|一点)?(.+)|^我\#(adv)会(.+)"#) { g, _ in
            if let spoken = languages(g[1] ?? g[2]) { return [FactBuilder.list("languages", spoken)] }
            guard g[2] != nil, let all = items(g[2]), Values.known(all, in: Vocabulary.programmingLanguages).count == all.count else { return [] }
            return [FactBuilder.list("programming_languages", all)]
        },
        Rule(#"^我的(?:母语|第一语言)是(.+)"#) { g, _ in [FactBuilder.fact("native_language", cut(g[1]))] },
        Rule(#"^我\#(adv)(?:在|正在|开始|也在)?(?:学习|自学|学)(?:了)?(.+)"#) { g, _ in [FactBuilder.list("learning_languages", languages(g[1]) ?? [])] },
        // preferences
        Rule(#"^我的(?:兴趣)?爱好(现在)?(是|有|包括)(.+)"#) { g, _ in
            [FactBuilder.list("hobbies", items(g[3]) ?? [], op: g[1] != nil || g[2] == "是" ? .set : .add)]
        },
        Rule(#"^我(?:平时|业余时间|空闲时间|闲暇时|周末|有空的时候|没事的时候|闲的时候)(?:喜欢|爱|会|经常|常常|常|都)*(.+)"#) { g, _ in [FactBuilder.list("hobbies", items(g[1]) ?? [])] },
        Rule(#"^我最(?:喜欢|爱)的\#(favoriteThings)是(.+)"#) { g, _ in
            guard let thing = g[1].flatMap({ Vocabulary.chineseFavoriteThings[$0] }) else { return [] }
            return [FactBuilder.fact("favorite_\(thing)", cut(g[2]))]
        },
        Rule(#"^我\#(adv)(?:一点也|一点都|也|还)?(?:不喜欢|不爱|讨厌|受不了|不太喜欢|恨|反感|不爱吃|讨厌吃)(.+)"#) { g, _ in [FactBuilder.list("dislikes", items(g[1]) ?? [])] },
        Rule(#"^我\#(adv)(?:喜欢|爱|热爱|喜爱|迷上了|爱上了)(.+)"#) { g, _ in [FactBuilder.list("likes", items(g[1]) ?? [])] },
        // lifestyle
        Rule(#"^我\#(adv)(?:吃素|是素食主义者|是素食者|吃斋)"#) { _, _ in [FactBuilder.fact("diet", "素食")] },
        Rule(#"^我\#(adv)(?:吃纯素|是纯素食者|是纯素主义者)"#) { _, _ in [FactBuilder.fact("diet", "纯素")] },
        // relationships
        Rule(#"^我\#(adv)有(一|两|三|四|几|\d+)?(个|位)?(哥哥|姐姐|弟弟|妹妹|儿子|女儿|孩子)"#) { g, _ in
            guard let kind = g[3] else { return [] }
            if let count = g[1], count != "一" { return [FactBuilder.list("family", [count + (g[2] ?? "") + kind])] }
            return [FactBuilder.list("family", [kind])]
        },
        Rule(#"^我(?:的)?\#(family)(?:叫|名叫|的名字是|的名字叫|名字叫)\#(nameCapture)"#) { g, _ in
            guard let kind = g[1], let person = name(g[2]) else { return [] }
            return [FactBuilder.list("family", ["\(kind): \(person)"])]
        },
        Rule(#"^我\#(adv)(结婚|离婚|单身|订婚)了?$"#) { g, _ in
            let status = ["结婚": "已婚", "离婚": "离异", "单身": "单身", "订婚": "订婚"][g[1] ?? ""]
            return [FactBuilder.fact("relationship_status", status)]
        },
    ]
}
