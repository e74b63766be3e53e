import Foundation
import Testing

@testable import PersonalMem

/// Numbers from outside become integers only through range checks, and model replies are read
/// without trusting their numbers or their chunking.
@Suite("Model numbers and stream parsing")
struct ModelNumberTests {
    @Test("whole numbers convert only inside the range; NaN, infinities, fractions and 1e19 give nil")
    func wholeNumbers() {
        #expect(3.0.wholeNumber() == 3)
        #expect((-7.0).wholeNumber(in: -10...0) == -7)
        #expect(1e19.wholeNumber() == nil)
        #expect((-1e19).wholeNumber() == nil)
        #expect(9.223_372_036_854_775_808e18.wholeNumber() == nil)
        #expect(Double.nan.wholeNumber() == nil)
        #expect(Double.infinity.wholeNumber() == nil)
        #expect(2.5.wholeNumber() == nil)
        #expect(11.0.wholeNumber(in: 0...10) == nil)
        #expect(2.9.truncatedNumber() == 2)
        #expect(1e300.truncatedNumber() == nil)
        #expect(Double.nan.truncatedNumber() == nil)
        #expect(JSONValue.number(42).wholeNumber(in: 0...100) == 42)
        #expect(JSONValue.string("42").wholeNumber() == nil)
    }

    @Test("values with numbers beyond 2^53 at any depth are not safe")
    func safeNumbers() {
        #expect(JSONValue.object(["a": .array([.number(1), .string("x")])]).hasOnlySafeNumbers)
        #expect(!JSONValue.number(1e19).hasOnlySafeNumbers)
        #expect(!JSONValue.array([.object(["n": .number(-1e300)])]).hasOnlySafeNumbers)
    }

    @Test("a fact whose value holds a huge number is dropped as malformed; the others are kept")
    func replyParserDropsHugeNumbers() throws {
        let parsed = try LLMReplyParser.parse(
            #"{"facts": [{"field": "nickname", "op": "set", "value": 1e19}, {"field": "age", "op": "set", "value": 30}]}"#)
        #expect(parsed.facts.map(\.field) == ["age"])
        #expect(parsed.malformed == 1)
    }

    @Test("usage counts and embedding indexes out of range make the reply bad instead of trapping")
    func replyNumbers() throws {
        #expect(throws: ProviderError.self) { try OpenAICompatibleClient.usage(.object(["prompt_tokens": .number(1e19)])) }
        #expect(throws: ProviderError.self) { try OpenAICompatibleClient.usage(.object(["total_tokens": .number(-1)])) }
        #expect(try OpenAICompatibleClient.usage(.object(["total_tokens": .number(5)]))?.totalTokens == 5)
        let badIndex = Data(#"{"data": [{"index": 1e19, "embedding": [0.1, 0.2]}]}"#.utf8)
        #expect(throws: ProviderError.self) { try OpenAICompatibleClient.embeddings(badIndex, count: 1) }
        let good = Data(#"{"data": [{"index": 1, "embedding": [0.5]}, {"index": 0, "embedding": [0.25]}]}"#.utf8)
        #expect(try OpenAICompatibleClient.embeddings(good, count: 2) == [[0.25], [0.5]])
        #expect(OpenAICompatibleClient.retryDelay("1e300", atMost: .seconds(20)) == .seconds(20))
        #expect(OpenAICompatibleClient.retryDelay("nan", atMost: .seconds(20)) == nil)
        #expect(OpenAICompatibleClient.retryDelay("-3", atMost: .seconds(20)) == nil)
    }

    @Test("server-sent events cut anywhere, even inside a UTF-8 character, come out whole")
    func eventsCutAnywhere() {
        let text = "data: {\"a\": \"日本\"}\r\n\r\ndata: [DONE]\n\n"
        let bytes = Array(text.utf8)
        for cut in 1..<bytes.count {
            var parser = ServerSentEventParser()
            var payloads = parser.feed(bytes: bytes[..<cut])
            payloads += parser.feed(bytes: bytes[cut...])
            #expect(payloads == ["{\"a\": \"日本\"}", "[DONE]"])
        }
    }
}
