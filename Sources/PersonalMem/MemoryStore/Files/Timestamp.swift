import Foundation

/// ISO-8601 timestamps as the files store them: UTC, milliseconds (`2026-05-01T09:30:00.250Z`).
enum Timestamp {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    static func format(_ date: Date) -> String { withFraction.format(date) }

    static func parse(_ text: String) -> Date? {
        if let date = parseUTC(text) { return date }
        return (try? withFraction.parse(text)) ?? (try? withoutFraction.parse(text))
    }

    static func decode<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        guard let date = parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an ISO-8601 timestamp")
        }
        return date
    }

    /// The form ``format(_:)`` writes, read without a format style (a memory search reads dozens):
    /// `YYYY-MM-DDTHH:MM:SS` with up to three fraction digits and `Z`. Anything else is nil, for the
    /// format styles to read.
    static func parseUTC(_ text: String) -> Date? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Date? in
            guard bytes.count == 20 || (bytes.count >= 22 && bytes.count <= 24), bytes[bytes.count - 1] == UInt8(ascii: "Z") else { return nil }
            func number(_ start: Int, _ length: Int) -> Int? {
                var value = 0
                for index in start..<(start + length) {
                    let digit = Int(bytes[index]) - 48
                    guard digit >= 0, digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            func separator(_ index: Int, _ character: Character) -> Bool { bytes[index] == character.asciiValue }
            guard separator(4, "-"), separator(7, "-"), separator(10, "T"), separator(13, ":"), separator(16, ":"),
                let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
            else { return nil }
            var milliseconds = 0
            if bytes.count > 20 {
                let digits = bytes.count - 21
                guard separator(19, "."), let fraction = number(20, digits) else { return nil }
                milliseconds = fraction * [100, 10, 1][digits - 1]
            }
            // Whole days from the reference date (2001-01-01) plus the time of day with its fraction,
            // summed as the format style sums them (so the two agree to the bit).
            let days = daysFromCivil(year: year, month: month, day: day) - 11_323
            let timeOfDay = Double(hour * 3_600 + minute * 60 + second) + Double(milliseconds) / 1_000
            return Date(timeIntervalSinceReferenceDate: Double(days * 86_400) + timeOfDay)
        } ?? nil
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The proleptic Gregorian date `days` days from 1970-01-01.
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shifted + 2) / 5 + 1)
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
