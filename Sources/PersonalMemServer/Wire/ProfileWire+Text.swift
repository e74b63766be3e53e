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

    mutating func key(_ name: StaticString, _ bytes: inout [UInt8]) {
        bytes.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: "\":".utf8)
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
        object.key("event", &bytes)
        bytes.appendJSON(event)
        object.key("field", &bytes)
        bytes.appendJSON(field)
        if let oldValue {
            object.key("old_value", &bytes)
            oldValue.write(into: &bytes)
        }
        object.key("value", &bytes)
        value.write(into: &bytes)
        object.end(&bytes)
    }
}

extension BatchResponse: WireText {
    func writeJSON(into bytes: inout [UInt8]) {
        var object = ObjectWriter()
        object.key("events", &bytes)
        bytes.appendJSON(events) { $0.writeJSON(into: &$1) }
        object.key("success", &bytes)
        bytes.appendJSON(success)
        object.key("total_fields", &bytes)
        bytes.appendJSON(totalFields)
        object.key("updated_fields", &bytes)
        bytes.appendJSON(updatedFields) { $1.appendJSON($0) }
        object.key("user_id", &bytes)
        bytes.appendJSON(userID)
        object.end(&bytes)
    }
}

extension MessageResponse: WireText {
    func writeJSON(into bytes: inout [UInt8]) {
        var object = ObjectWriter()
        object.key("extracted_memories", &bytes)
        bytes.appendJSON(extractedMemories) { $0.writeJSON(into: &$1) }
        object.key("extractor", &bytes)
        bytes.appendJSON(extractor)
        object.key("memory_context", &bytes)
        bytes.appendJSON(memoryContext)
        object.key("message_id", &bytes)
        bytes.appendJSON(messageID)
        object.key("rejected_facts", &bytes)
        bytes.appendJSON(rejectedFacts)
        object.key("response_time_ms", &bytes)
        bytes.appendJSON(responseTimeMilliseconds)
        object.key("success", &bytes)
        bytes.appendJSON(success)
        object.key("user_id", &bytes)
        bytes.appendJSON(userID)
        object.end(&bytes)
    }
}
