import Foundation

/// Chinese time expressions for ``QueryTime``.
enum QueryTimeChinese {
    private static let digits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// A number in Arabic digits or Chinese numerals up to 99 ("十二", "二十", "3").
    static func number(_ text: Substring) -> Int? {
        if let value = Int(text) { return value }
        guard !text.isEmpty else { return nil }
        if let ten = text.firstIndex(of: "十") {
            let tens = text[..<ten].isEmpty ? 1 : digits[text[..<ten].first!] ?? -100
            let rest = text[text.index(after: ten)...]
            let ones = rest.isEmpty ? 0 : (rest.count == 1 ? digits[rest.first!] ?? -100 : -100)
            let value = tens * 10 + ones
            return value > 0 ? value : nil
        }
        guard text.count == 1, let value = digits[text.first!] else { return nil }
        return value
    }

    /// The characters before `index` that make a number (digits or numerals), or nil.
    private static func number(before index: String.Index, in text: String) -> Int? {
        var start = index
        while start > text.startIndex {
            let previous = text.index(before: start)
            let character = text[previous]
            guard character.isNumber || digits[character] != nil || character == "十" else { break }
            start = previous
        }
        return number(text[start..<index])
    }

    static func periods(in text: String, now: Date) -> [QueryTime] {
        // Every expression below holds a CJK character (U+3000 and above); a text without one has none.
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3000 }) else { return [] }
        var found: [QueryTime] = []
        let calendar = QueryTime.calendar
        let year = calendar.component(.year, from: now)
        func has(_ word: String) -> Bool { text.contains(word) }
        if has("前天") { found.append(QueryTime.dayPeriod(now.addingTimeInterval(-2 * QueryTime.day))) }
        if has("昨天") || has("昨晚") { found.append(QueryTime.dayPeriod(now.addingTimeInterval(-QueryTime.day))) }
        if has("今天") || has("今晚") { found.append(QueryTime.dayPeriod(now)) }
        if has("上周") || has("上个星期") || has("上星期") || has("上个礼拜") {
            found += [QueryTime.weekPeriod(now: now, offset: -1)].compactMap { $0 }
        }
        if has("这周") || has("本周") || has("这个星期") { found += [QueryTime.weekPeriod(now: now, offset: 0)].compactMap { $0 } }
        if has("上个月") || has("上月") { found += [QueryTime.relativeMonth(now: now, offset: -1)].compactMap { $0 } }
        if has("这个月") || has("本月") { found += [QueryTime.relativeMonth(now: now, offset: 0)].compactMap { $0 } }
        if has("去年") { found += [QueryTime.yearPeriod(year - 1)].compactMap { $0 } }
        if has("前年") { found += [QueryTime.yearPeriod(year - 2)].compactMap { $0 } }
        if has("今年") { found += [QueryTime.yearPeriod(year)].compactMap { $0 } }

        // "N天前", "N周前", "N个星期前", "N个月前", "N年前".
        let units: [(String, TimeInterval)] = [
            ("天前", QueryTime.day), ("周前", 7 * QueryTime.day), ("个星期前", 7 * QueryTime.day), ("星期前", 7 * QueryTime.day),
            ("个月前", 30.44 * QueryTime.day), ("年前", 365.25 * QueryTime.day),
        ]
        for (suffix, unit) in units {
            var searchStart = text.startIndex
            while let range = text.range(of: suffix, range: searchStart..<text.endIndex) {
                if let count = number(before: range.lowerBound, in: text), count > 0 {
                    found.append(QueryTime.ago(Double(count), unit: unit, now: now))
                }
                searchStart = range.upperBound
            }
        }

        // "YYYY年", "YYYY年M月", "YYYY年M月D日", "M月", "M月D日/号".
        var explicitYear: Int?
        if let range = text.range(of: "年"), let y = number(before: range.lowerBound, in: text), (1900...2100).contains(y) {
            explicitYear = y
            found += [QueryTime.yearPeriod(y)].compactMap { $0 }
        }
        if let range = text.range(of: "月"), let m = number(before: range.lowerBound, in: text), (1...12).contains(m) {
            let monthYear: Int
            if let explicitYear {
                monthYear = explicitYear
            } else if let latest = QueryTime.latestMonth(m, now: now, strictlyBefore: false) {
                monthYear = calendar.component(.year, from: latest.start)
            } else {
                monthYear = year
            }
            found += [QueryTime.monthPeriod(year: monthYear, month: m)].compactMap { $0 }
            let rest = text[range.upperBound...]
            if let end = rest.firstIndex(where: { $0 == "日" || $0 == "号" }) {
                if let d = number(rest[rest.startIndex..<end]) {
                    found += [QueryTime.datePeriod(year: monthYear, month: m, day: d)].compactMap { $0 }
                }
            }
        }
        return found
    }
}
