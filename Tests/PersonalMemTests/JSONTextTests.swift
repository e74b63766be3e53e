import Foundation
import Testing

@testable import PersonalMem

/// The hand-written JSON reader and writer give what Foundation gives: the same values for the same
/// text, the same refusals, and text that reads back to the value it was written from.
@Suite("JSON text")
struct JSONTextTests {
    static let valid = [
        #"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#, #"[]"#, #"{}"#, #"  "plain"  "#, #"0"#, #"-0"#, #"-12.5e-3"#,
        #"1E+2"#, #"1e19"#, #"12345678901234567890"#, #"9007199254740993"#, #"0.1"#, #"[1.5, -2, 3e300]"#,
        #""esc \" \\ \/ \b \f \n \r \t""#, #""\u00e9\u4e2d\ud83d\ude00""#, #""é中😀""#, #"{"k": "v", "k": "w"}"#, "[1,]", #"{"a": 1,}"#, "[1, 2 , ]",
        #"{"nested": [[[{"x": [1, {"y": null}]}]]]}"#, #""\u0041\u0000B""#, "\t[\n1\r,\n2 ]\n",
    ]

    static let invalid = [
        "", " ", "{", "}", "[,1]", "[1,,]", "[,]", "{,}", #"{"a" 1}"#, #"{"a": 1,,}"#, #"{a: 1}"#, "01", "1.", ".5", "-", "1e", "+1", "NaN",
        "Infinity", "1e400", "tru", "nul", #""unterminated"#, #""bad \x escape""#, #""\u12G4""#, #""\ud83d""#,
        #""\ude00""#, "\"ctrl \u{01} char\"", "[1] 2", "{} {}", "[\"\u{7F}\"] x",
    ]

    @Test("valid JSON reads to the value JSONDecoder gives")
    func sameValues() throws {
        for text in Self.valid {
            let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            #expect(try JSONValue.parse(Data(text.utf8)) == expected, "\(text)")
        }
    }

    @Test("what is not JSON is refused, as JSONDecoder refuses it")
    func refusals() {
        for text in Self.invalid {
            #expect(throws: (any Error).self, "\(text)") { try JSONValue.parse(Data(text.utf8)) }
            #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) == nil, "\(text)")
        }
        // Invalid UTF-8 inside a string, and nesting past 512 levels.
        #expect(throws: (any Error).self) { try JSONValue.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
        #expect(throws: (any Error).self) { try JSONValue.parse(Data((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)) }
    }

    @Test("written text reads back to the value, with sorted keys, and matches JSONEncoder for plain values")
    func writtenText() throws {
        for text in Self.valid {
            let value = try JSONValue.parse(Data(text.utf8))
            #expect(try JSONValue.parse(Data(value.jsonText.utf8)) == value, "\(text)")
        }
        let value: JSONValue = .object(["b": .array([.number(1), .number(2.5), .bool(true), .null]), "a": .string("x/y \"q\" \n é")])
        #expect(value.jsonText == #"{"a":"x/y \"q\" \n é","b":[1,2.5,true,null]}"#)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(value.jsonText == String(decoding: try encoder.encode(value), as: UTF8.self))
        #expect(JSONValue.string("\u{01}").jsonText == #""\u0001""#)
    }
}
