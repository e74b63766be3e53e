import Foundation
import Testing

@testable import PersonalMemServer

/// A body that does not fit its request type is a 400 naming the member, worded as before the
/// wire types (clients and the page show these messages).
@Suite("Request bodies that do not fit their type")
struct WireRequestDecodingTests {
    func failure(_ body: String) -> (code: String, message: String)? {
        do {
            _ = try WireFormat.decodeBody(MessageRequest.self, from: Data(body.utf8))
            return nil
        } catch let error as APIError {
            return (error.code, error.message)
        } catch {
            return ("unexpected", "\(error)")
        }
    }

    @Test("missing, null and mistyped members are named", arguments: [
        (#"{"message":"hi"}"#, "'user_id' is required."),
        (#"{"user_id":null,"message":"hi"}"#, "'user_id' is required."),
        (#"{"user_id":5,"message":"hi"}"#, "'user_id' must be a string."),
        (#"{"user_id":"a","message":"hi","async":1}"#, "'async' must be true or false."),
        (#"{"user_id":"a","message":"hi","conversation_id":[]}"#, "'conversation_id' must be a string."),
    ])
    func namedMember(body: String, message: String) {
        #expect(failure(body)?.code == "invalid_request")
        #expect(failure(body)?.message == message)
    }

    @Test("an empty body, JSON that is not an object, and text that is not JSON")
    func wholeBody() {
        #expect(failure("")?.message == "The request needs a JSON object body.")
        #expect(failure("[1]")?.message == "The request body must be a JSON object.")
        #expect(failure("null")?.message == "The request body must be a JSON object.")
        #expect(failure(#""text""#)?.message == "The request body must be a JSON object.")
        #expect(failure("{bad")?.code == "invalid_json")
    }

    @Test("unknown members are ignored and null optional members read as absent")
    func lenient() throws {
        let body = #"{"user_id":"a","message":"hi","conversation_id":null,"async":null,"extra":1}"#
        let request = try WireFormat.decodeBody(MessageRequest.self, from: Data(body.utf8))
        #expect(request == MessageRequest(userID: "a", message: "hi", conversationID: nil, async: nil))
    }
}
