import Foundation

/// English time expressions for ``QueryTime``; `text` is lower-cased.
enum QueryTimeEnglish {
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    static let numbers: [String: Double] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3, "several": 3,
    ]

    /// Month number for a full name or a three-letter abbreviation ("sept" too); "may" only as a full word.
    static func month(_ word: String) -> Int? {
        if let index = months.firstIndex(of: word) { return index + 1 }
        guard word.count == 3 || word == "sept" else { return nil }
        let prefix = String(word.prefix(3))
        return months.firstIndex { $0.hasPrefix(prefix) }.map { $0 + 1 }
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    static func periods(in text: String, now: Date) -> [QueryTime] {
        let w = words(text)
        var found: [QueryTime] = []
        let parts = QueryTime.calendar.dateComponents([.year], from: now)
        let thisYear = parts.year ?? 2000
        func year(_ word: String) -> Int? {
            guard word.count == 4, let value = Int(word), (1900...2100).contains(value) else { return nil }
            return value
        }
        func dayNumber(_ word: String) -> Int? {
            var digits = word
            for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits.removeLast(2) }
            guard let value = Int(digits), (1...31).contains(value), digits.count <= 2 else { return nil }
            return value
        }
        for i in w.indices {
            let word = w[i]
            let next = i + 1 < w.count ? w[i + 1] : ""
            let previous = i > 0 ? w[i - 1] : ""
            switch word {
            case "yesterday": found.append(QueryTime.dayPeriod(now.addingTimeInterval(-QueryTime.day)))
            case "today", "tonight": found.append(QueryTime.dayPeriod(now))
            case "week" where previous == "last" || previous == "past": found += [QueryTime.weekPeriod(now: now, offset: -1)].compactMap { $0 }
            case "week" where previous == "this": found += [QueryTime.weekPeriod(now: now, offset: 0)].compactMap { $0 }
            case "weekend" where previous == "last" || previous == "past":
                if let week = QueryTime.weekPeriod(now: now, offset: -1) {
                    found.append(QueryTime(start: week.start.addingTimeInterval(5 * QueryTime.day), end: week.end))
                }
            case "month" where previous == "last" || previous == "past": found += [QueryTime.relativeMonth(now: now, offset: -1)].compactMap { $0 }
            case "month" where previous == "this": found += [QueryTime.relativeMonth(now: now, offset: 0)].compactMap { $0 }
            case "year" where previous == "last" || previous == "past": found += [QueryTime.yearPeriod(thisYear - 1)].compactMap { $0 }
            case "year" where previous == "this": found += [QueryTime.yearPeriod(thisYear)].compactMap { $0 }
            case "ago":
                guard i >= 2 else { break }
                let unitWord = w[i - 1].hasSuffix("s") ? String(w[i - 1].dropLast()) : w[i - 1]
                let units: [String: TimeInterval] = ["day": QueryTime.day, "week": 7 * QueryTime.day, "month": 30.44 * QueryTime.day, "year": 365.25 * QueryTime.day]
                guard let unit = units[unitWord] else { break }
                var countWord = w[i - 2]
                if countWord == "of", i >= 3 { countWord = w[i - 3] }
                guard let count = Double(countWord) ?? numbers[countWord] else { break }
                found.append(QueryTime.ago(count, unit: unit, now: now))
            default:
                if let y = year(word) {
                    // "<month> <year>", "<day> <month> <year>", "<month> <day> <year>", else the year.
                    if let m = month(previous) {
                        found += [QueryTime.monthPeriod(year: y, month: m)].compactMap { $0 }
                        if i >= 2, let d = dayNumber(w[i - 2]) { found += [QueryTime.datePeriod(year: y, month: m, day: d)].compactMap { $0 } }
                    } else if i >= 2, let m = month(w[i - 2]), let d = dayNumber(previous) {
                        found += [QueryTime.datePeriod(year: y, month: m, day: d)].compactMap { $0 }
                    } else {
                        found += [QueryTime.yearPeriod(y)].compactMap { $0 }
                    }
                } else if let m = month(word), word != "may" || previous == "in" || previous == "last" || year(next) != nil || dayNumber(next) != nil {
                    guard year(next) == nil, !(dayNumber(next) != nil && i + 2 < w.count && year(w[i + 2]) != nil),
                          !(dayNumber(previous) != nil && year(next) != nil) else { break }
                    if previous == "last" {
                        found += [QueryTime.latestMonth(m, now: now, strictlyBefore: true)].compactMap { $0 }
                    } else if let d = dayNumber(next) ?? dayNumber(previous), let month = QueryTime.latestMonth(m, now: now, strictlyBefore: false) {
                        let y = QueryTime.calendar.component(.year, from: month.start)
                        found += [QueryTime.datePeriod(year: y, month: m, day: d)].compactMap { $0 }
                    } else {
                        found += [QueryTime.latestMonth(m, now: now, strictlyBefore: false)].compactMap { $0 }
                    }
                }
            }
        }
        return found
    }
}
