import Foundation

/// Renders a memory for a prompt from a template such as
/// `{time_difference}, {speaker} said: "{text}"`.
///
/// Placeholders: `{time_difference}` (`RelativeTime`), `{date}` (yyyy-MM-dd in `timeZone`),
/// `{speaker}`, `{text}` and `{summary}` (the memory's text), plus the extension's own
/// `{memory_name}` (speaker) and `{memory_message}` (text). Unknown placeholders stay as written,
/// and values are inserted once (a value containing "{speaker}" is not expanded again). The text is
/// cut to `cutoff` characters, the last of them an ellipsis, before it is inserted.
public struct SummaryTemplate: Sendable, Hashable {
    public var template: String
    /// Longest text inserted, in characters (nil: no limit).
    public var cutoff: Int?
    public var timeZone: TimeZone {
        get { calendar.timeZone }
        set { calendar.timeZone = newValue }
    }
    /// Gregorian, in `timeZone`: made once per template, not per memory.
    private var calendar = Calendar(identifier: .gregorian)

    /// The extension's default.
    public static let defaultTemplate = "{time_difference}, {speaker} said: \"{text}\""

    public init(template: String = SummaryTemplate.defaultTemplate, cutoff: Int? = 1000, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.template = template
        self.cutoff = cutoff
        self.timeZone = timeZone
    }

    /// The template filled in for a memory of `text` said by `speaker` at `date`.
    public func render(text: String, speaker: String, date: Date, now: Date) -> String {
        let body = Self.cut(text, to: cutoff)
        // Each value is made only when the template names it (the date and the time difference cost a calendar).
        func value(_ name: Substring) -> String? {
            switch name {
            case "time_difference": RelativeTime.describe(from: date, to: now)
            case "date": dayString(date)
            case "speaker", "memory_name": speaker
            case "text", "summary", "memory_message": body
            default: nil
            }
        }

        var output = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            if let value = value(rest[rest.index(after: open)..<close]) {
                output += value
                rest = rest[rest.index(after: close)...]
            } else {
                output += "{"
                rest = rest[rest.index(after: open)...]
            }
        }
        output += rest
        return output
    }

    /// `text` cut to at most `limit` characters, ending in "…" when cut.
    public static func cut(_ text: String, to limit: Int?) -> String {
        guard let limit, text.count > limit else { return text }
        guard limit > 1 else { return limit == 1 ? "…" : "" }
        let kept = text.prefix(limit - 1)
        let trimmed = kept.last?.isWhitespace == true ? String(kept).trimmingCharacters(in: .whitespaces) : String(kept)
        return trimmed + "…"
    }

    /// `yyyy-MM-dd` in `timeZone`. Years 1600–9999 by arithmetic on the local day (as the calendar
    /// reads them: it is Gregorian from 1582), others by the calendar.
    func dayString(_ date: Date) -> String {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let (year, month, day): (Int, Int, Int)
        if local >= -11_676_096_000, local < 253_402_300_800 {
            (year, month, day) = Timestamp.civil(daysSince1970: Int((local / 86_400).rounded(.down)))
        } else {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            (year, month, day) = (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
