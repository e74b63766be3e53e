import ArgumentParser
import Foundation
import PersonalMem
import PersonalMemServer

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write everything stored about a user as JSON (the same as GET /users/{id}/export).")

    @OptionGroup var options: ConfigurationOptions
    @Option(help: "The user to export.") var user: String
    @Option(help: "File to write; standard output when absent.") var output: String?

    func run() async throws {
        let configuration = try options.configuration()
        let parts = try await ServiceParts(configuration: configuration, logger: options.logger(configuration))
        try await parts.withDatabase {
            let export = try await UserTransfer(conversations: parts.conversationMemory, profiles: parts.profileMemory).export(userID: user)
            let data = try UserExport.encoder.encode(export)
            if let output { try data.write(to: URL(fileURLWithPath: output)) } else { FileHandle.standardOutput.write(data) }
            try await parts.conversationMemory.stores.closeAll()
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import a user export into a user with nothing stored (the same as POST /users/{id}/import).")

    @OptionGroup var options: ConfigurationOptions
    @Option(help: "The user to import into (may differ from the exported one).") var user: String
    @Argument(help: "The export file.") var file: String

    func run() async throws {
        let configuration = try options.configuration()
        let parts = try await ServiceParts(configuration: configuration, logger: options.logger(configuration))
        let export = try UserExport.decoder.decode(UserExport.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        try await parts.withDatabase {
            try await Migrator(directory: configuration.migrationsDirectory, client: parts.postgres, logger: parts.logger).migrate()
            let counts = try await UserTransfer(conversations: parts.conversationMemory, profiles: parts.profileMemory).import(export, into: user)
            try await parts.conversationMemory.stores.closeAll()
            print("imported \(counts.profileFields) profile fields, \(counts.historyEvents) history events, \(counts.conversations) conversations, \(counts.memories) memories")
        }
    }
}
