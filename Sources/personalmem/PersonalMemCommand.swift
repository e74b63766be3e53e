import ArgumentParser

/// `personalmem`: long-term memory for chatbots.
@main
struct PersonalMemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "personalmem",
        abstract: "Long-term memory for chatbots: user profiles and conversation memory.",
        subcommands: [Serve.self, Migrate.self, ExtractPending.self, EvalExtractor.self, BenchExtractor.self, BenchIndex.self, BenchPipeline.self, BenchEmbedder.self, Reembed.self, Eval.self, Export.self, Import.self],
        defaultSubcommand: Serve.self)
}
