import ArgumentParser
import PersonalMem
import PersonalMemServer

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let configuration = try options.configuration()
        let parts = try await ServiceParts(configuration: configuration, logger: options.logger(configuration))
        try await parts.withDatabase {
            let applied = try await Migrator(directory: configuration.migrationsDirectory, client: parts.postgres, logger: parts.logger).migrate()
            print(applied.isEmpty ? "No pending migrations." : "Applied: \(applied.joined(separator: ", "))")
        }
    }
}
