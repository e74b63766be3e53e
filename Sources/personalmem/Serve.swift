import ArgumentParser
import Hummingbird
import PersonalMemServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations and serve the HTTP API.")

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let configuration = try options.configuration()
        let logger = options.logger(configuration)
        let parts = try await ServiceParts(configuration: configuration, logger: logger)
        let app = try buildApplication(parts)
        try await app.runService()
    }
}
