import Hummingbird
import NIOCore
import PersonalMem

/// The write answers (`POST /messages`, batches) written straight to bytes: the bytes
/// ``WireFormat/encode(_:)`` gives (compact, keys sorted, `/` unescaped; `WireTextTests` holds them
/// equal), without `JSONEncoder`'s container tree, boxing and generic dispatch on every write.
protocol WireText: Encodable {
    /// Appends the value's JSON, members in sorted key order.
    func writeJSON(into bytes: inout [UInt8])
}

extension Response {
    /// A JSON response from a wire type that writes its own bytes.
    static func json(_ value: some WireText, status: HTTPResponse.Status = .ok) throws -> Response {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        value.writeJSON(into: &bytes)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Writes one object's members, keys given in sorted order by the caller.
private struct ObjectWriter {
    private var first = true

    mutating func member(_ name: StaticString, _ bytes: inout [UInt8], _ value: (inout [UInt8]) -> Void) {
        bytes.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: "\":".utf8)
        value(&bytes)
    }

    func end(_ bytes: inout [UInt8]) {
        bytes.append(contentsOf: (first ? "{}" : "}").utf8)
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func appendJSON(_ text: String) { JSONValue.writeString(text, into: &self) }
    fileprivate mutating func appendJSON(_ number: some BinaryInteger) { append(contentsOf: String(number).utf8) }
    fileprivate mutating func appendJSON(_ flag: Bool) { append(contentsOf: (flag ? "true" : "false").utf8) }

    fileprivate mutating func appendJSON<Item>(_ elements: [Item], _ write: (Item, inout [UInt8]) -> Void) {
        append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            write(element, &self)
        }
        append(UInt8(ascii: "]"))
    }
}

extension ProfileEventWire: WireText {
    func writeJSON(into bytes: inout [UInt8]) {
        var object = ObjectWriter()
        object.member("event", &bytes) { $0.appendJSON(event) }
        object.member("field", &bytes) { $0.appendJSON(field) }
        if let oldValue { object.member("old_value", &bytes) { oldValue.write(into: &$0) } }
        object.member("value", &bytes) { value.write(into: &$0) }
        object.end(&bytes)
    }
}

extension BatchResponse: WireText {
    func writeJSON(into bytes: inout [UInt8]) {
        var object = ObjectWriter()
        object.member("events", &bytes) { $0.appendJSON(events) { $0.writeJSON(into: &$1) } }
        object.member("success", &bytes) { $0.appendJSON(success) }
        object.member("total_fields", &bytes) { $0.appendJSON(totalFields) }
        object.member("updated_fields", &bytes) { $0.appendJSON(updatedFields) { $1.appendJSON($0) } }
        object.member("user_id", &bytes) { $0.appendJSON(userID) }
        object.end(&bytes)
    }
}

extension MessageResponse: WireText {
    func writeJSON(into bytes: inout [UInt8]) {
        var object = ObjectWriter()
        object.member("extracted_memories", &bytes) { $0.appendJSON(extractedMemories) { $0.writeJSON(into: &$1) } }
        object.member("extractor", &bytes) { $0.appendJSON(extractor) }
        object.member("memory_context", &bytes) { $0.appendJSON(memoryContext) }
        object.member("message_id", &bytes) { $0.appendJSON(messageID) }
        object.member("rejected_facts", &bytes) { $0.appendJSON(rejectedFacts) }
        object.member("response_time_ms", &bytes) { $0.appendJSON(responseTimeMilliseconds) }
        object.member("success", &bytes) { $0.appendJSON(success) }
        object.member("user_id", &bytes) { $0.appendJSON(userID) }
        object.end(&bytes)
    }
}
