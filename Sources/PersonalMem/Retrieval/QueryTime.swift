import Foundation

/// The period a question names ("last May", "in 2023", "two weeks ago", "yesterday", "上个月"),
/// relative to when it is asked, and how well a memory's date fits it.
///
/// Dates are calendar dates in UTC. Recognised, in English: `yesterday`, `today`, `last/this
/// week|weekend|month|year`, `N days|weeks|months|years ago` (N in digits, `a`, `a couple of`, `a few`
/// or one…twelve), `last <month>`, `<month> <year>`, `<day> <month>[,] <year>`, `<month> <day>[,] <year>`,
/// `in <month>`, `in <year>`; in Chinese: 昨天, 前天, 今天, 上周/上个星期, 这周/本周, 上个月, 这个月/本月,
/// 去年, 今年, 前年, N天前, N周前/N个星期前, N个月前, N年前, YYYY年[M月[D日]], M月[D日]. With several, the
/// most specific (shortest) period wins.
public struct QueryTime: Sendable, Hashable {
    /// The period named, half-open.
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    static let day: TimeInterval = 86_400

    /// How well `date` fits: 1 inside the period, falling linearly to 0 over a margin before it
    /// (a quarter of its length, at least 2 days) and a wider one after it (half its length, at least
    /// 7 days), since people tell of events some days after they happen.
    public func fit(_ date: Date) -> Double {
        let length = end.timeIntervalSince(start)
        if date >= start && date < end { return 1 }
        if date < start {
            let margin = Swift.max(2 * Self.day, length / 4)
            return Swift.max(0, 1 - start.timeIntervalSince(date) / margin)
        }
        let margin = Swift.max(7 * Self.day, length / 2)
        return Swift.max(0, 1 - date.timeIntervalSince(end) / margin)
    }

    /// The period `text` names, relative to `now`; nil when it names none.
    public static func parse(_ text: String, now: Date) -> QueryTime? {
        var found = QueryTimeEnglish.periods(in: text.lowercased(), now: now)
        found += QueryTimeChinese.periods(in: text, now: now)
        return found.filter { $0.end > $0.start }.min { $0.end.timeIntervalSince($0.start) < $1.end.timeIntervalSince($1.start) }
    }

    // MARK: Calendar helpers shared by the language parsers.

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        return calendar
    }()

    static func dayPeriod(_ date: Date, days: Int = 1) -> QueryTime {
        let start = calendar.startOfDay(for: date)
        return QueryTime(start: start, end: start.addingTimeInterval(Double(days) * day))
    }

    static func monthPeriod(year: Int, month: Int) -> QueryTime? {
        guard (1...12).contains(month), let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let end = calendar.date(byAdding: .month, value: 1, to: start) else { return nil }
        return QueryTime(start: start, end: end)
    }

    static func yearPeriod(_ year: Int) -> QueryTime? {
        guard let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1)),
              let end = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1)) else { return nil }
        return QueryTime(start: start, end: end)
    }

    static func datePeriod(year: Int, month: Int, day: Int) -> QueryTime? {
        guard (1...12).contains(month), (1...31).contains(day),
              let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day else { return nil }
        return dayPeriod(date)
    }

    /// The week (Monday to Monday) `offset` weeks from the one holding `now`.
    static func weekPeriod(now: Date, offset: Int) -> QueryTime? {
        guard let week = calendar.dateInterval(of: .weekOfYear, for: now) else { return nil }
        let start = week.start.addingTimeInterval(Double(offset * 7) * day)
        return QueryTime(start: start, end: start.addingTimeInterval(7 * day))
    }

    /// The calendar month `offset` months from the one holding `now`.
    static func relativeMonth(now: Date, offset: Int) -> QueryTime? {
        let parts = calendar.dateComponents([.year, .month], from: now)
        guard let year = parts.year, let month = parts.month else { return nil }
        let index = year * 12 + (month - 1) + offset
        return monthPeriod(year: index / 12, month: index % 12 + 1)
    }

    /// The latest `month` that starts before `now`'s month (`strictlyBefore`) or at it.
    static func latestMonth(_ month: Int, now: Date, strictlyBefore: Bool) -> QueryTime? {
        let parts = calendar.dateComponents([.year, .month], from: now)
        guard let year = parts.year, let current = parts.month else { return nil }
        let sameYear = strictlyBefore ? month < current : month <= current
        return monthPeriod(year: sameYear ? year : year - 1, month: month)
    }

    /// A period of `unit` centred `count` units before `now`, one unit wide.
    static func ago(_ count: Double, unit: TimeInterval, now: Date) -> QueryTime {
        let centre = now.addingTimeInterval(-count * unit)
        return QueryTime(start: centre.addingTimeInterval(-unit / 2), end: centre.addingTimeInterval(unit / 2))
    }
}
