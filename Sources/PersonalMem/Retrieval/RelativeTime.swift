import Foundation

/// Describes how long ago something happened, in English, as the text-generation-webui memory
/// extension does: "just now", "5 minutes ago", "3 hours ago", "yesterday", "3 days ago",
/// "2 weeks ago", "4 months ago", "2 years ago".
public enum RelativeTime {
    /// How long before `now` the `date` was. Dates up to a minute in the future are "just now";
    /// later ones read "in 3 days" and so on.
    public static func describe(from date: Date, to now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        if seconds < 0 {
            guard -seconds >= 60 else { return "just now" }
            return "in " + amount(-seconds, future: true)
        }
        if seconds < 60 { return "just now" }
        let text = amount(seconds, future: false)
        return text == "yesterday" ? text : text + " ago"
    }

    private static func amount(_ seconds: TimeInterval, future: Bool) -> String {
        let minute = 60.0, hour = 3_600.0, day = 86_400.0
        func unit(_ count: Int, _ name: String) -> String { "\(count) \(name)\(count == 1 ? "" : "s")" }
        switch seconds {
        case ..<hour: return unit(Int(seconds / minute), "minute")
        case ..<day: return unit(Int(seconds / hour), "hour")
        case ..<(2 * day): return future ? "1 day" : "yesterday"
        case ..<(7 * day): return unit(Int(seconds / day), "day")
        case ..<(30 * day): return unit(Int(seconds / (7 * day)), "week")
        case ..<(365 * day): return unit(max(1, Int(seconds / (30.44 * day))), "month")
        default: return unit(max(1, Int(seconds / (365 * day))), "year")
        }
    }
}
