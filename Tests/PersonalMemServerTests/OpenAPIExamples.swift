import Foundation
import PersonalMem
import Testing

/// The JSON examples of frontend/openapi.json, each with the schema it illustrates.
struct OpenAPIExamples {
    struct Example {
        /// `POST /messages 200 intro`, for failure messages.
        let location: String
        /// The name under `components/schemas`.
        let schema: String
        let value: JSONValue
    }

    let document: [String: JSONValue]

    static func load() throws -> OpenAPIExamples {
        let url = TestService.repositoryRoot.appendingPathComponent("frontend/openapi.json")
        return OpenAPIExamples(document: try #require(try JSONValue.parse(Data(contentsOf: url)).objectValue))
    }

    /// Every example of an `application/json` response whose schema is a named component.
    func responseExamples() throws -> [Example] {
        try operations().flatMap { name, operation in
            try (operation["responses"]?.objectValue ?? [:]).flatMap { status, response in
                try examples(in: try resolve(response), at: "\(name) \(status)")
            }
        }
    }

    /// Every example of an `application/json` request body.
    func requestExamples() throws -> [Example] {
        try operations().flatMap { name, operation in
            try operation["requestBody"].map { try examples(in: try resolve($0), at: "\(name) request") } ?? []
        }
    }

    /// Every JSON event of a `text/event-stream` response example (`data: <JSON>`, not `[DONE]`):
    /// a chunk (`ChatCompletionChunk`) or the error that ends a failed stream (`ChatStreamError`).
    func streamEventExamples() throws -> [Example] {
        try operations().flatMap { name, operation in
            try (operation["responses"]?.objectValue ?? [:]).flatMap { status, response -> [Example] in
                guard let media = try resolve(response)["content"]?.objectValue?["text/event-stream"]?.objectValue else { return [] }
                let named = (media["examples"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value.objectValue?["value"]) }
                let streams = (media["example"].map { [("example", $0)] } ?? []) + named
                return try streams.flatMap { example, value -> [Example] in
                    let text = try #require(value?.stringValue, "\(name) \(status) \(example): not a string").components(separatedBy: "\n\n")
                    return try text.enumerated().compactMap { index, event -> Example? in
                        guard event.hasPrefix("data: "), event != "data: [DONE]" else { return nil }
                        let json = try JSONValue.parse(Data(event.dropFirst(6).utf8))
                        let schema = json.objectValue?["error"] != nil ? "ChatStreamError" : "ChatCompletionChunk"
                        return Example(location: "\(name) \(status) \(example) event \(index)", schema: schema, value: json)
                    }
                }
            }
        }
    }

    /// `(METHOD /path, operation)` for every operation.
    private func operations() throws -> [(String, [String: JSONValue])] {
        let paths = try #require(document["paths"]?.objectValue)
        return paths.sorted { $0.key < $1.key }.flatMap { path, item in
            (item.objectValue ?? [:]).sorted { $0.key < $1.key }.compactMap { method, operation in
                operation.objectValue.map { ("\(method.uppercased()) \(path)", $0) }
            }
        }
    }

    private func examples(in container: [String: JSONValue], at location: String) throws -> [Example] {
        guard let media = container["content"]?.objectValue?["application/json"]?.objectValue,
            let schemaObject = media["schema"]?.objectValue
        else { return [] }
        // A named schema, or several alternatives ("ChatCompletion or ChatCompletionDryRun").
        let references = ([schemaObject["$ref"]] + (schemaObject["oneOf"]?.arrayValue ?? []).map { $0.objectValue?["$ref"] })
            .compactMap { $0?.stringValue }
        guard !references.isEmpty else { return [] }
        let schema = references.map { String($0.split(separator: "/").last ?? "") }.joined(separator: " or ")
        var found: [Example] = []
        if let example = media["example"] { found.append(Example(location: location, schema: schema, value: example)) }
        for (name, entry) in (media["examples"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let value = try #require(try resolve(entry)["value"], "\(location) \(name) has no value")
            found.append(Example(location: "\(location) \(name)", schema: schema, value: value))
        }
        return found
    }

    /// The object itself, or the component its `$ref` names.
    private func resolve(_ value: JSONValue) throws -> [String: JSONValue] {
        let object = try #require(value.objectValue)
        guard let reference = object["$ref"]?.stringValue else { return object }
        var target: JSONValue = .object(document)
        for part in reference.dropFirst(2).split(separator: "/") {
            target = try #require(target.objectValue?[String(part)], "no \(reference)")
        }
        return try resolve(target)
    }
}
