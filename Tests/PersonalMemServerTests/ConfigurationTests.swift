import Configuration
import Foundation
import Synchronization
import Testing

@testable import PersonalMemServer

@Suite("Configuration through swift-configuration")
struct ConfigurationTests {
    /// The README's configuration table: every name of a row (a row may list several) with its default and meaning cells.
    static func readmeRows() throws -> [String: (defaultCell: String, meaning: String)] {
        let readme = try String(contentsOf: TestService.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Configuration\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        var rows: [String: (String, String)] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            try #require(cells.count == 3, "a table row has three cells: \(line)")
            for name in cells[0].split(separator: ",") {
                rows[name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = (cells[1], cells[2])
            }
        }
        return rows
    }

    @Test("every variable in the code is in the README's table with the same default and meaning, and vice versa")
    func readmeTableMatchesTheCode() throws {
        let rows = try Self.readmeRows()
        #expect(rows.count > 50)
        let declared = Set(ConfigurationVariable.all.map(\.name))
        #expect(declared.count == ConfigurationVariable.all.count, "a variable is declared twice")
        #expect(Set(rows.keys).subtracting(declared).sorted() == [], "in the README but not read by the service")
        for variable in ConfigurationVariable.all {
            let row = try #require(rows[variable.name], "\(variable.name) is missing from the README's table")
            #expect(row.defaultCell == variable.documentedDefault, "\(variable.name)'s default")
            #expect(row.meaning == variable.doc, "\(variable.name)'s meaning")
            // A default and a description of "unset" exclude each other.
            #expect(variable.defaultValue.isEmpty == (variable.unsetMeaning != nil), "\(variable.name)")
        }
    }

    @Test("every whole number with a range has a default inside it, and the defaults read without error")
    func rangesHoldTheirDefaults() throws {
        let ranged = ConfigurationVariable.all.filter { $0.range != nil }
        #expect(ranged.count >= 16)
        for variable in ranged {
            let value = try #require(Int(variable.defaultValue), "\(variable.name)'s default is a whole number")
            #expect(variable.range!.contains(value), "\(variable.name)")
        }
        let configuration = ServiceConfiguration(environment: [:])
        for variable in ranged { _ = try configuration.integer(variable.name) }
        _ = try configuration.chatKnobs()
        _ = try configuration.rankingOptions()
        _ = try configuration.jobRetryPolicy()
        // The edges of a range are accepted.
        #expect(try ServiceConfiguration(environment: ["PORT": "65535", "RETRIEVE_K": "0"]).integer("PORT") == 65535)
        #expect(try ServiceConfiguration(environment: ["RETRIEVE_K": "0"]).chatKnobs().retrieveK == 0)
    }

    @Test("defaults apply when no source sets a variable")
    func defaults() throws {
        let configuration = ServiceConfiguration(environment: [:])
        #expect(configuration["PORT"] == "8888")
        #expect(try configuration.port() == 8888)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration["MAX_BODY_BYTES"] == "2097152")
        #expect(configuration.databaseURL == nil)
        #expect(configuration.values.count == ConfigurationVariable.all.count)
        #expect(configuration.values["AZURE_OPENAI_API_VERSION"] == "2024-10-21")
        #expect(configuration["NOT_A_VARIABLE"] == "")
    }

    @Test("command line over environment over .env over default, for each variable on its own")
    func precedence() throws {
        let all = ServiceConfiguration(
            environment: ["PORT": "2", "HOST": "env-host", "LLM_MODEL": "env-model"],
            dotEnv: ["PORT": "3", "HOST": "dotenv-host", "LLM_MODEL": "dotenv-model", "RRF_K": "7"],
            overrides: ["PORT": "1"])
        #expect(try all.port() == 1)
        #expect(all.host == "env-host")
        #expect(all["LLM_MODEL"] == "env-model")
        #expect(all["RRF_K"] == "7")
        #expect(all["RETRIEVE_K"] == "5")
        // An empty value set by a stronger source wins over a weaker one (as an unset variable would not).
        let emptied = ServiceConfiguration(environment: ["LLM_MODEL": ""], dotEnv: ["LLM_MODEL": "dotenv-model"])
        #expect(emptied["LLM_MODEL"] == "")
        // Names that are not variables are ignored in every source.
        let unknown = ServiceConfiguration(environment: ["PATH_TO_NOWHERE": "x"], overrides: ["NOPE": "y"])
        #expect(unknown.values["NOPE"] == nil && unknown.values["PATH_TO_NOWHERE"] == nil)
    }

    @Test("a bad value fails with the same message from whichever source it comes")
    func badValues() throws {
        let sources: [(environment: [String: String], dotEnv: [String: String], overrides: [String: String])] = [
            (["PORT": "eighty"], [:], [:]), ([:], ["PORT": "eighty"], [:]), ([:], [:], ["PORT": "eighty"]),
        ]
        for source in sources {
            let configuration = ServiceConfiguration(environment: source.environment, dotEnv: source.dotEnv, overrides: source.overrides)
            let error = #expect(throws: ConfigurationError.self) { try configuration.port() }
            #expect(error?.description == "PORT must be a whole number")
        }
        let cases: [(String, String, (ServiceConfiguration) throws -> Void, String)] = [
            ("LLM_TIMEOUT_SECONDS", "0", { _ = try $0.llmEndpoint() }, "LLM_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 3600"),
            ("JOB_MAX_ATTEMPTS", "1001", { _ = try $0.jobRetryPolicy() }, "JOB_MAX_ATTEMPTS must be from 1 to 1000"),
            ("NEIGHBOUR_WEIGHT", "1.5", { _ = try $0.rankingOptions() }, "NEIGHBOUR_WEIGHT must be a number from 0 to 1"),
            ("MAX_BODY_BYTES", "0", { _ = try $0.positiveInteger("MAX_BODY_BYTES") }, "MAX_BODY_BYTES must be a positive whole number"),
            ("INDEX_KIND", "ivf", { _ = try $0.indexKind() }, "INDEX_KIND must be flat or hnsw"),
            ("PORT", "70000", { _ = try $0.port() }, "PORT must be a whole number from 0 to 65535"),
            ("SNAPSHOT_EVERY", "0", { _ = try $0.integer("SNAPSHOT_EVERY") }, "SNAPSHOT_EVERY must be a whole number from 1 to 1000000"),
            ("RETRIEVE_K", "51", { _ = try $0.chatKnobs() }, "RETRIEVE_K must be a whole number from 0 to 50"),
            ("MAX_COSINE_DISTANCE", "far", { _ = try $0.chatKnobs() }, "MAX_COSINE_DISTANCE must be a number from 0 to 2"),
            ("CHAT_TEMPERATURE", "2.5", { _ = try $0.chatKnobs() }, "CHAT_TEMPERATURE must be a number from 0 to 2"),
        ]
        for (name, value, read, message) in cases {
            let configuration = ServiceConfiguration(environment: [name: value])
            let error = #expect(throws: ConfigurationError.self) { try read(configuration) }
            #expect(error?.description == message)
        }
        // A bad value in a weaker source is hidden by a good one in a stronger source.
        #expect(try ServiceConfiguration(environment: ["PORT": "9000"], dotEnv: ["PORT": "eighty"]).port() == 9000)
    }

    @Test("the .env reader keeps its rules: comments, export, quotes, the last line of a name wins")
    func dotEnvFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pm-dotenv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# comment\nexport HOST = 0.0.0.0\nLLM_MODEL=\"quoted model\"\nPORT=1\nPORT='2'\r\nnot a line\n".write(to: file, atomically: true, encoding: .utf8)
        let values = ServiceConfiguration.readDotEnv(at: file.path)
        #expect(values == ["HOST": "0.0.0.0", "LLM_MODEL": "quoted model", "PORT": "2"])
        #expect(ServiceConfiguration.readDotEnv(at: file.path + ".missing") == [:])
        #expect(try ServiceConfiguration(environment: [:], dotEnv: values).port() == 2)
    }

