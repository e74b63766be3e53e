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
    public var timeZone: TimeZone

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
        let values: [String: String] = [
            "time_difference": RelativeTime.describe(from: date, to: now),
            "date": dayString(date),
            "speaker": speaker, "memory_name": speaker,
            "text": body, "summary": body, "memory_message": body,
        ]

        var output = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] {
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

    private func dayString(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
