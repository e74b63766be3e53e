import Foundation

/// Splits a server-sent event stream into the `data:` payloads of complete events.
/// Bytes may arrive cut anywhere, also inside a UTF-8 character: an incomplete line waits, as
/// bytes, for the next chunk.
struct ServerSentEventParser {
    private var pending: [UInt8] = []
    private var data: [String] = []

    /// Bytes held for an event not yet complete; the reader refuses a stream where this grows
    /// past any sensible event size.
    var bufferedBytes: Int { data.reduce(pending.count) { $0 + $1.utf8.count } }

    mutating func feed(_ chunk: String) -> [String] { feed(bytes: chunk.utf8) }

    mutating func feed<Bytes: Sequence<UInt8>>(bytes chunk: Bytes) -> [String] {
        pending.append(contentsOf: chunk)
        var payloads: [String] = []
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > start, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = String(decoding: pending[start..<end], as: UTF8.self)
            start = newline + 1
            if line.isEmpty {
                if !data.isEmpty { payloads.append(data.joined(separator: "\n")) }
                data.removeAll()
            } else if line.hasPrefix("data:") {
                data.append(String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces))
            }
        }
        pending.removeFirst(start)
        return payloads
    }
}
