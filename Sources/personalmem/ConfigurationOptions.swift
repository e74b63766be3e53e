import ArgumentParser
import Foundation
import Logging
import PersonalMemServer

/// Command-line configuration: `--set NAME=value` for every variable and named options for the common
/// ones. They become the first provider of `ServiceConfiguration`'s reader, ahead of the environment,
/// the `.env` file and the defaults.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .customLong("env-file"), help: "File of KEY=value lines read when present.")
    var envFile = ".env"

    @Option(name: .customLong("set"), parsing: .singleValue, help: "NAME=value for any variable in the README, e.g. --set PORT=9000.")
    var assignments: [String] = []

    @Option(help: "DATABASE_URL") var databaseURL: String?
    @Option(help: "HOST") var host: String?
    @Option(help: "PORT") var port: Int?
    @Option(help: "STORAGE_DIR") var storageDir: String?
    @Option(help: "LOG_LEVEL") var logLevel: String?
    @Option(help: "LLM_BASE_URL") var llmBaseURL: String?
    @Option(help: "LLM_MODEL") var llmModel: String?

    func configuration() throws -> ServiceConfiguration {
        var overrides: [String: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw ValidationError("--set takes NAME=value, got '\(assignment)'")
            }
            overrides[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        let named: [(String, String?)] = [
            ("DATABASE_URL", databaseURL), ("HOST", host), ("PORT", port.map(String.init)), ("STORAGE_DIR", storageDir),
            ("LOG_LEVEL", logLevel), ("LLM_BASE_URL", llmBaseURL), ("LLM_MODEL", llmModel),
        ]
        for case (let name, let value?) in named { overrides[name] = value }
        let unknown = overrides.keys.filter { ConfigurationVariable.byName[$0] == nil }
        guard unknown.isEmpty else { throw ValidationError("unknown variable(s): \(unknown.sorted().joined(separator: ", "))") }
        return ServiceConfiguration(dotEnv: ServiceConfiguration.readDotEnv(at: envFile), overrides: overrides)
    }

    func logger(_ configuration: ServiceConfiguration) -> Logger {
        var logger = Logger(label: "personalmem")
        logger.logLevel = configuration.logLevel
        return logger
    }
}
