import FakeOpenAI
import Foundation

// The fake OpenAI server as a process, for the Python client and browser tests.
// Usage: fake-openai PORT (prints "listening PORT" once it accepts connections).
let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 0
let fake = FakeOpenAI(embeddingDims: 64)
try await fake.run(port: port) { bound in
    FileHandle.standardOutput.write(Data("listening \(bound)\n".utf8))
}
