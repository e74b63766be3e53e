/// Splits a server-sent event stream into the `data:` payloads of complete events.
/// Bytes may arrive cut anywhere; an incomplete line waits for the next chunk.
struct ServerSentEventParser {
    private var pending = ""
    private var data: [String] = []

    mutating func feed(_ chunk: String) -> [String] {
        pending += chunk
        var payloads: [String] = []
        while let newline = pending.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            var line = String(pending[..<newline])
            pending.removeSubrange(...newline)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty {
                if !data.isEmpty { payloads.append(data.joined(separator: "\n")) }
                data.removeAll()
            } else if line.hasPrefix("data:") {
                data.append(String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces))
            }
        }
        return payloads
    }
}
