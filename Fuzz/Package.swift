// swift-tools-version: 6.0
// Coverage-guided fuzz targets (libFuzzer) for every parser the project owns or wraps. Built apart from
// the main package because each target is compiled with -parse-as-library and -sanitize=fuzzer,address:
//   swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Fuzz/run.sh builds them and runs each for a number of inputs.
import PackageDescription

let package = Package(
    name: "council-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "council", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzPlanYAML", dependencies: ["FuzzSupport", .product(name: "CouncilFiles", package: "council")]),
        .executableTarget(
            name: "FuzzRosterCSV", dependencies: ["FuzzSupport", .product(name: "CouncilFiles", package: "council")]),
        .executableTarget(
            name: "FuzzAttendanceCSV",
            dependencies: ["FuzzSupport", .product(name: "CouncilFiles", package: "council")]),
        .executableTarget(
            name: "FuzzPublishedCSV",
            dependencies: [
                "FuzzSupport", .product(name: "CouncilCore", package: "council"),
                .product(name: "CouncilFiles", package: "council"),
            ]),
        .executableTarget(
            name: "FuzzAnswersCSV",
            dependencies: [
                "FuzzSupport", .product(name: "CouncilCore", package: "council"),
                .product(name: "CouncilFiles", package: "council"),
            ]),
        .executableTarget(
            name: "FuzzSlotSheet",
            dependencies: [
                "FuzzSupport", .product(name: "CouncilCore", package: "council"),
                .product(name: "CouncilFiles", package: "council"),
            ]),
        .executableTarget(
            name: "FuzzSchedule", dependencies: ["FuzzSupport", .product(name: "CouncilCore", package: "council")]),
        .executableTarget(
            name: "FuzzICalendar", dependencies: ["FuzzSupport", .product(name: "ICalendar", package: "council")]),
        .executableTarget(
            name: "FuzzEventEncoding", dependencies: ["FuzzSupport", .product(name: "ICalendar", package: "council")]),
    ]
)
