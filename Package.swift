// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "council",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "council", targets: ["council"]),
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "CouncilCore", targets: ["CouncilCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The only C in the package: libical, found through pkg-config.
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"]), .brew(["libical"])]
        ),
        // Pure-Swift iCalendar values; the only importer of CLibical.
        .target(name: "ICalendar", dependencies: ["CLibical"]),
        // The council domain: no I/O, no C.
        .target(name: "CouncilCore"),
        .executableTarget(
            name: "council",
            dependencies: [
                "ICalendar",
                "CouncilCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"]),
        .testTarget(name: "CouncilCoreTests", dependencies: ["CouncilCore"]),
    ]
)
