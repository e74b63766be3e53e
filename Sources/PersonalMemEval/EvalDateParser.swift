import Foundation
import PersonalMem

/// Parses the free-form dates of benchmark files as UTC: LoCoMo's "1:56 pm on 8 May, 2023",
/// LongMemEval's "2023/05/20 (Sat) 02:21", and ISO 8601.
enum EvalDateParser {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }

        var year: Int?, month: Int?, day: Int?, hour = 0, minute = 0, second = 0
        var meridiem: String?
        let separators = CharacterSet(charactersIn: " ,()\t\n").union(.whitespaces)
        for token in text.lowercased().components(separatedBy: separators) where !token.isEmpty {
            if token.contains(":") {
                let parts = token.split(separator: ":").map { Int($0) }
                guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return nil }
                hour = parts[0]!
                minute = parts[1]!
                if parts.count > 2 { second = parts[2]! }
            } else if token.contains("/") || (token.contains("-") && token.first?.isNumber == true) {
                let parts = token.split(whereSeparator: { $0 == "/" || $0 == "-" }).map { Int($0) }
                guard parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
                if token.split(whereSeparator: { $0 == "/" || $0 == "-" }).first?.count == 4 {
                    (year, month, day) = (parts[0]!, parts[1]!, parts[2]!)
                } else {
                    (month, day, year) = (parts[0]!, parts[1]!, parts[2]!)
                }
            } else if token == "am" || token == "pm" || token == "a.m." || token == "p.m." {
                meridiem = String(token.prefix(1))
            } else if let number = Int(token) {
                if token.count == 4 { year = number } else if number >= 1, number <= 31 { day = number } else { return nil }
            } else if token.count >= 3, let index = months.firstIndex(of: String(token.prefix(3))) {
                month = index + 1
            }
            // Other words ("on", weekday names) are ignored.
        }
        guard let year, let month, let day, (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            if meridiem == "p", hour < 12 { hour += 12 }
            if meridiem == "a", hour == 12 { hour = 0 }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day else { return nil }
        return date
    }
}
