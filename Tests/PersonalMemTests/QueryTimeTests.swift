import Foundation
import Testing

@testable import PersonalMem

@Suite("Time named in a question")
struct QueryTimeTests {
    /// Wednesday 15 November 2023, 12:00 UTC.
    private let now = Date(timeIntervalSince1970: 1_700_049_600)

    private func day(_ y: Int, _ m: Int, _ d: Int) -> Date {
        QueryTime.calendar.date(from: DateComponents(year: y, month: m, day: d))!
    }

    private func period(_ text: String) -> [Date]? {
        QueryTime.parse(text, now: now).map { [$0.start, $0.end] }
    }

    @Test("English: absolute dates, months and years")
    func englishAbsolute() {
        #expect(period("What did she paint on October 13, 2023?") == [day(2023, 10, 13), day(2023, 10, 14)])
        #expect(period("What happened on 25 May, 2022?") == [day(2022, 5, 25), day(2022, 5, 26)])
        #expect(period("Where did they go in December 2022?") == [day(2022, 12, 1), day(2023, 1, 1)])
        #expect(period("How many races in 2021?") == [day(2021, 1, 1), day(2022, 1, 1)])
        #expect(period("What did I buy last May?") == [day(2023, 5, 1), day(2023, 6, 1)])
        #expect(period("Where did we camp in July?") == [day(2023, 7, 1), day(2023, 8, 1)])
        #expect(period("What may I have said about it?") == nil)
        #expect(period("What is my favourite colour?") == nil)
    }

    @Test("English: relative to the question's time")
    func englishRelative() {
        #expect(period("what did I eat yesterday") == [day(2023, 11, 14), day(2023, 11, 15)])
        #expect(period("the film I saw last week") == [day(2023, 11, 6), day(2023, 11, 13)])
        #expect(period("the party last weekend") == [day(2023, 11, 11), day(2023, 11, 13)])
        #expect(period("who called last month") == [day(2023, 10, 1), day(2023, 11, 1)])
        #expect(period("trips last year") == [day(2022, 1, 1), day(2023, 1, 1)])
        let twoWeeks = QueryTime.parse("the book I started two weeks ago", now: now)!
        #expect(twoWeeks.fit(now.addingTimeInterval(-14 * 86_400)) == 1)
        #expect(twoWeeks.fit(now) == 0)
        #expect(QueryTime.parse("a couple of days ago", now: now)!.fit(now.addingTimeInterval(-2 * 86_400)) == 1)
    }

    @Test("Chinese")
    func chinese() {
        #expect(period("我昨天吃了什么") == [day(2023, 11, 14), day(2023, 11, 15)])
        #expect(period("上个月我去了哪里") == [day(2023, 10, 1), day(2023, 11, 1)])
        #expect(period("去年的旅行") == [day(2022, 1, 1), day(2023, 1, 1)])
        #expect(period("2022年3月发生了什么") == [day(2022, 3, 1), day(2022, 4, 1)])
        #expect(period("5月3日的晚饭") == [day(2023, 5, 3), day(2023, 5, 4)])
        #expect(QueryTime.parse("三天前看的电影", now: now)!.fit(now.addingTimeInterval(-3 * 86_400)) == 1)
    }

    @Test("fit: 1 inside, fading before and (more slowly) after")
    func fit() {
        let may = QueryTime(start: day(2023, 5, 1), end: day(2023, 6, 1))
        #expect(may.fit(day(2023, 5, 20)) == 1)
        #expect(may.fit(day(2023, 6, 8)) > 0.4)
        #expect(may.fit(day(2023, 6, 8)) < 1)
        #expect(may.fit(day(2023, 4, 20)) == 0)
        #expect(may.fit(day(2023, 9, 1)) == 0)
    }
}
