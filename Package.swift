// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "PersonalMem",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "personalmem", targets: ["personalmem"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // C header over a little C++ that wraps Debian's static libfaiss. Nothing else is C++.
        .target(
            name: "CFaissShim",
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
            ]
        ),
        // Hummingbird: a thin translation of HTTP into library calls.
        .target(
            name: "PersonalMemServer",
            dependencies: [
                "PersonalMem",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "personalmem",
            dependencies: [
                "PersonalMemServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PersonalMemTests",
            dependencies: ["PersonalMem"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PersonalMemServerTests",
            dependencies: [
                "PersonalMemServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
