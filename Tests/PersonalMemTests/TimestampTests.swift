import Foundation
import Testing

@testable import PersonalMem

@Suite("Timestamps in files")
struct TimestampTests {
    private let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private let withoutFraction = Date.ISO8601FormatStyle()

    @Test("the fast reading of the stored form gives the format style's date, to the bit")
    func fastReadingMatchesFormatStyle() throws {
        var generator = SystemRandomNumberGenerator()
        // 1900 to 2200, with milliseconds, plus the edges of leap days and of years and two times once read 1 ulp off.
        var dates = (0..<20_000).map { _ in
            Date(timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator)) / 1_000)
        }
        // Near the reference date (2001-01-01) small magnitudes expose the order of the sums.
        dates += (0..<20_000).map { _ in
            Date(timeIntervalSince1970: Double(Int64.random(in: 970_000_000_000...990_000_000_000, using: &generator)) / 1_000)
        }
        for text in ["2024-02-29T23:59:59.999Z", "2000-02-29T00:00:00.000Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.001Z",
            "2100-03-01T12:00:00.500Z", "1999-12-31T23:59:59.000Z", "2000-12-08T16:49:25.103Z", "2000-12-20T10:36:24.136Z"]
        {
            dates.append(try withFraction.parse(text))
        }
        for date in dates {
            let text = Timestamp.format(date)
            let fast = try #require(Timestamp.parseUTC(text), "\(text)")
            let style = try withFraction.parse(text)
            #expect(fast == style, "\(text)")
        }
        for text in ["2026-11-29T23:12:47Z", "2026-11-29T23:12:47.5Z", "2026-11-29T23:12:47.25Z"] {
            let expected = try (try? withFraction.parse(text)) ?? withoutFraction.parse(text)
            #expect(Timestamp.parseUTC(text) == expected, "\(text)")
        }
    }

    @Test("anything but the stored form is left to the format styles")
    func otherFormsFallBack() {
        // Days a month does not have are left to the format styles too (which read 29 February 2023 as 1 March).
        for text in ["2023-02-29T10:00:00.000Z", "2026-13-01T10:00:00.000Z", "2026-11-31T10:00:00Z", "2026-11-29T24:00:00Z",
            "2026-11-29T23:60:00Z", "2026-11-29 23:12:47Z", "2026-11-29T23:12:47.123+01:00", "2026-11-29T23:12:47.1234Z",
            "+2026-11-29T23:12:47Z", "２０２６-11-29T23:12:47Z", ""]
        {
            #expect(Timestamp.parseUTC(text) == nil, "\(text)")
        }
        #expect(Timestamp.parse("2026-11-29T23:12:47.123+01:00") == Timestamp.parse("2026-11-29T22:12:47.123Z"))
        #expect(Timestamp.parse("2023-02-29T10:00:00.000Z") == Timestamp.parse("2023-03-01T10:00:00.000Z"))
        #expect(Timestamp.parse("yesterday") == nil)
    }
}
