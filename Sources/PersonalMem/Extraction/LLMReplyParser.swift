import Foundation

/// Reads the extraction reply contract `{"facts": [{"field", "op", "value"}]}` out of model text.
/// Tolerant of code fences and prose around the JSON; strict about each fact's shape, dropping
/// (and counting) facts that do not fit rather than failing the whole reply. A value carrying a
/// number that is not finite or beyond ±2^53 (such as `1e19`) is such a fact: model numbers are
/// range-checked here, where they are read, so nothing later converts one that cannot fit.
public enum LLMReplyParser {
    public struct Parsed: Sendable, Equatable {
        public var facts: [Fact]
        /// Facts present in the reply but malformed (unknown op, missing field, wrong types,
        /// numbers out of range).
        public var malformed: Int
    }

    /// Throws `ExtractionError.unreadableReply` when no JSON object with a `facts` array can be found.
    public static func parse(_ text: String) throws(ExtractionError) -> Parsed {
        guard let object = firstJSONObject(in: text) else {
            throw .unreadableReply("no JSON object in the reply")
        }
        guard case .array(let items)? = object["facts"] else {
            throw .unreadableReply("the reply has no \"facts\" array")
        }
        var facts: [Fact] = []
        var malformed = 0
        for item in items {
            guard case .object(let members) = item,
                let field = members["field"]?.stringValue?.trimmingCharacters(in: .whitespaces), !field.isEmpty,
                let opText = members["op"]?.stringValue?.lowercased(), let op = Fact.Operation(rawValue: opText),
                members["value"]?.hasOnlySafeNumbers ?? true
            else {
                malformed += 1
                continue
            }
            facts.append(Fact(field: field, op: op, value: members["value"]))
        }
        return Parsed(facts: facts, malformed: malformed)
    }

    /// The first balanced `{…}` that parses as a JSON object, scanning past fences and prose.
    static func firstJSONObject(in text: String) -> [String: JSONValue]? {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        while start < scalars.count {
            guard let open = scalars[start...].firstIndex(of: "{") else { return nil }
            if let end = matchingBrace(scalars, from: open) {
                var candidate = String.UnicodeScalarView()
                candidate.append(contentsOf: scalars[open...end])
                if case .object(let object)? = try? JSONValue.parse(Data(String(candidate).utf8)) { return object }
            }
            start = open + 1
        }
        return nil
    }

    /// Index of the brace closing the one at `open`, skipping braces inside strings.
    static func matchingBrace(_ scalars: [Unicode.Scalar], from open: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for index in open..<scalars.count {
            let scalar = scalars[index]
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case "\"": inString = true
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }
}
