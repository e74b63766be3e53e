// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// FAISS's HNSW header includes <omp.h>, which ships with GCC rather than Swift's clang.
/// Search GCC's include folder last, so it supplies only what clang's own folders lack.
let gccIncludeFlags: [String] = {
    let root = "/usr/lib/gcc/x86_64-linux-gnu"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    let folder = versions.sorted().reversed().map { "\(root)/\($0)/include" }
        .first { FileManager.default.fileExists(atPath: "\($0)/omp.h") }
    return folder.map { ["-idirafter", $0] } ?? []
}()

let package = Package(
    name: "PersonalMem",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "personalmem", targets: ["personalmem"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // No traits: the environment and in-memory providers need none, and the default JSON trait is unused.
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: []),
    ],
    targets: [
        // C header over a little C++ that wraps Debian's static libfaiss. Nothing else is C++.
        .target(
            name: "CFaissShim",
            cxxSettings: [.unsafeFlags(gccIncludeFlags)],
            linkerSettings: [
                .linkedLibrary("faiss"),
                .linkedLibrary("openblas"),
                .linkedLibrary("lapack"),
                .linkedLibrary("gomp"),
                .linkedLibrary("stdc++"),
            ]
        ),
        // The library: every piece of logic, no HTTP.
        .target(
            name: "PersonalMem",
            dependencies: [
                "CFaissShim",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // Hummingbird: a thin translation of HTTP into library calls.
        .target(
            name: "PersonalMemServer",
            dependencies: [
                "PersonalMem",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        // Evaluation and benchmarks (LoCoMo/LongMemEval loaders, recall and extraction scoring, index and
        // embedder timing): used by the command-line tool, never by the service.
        .target(name: "PersonalMemEval", dependencies: ["PersonalMem"]),
        .executableTarget(
            name: "personalmem",
            dependencies: [
                "PersonalMemServer",
                "PersonalMemEval",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The OpenAI-compatible fake that tests start (a library for Swift tests, a process for Python tests).
        .target(
            name: "FakeOpenAI",
            dependencies: ["PersonalMem", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/FakeOpenAI"
        ),
        .executableTarget(name: "fake-openai", dependencies: ["FakeOpenAI"], path: "Tests/fake-openai"),
        .testTarget(
            name: "PersonalMemTests",
            dependencies: ["PersonalMem", "PersonalMemEval", "FakeOpenAI"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PersonalMemServerTests",
            dependencies: [
                "PersonalMemServer",
                "PersonalMemEval",
                "FakeOpenAI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
