import Metrics

extension ServiceMetrics {
    public static let chatRecordFailures = "personalmem_chat_record_failures_total"

    /// An answered chat turn that could not be stored (the answer was still sent).
    public static func recordChatRecordFailure() {
        Counter(label: chatRecordFailures).increment()
    }
}
