// swift-tools-version:6.2
import PackageDescription

/// Our own targets build with every warning as an error; dependencies are left alone.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

// Easel builds on Linux only: the terminal layer imports Glibc and links Debian's ncursesw, and
// the image codecs come from Debian's -dev packages. No Apple platform is declared.
let package = Package(
    name: "Easel",
    products: [
        .executable(name: "easel", targets: ["easel"]),
        .executable(name: "easel-bench", targets: ["easel-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-extras/swift-extras-base64", from: "1.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CJPEG", path: "Sources/CJPEG", pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(
            name: "CWebP", path: "Sources/CWebP", pkgConfig: "libwebp",
            providers: [.apt(["libwebp-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CNcursesw", path: "Sources/CNcursesw", pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "CEaselTerminalSupport"),
        .target(
            name: "EaselCore",
            dependencies: [
                "EaselImage", "EaselPixels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // The JSON files are compiled in (scripts/embed-json.sh), so no bundle ships beside the binary.
            exclude: ["Resources"],
            swiftSettings: strict),
        .target(
            name: "CEaselJPEGShim",
            dependencies: ["CJPEG"],
            linkerSettings: [.linkedLibrary("jpeg")]),
        .target(
            name: "CEaselPNGShim",
            dependencies: ["CPNG"],
            linkerSettings: [.linkedLibrary("png16")]),
        .target(
            name: "EaselImage",
            dependencies: ["CPNG", "CJPEG", "CEaselJPEGShim", "CEaselPNGShim", "CWebP", "CZlib"],
            swiftSettings: strict),
        .target(
            name: "EaselPixels",
            dependencies: ["EaselImage"],
            swiftSettings: strict),
        .target(
            name: "EaselGraphics",
            dependencies: ["EaselImage", "EaselPixels", .product(name: "ExtrasBase64", package: "swift-extras-base64")],
            swiftSettings: strict),
        .target(
            name: "EaselUI",
            dependencies: ["EaselCore", "EaselPixels"],
            swiftSettings: strict),
        .target(
            name: "EaselStore",
            dependencies: ["EaselCore", "EaselImage", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .target(
            name: "EaselTerminal",
            dependencies: ["CNcursesw", "CEaselTerminalSupport", "EaselUI", "EaselCore", "EaselGraphics"],
            swiftSettings: strict),
        .target(
            name: "EaselStudio",
            dependencies: ["EaselCore", "EaselUI", "EaselStore", "EaselImage", "EaselGraphics"],
            swiftSettings: strict),
        .target(
            name: "EaselSandbox",
            dependencies: [
                "EaselCore", "EaselImage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .target(
            name: "EaselAceCallbacks",
            dependencies: [
                "EaselCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The command line as a library, so its logic is unit-tested without the binary.
        .target(
            name: "EaselCLI",
            dependencies: [
                "EaselCore", "EaselAceCallbacks", "EaselSandbox", "EaselUI", "EaselStudio", "EaselTerminal", "CEaselTerminalSupport", "EaselStore", "EaselImage", "EaselGraphics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "easel",
            dependencies: ["EaselCLI"],
            swiftSettings: strict),
        .executableTarget(
            name: "easel-bench",
            dependencies: [
                "EaselCore", "EaselSandbox", "EaselUI", "EaselStore", "EaselStudio", "EaselImage", "EaselPixels", "CZlib",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "EaselCLITests",
            dependencies: ["EaselCLI", "EaselCore", "EaselUI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        .testTarget(
            name: "EaselCoreTests",
            dependencies: [
                "EaselCore", "EaselAceCallbacks", "EaselSandbox", "EaselImage",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "EaselUITests",
            dependencies: ["EaselUI", "EaselCore"],
            // The snapshot files are read from the source tree (#filePath), so they are updated
            // in place when re-recorded; no bundle copy.
            exclude: ["Snapshots"],
            swiftSettings: strict),
        .testTarget(
            name: "EaselStoreTests",
            dependencies: [
                "EaselStore", "EaselCore", "EaselSandbox", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "EaselTerminalTests",
            dependencies: ["EaselTerminal", "EaselUI", "EaselCore", "CNcursesw"],
            swiftSettings: strict),
        .testTarget(
            name: "EaselStudioTests",
            dependencies: ["EaselStudio", "EaselUI", "EaselCore", "EaselSandbox", "EaselStore", "EaselImage", "EaselGraphics"],
            swiftSettings: strict),
        .testTarget(
            name: "EaselImageTests",
            dependencies: ["EaselImage", "CPNG", "CEaselJPEGShim", "CWebP", "CZlib"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "EaselGraphicsTests",
            dependencies: ["EaselGraphics", "EaselImage", "EaselPixels"],
            swiftSettings: strict),
        .testTarget(
            name: "EaselPixelsTests",
            dependencies: ["EaselPixels", "EaselImage"],
            swiftSettings: strict),
        .testTarget(
            name: "EaselSandboxTests",
            dependencies: ["EaselSandbox", "EaselAceCallbacks", "EaselCore", "EaselImage"],
            swiftSettings: strict),
        .testTarget(
            name: "EaselAceCallbacksTests",
            dependencies: ["EaselAceCallbacks", "EaselCore"],
            swiftSettings: strict),
        .testTarget(
            name: "EaselEndToEndTests",
            dependencies: ["EaselCore", "EaselImage", "EaselSandbox"],
            swiftSettings: strict),
    ]
)
