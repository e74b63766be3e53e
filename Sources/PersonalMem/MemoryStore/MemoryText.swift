import Foundation

/// The text a memory is embedded and keyword-indexed by: its date and speaker before the summary,
/// because questions name people and times that a turn's own words often omit.
public enum MemoryText {
    public static func indexed(summary: String, speaker: String?, date: Date) -> String {
        "\(PromptBuilder.day(date)) \(speaker ?? "user"): \(summary)"
    }

    public static func indexed(_ record: MemoryRecord) -> String {
        indexed(summary: record.summary, speaker: record.speaker, date: record.ts)
    }
}