    @Test("secret variables are redacted in what the reader reports; others are shown")
    func secretsAreRedacted() throws {
        let reporter = CollectingReporter()
        let secrets = [
            "API_KEYS": "key-one-secret,key-two-secret", "OPENAI_API_KEY": "sk-openai-secret", "EMB_API_KEY": "sk-emb-secret",
            "AZURE_OPENAI_API_KEY": "azure-secret", "DATABASE_URL": "postgres://user:pw-secret@127.0.0.1:5432/db",
        ]
        let configuration = ServiceConfiguration(
            environment: secrets.filter { $0.key != "EMB_API_KEY" }, dotEnv: ["EMB_API_KEY": secrets["EMB_API_KEY"]!],
            overrides: ["HOST": "visible-host"], accessReporter: reporter)
        #expect(configuration.apiKeys == ["key-one-secret", "key-two-secret"])
        _ = configuration.values
        let report = reporter.events.withLock { $0.joined(separator: "\n") }
        #expect(report.contains("visible-host"))
        for (name, value) in secrets {
            #expect(ConfigurationVariable.byName[name]?.isSecret == true, "\(name)")
            for part in value.split(separator: ",") { #expect(!report.contains(part), "\(name) leaked") }
        }
        #expect(!report.contains("pw-secret"))
    }
}

/// Keeps the text of every access event the reader reports.
final class CollectingReporter: AccessReporter {
    let events = Mutex<[String]>([])
    func report(_ event: AccessEvent) { events.withLock { $0.append("\(event)") } }
}
