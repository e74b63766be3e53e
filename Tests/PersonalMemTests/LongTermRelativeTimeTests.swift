import Foundation
import Testing

@testable import PersonalMem

@Suite("LongTerm relative time and summary templates")
struct LongTermRelativeTimeTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)

    private static let cases: [(secondsAgo: Double, expected: String)] = [
        (0.0, "just now"), (59, "just now"), (60, "1 minute ago"), (5 * 60, "5 minutes ago"),
        (3600, "1 hour ago"), (3 * 3600 + 100, "3 hours ago"), (86_400, "yesterday"), (47 * 3600, "yesterday"),
        (3 * 86_400, "3 days ago"), (7 * 86_400, "1 week ago"), (15 * 86_400, "2 weeks ago"),
        (30 * 86_400, "1 month ago"), (125 * 86_400, "4 months ago"), (365 * 86_400, "1 year ago"),
        (2 * 366 * 86_400, "2 years ago"), (-30, "just now"), (-3 * 86_400, "in 3 days"), (-1.5 * 86_400, "in 1 day"),
    ]

    @Test("relative descriptions", arguments: LongTermRelativeTimeTests.cases)
    func describe(secondsAgo: Double, expected: String) {
        #expect(RelativeTime.describe(from: now.addingTimeInterval(-secondsAgo), to: now) == expected)
    }

    @Test("default template with time difference, speaker and text")
    func template() {
        let rendered = SummaryTemplate().render(text: "I adopted a dog", speaker: "Mira", date: now.addingTimeInterval(-3 * 86_400), now: now)
        #expect(rendered == "3 days ago, Mira said: \"I adopted a dog\"")
    }

    @Test("all placeholders, the extension's names, unknown ones left alone, no re-expansion")
    func placeholders() {
        let template = SummaryTemplate(template: "[{date}] {memory_name}: {memory_message} / {summary} {unknown} {", cutoff: nil)
        let rendered = template.render(text: "hi {speaker}", speaker: "Bea", date: now, now: now)
        #expect(rendered == "[2023-11-14] Bea: hi {speaker} / hi {speaker} {unknown} {")
    }

    @Test("the date placeholder reads as the Gregorian calendar does, in any time zone, far dates too")
    func dateMatchesCalendar() throws {
        var random = SystemRandomNumberGenerator()
        for zone in ["UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati", "Europe/Berlin"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let template = SummaryTemplate(template: "{date}", cutoff: nil, timeZone: timeZone)
            var dates = (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -12e9...254e9, using: &random)) }
            dates += [-11_676_096_000.0, -11_676_096_001, 253_402_300_799, 253_402_300_800, 0, -1, 86_399.999].map(Date.init(timeIntervalSince1970:))
            for date in dates {
                let parts = calendar.dateComponents([.year, .month, .day], from: date)
                let expected = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
                #expect(template.render(text: "", speaker: "", date: date, now: date) == expected, "\(zone) \(date.timeIntervalSince1970)")
            }
        }
    }

    @Test("text cut at the limit with an ellipsis")
    func cutoff() {
        #expect(SummaryTemplate.cut("abcdefghij", to: 5) == "abcd…")
        #expect(SummaryTemplate.cut("abcdefghij", to: 10) == "abcdefghij")
        #expect(SummaryTemplate.cut("abc def", to: 5) == "abc…")
        #expect(SummaryTemplate.cut("我喜欢喝绿茶", to: 3) == "我喜…")
        #expect(SummaryTemplate.cut("abc", to: 0) == "")
        let rendered = SummaryTemplate(template: "{text}", cutoff: 8).render(text: "a long memory text", speaker: "", date: now, now: now)
        #expect(rendered == "a long…", "cut to 8, trailing space dropped")
    }
}
