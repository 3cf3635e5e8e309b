// swift-tools-version: 6.0
// The benchmarks, the C wrappers' leak checks and the long year simulation, built apart from the main package (as
// swift-nio and swift-collections keep theirs) so that `swift build` and `swift test` there build none of them:
//   swift run --package-path Benchmarks -c release national-benchmark …   (Benchmarks/run-all.sh runs them all)
//   swift run --package-path Benchmarks -c release rotation-benchmark
//   swift run --package-path Benchmarks -c release council-simulate --seeds 10000 --progress 500
//   scripts/leak-check.sh                                                  (the *-leak-check under LeakSanitizer)
import PackageDescription

let package = Package(
    name: "council-benchmarks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rotation-benchmark", targets: ["RotationBenchmark"]),
        .executable(name: "national-benchmark", targets: ["NationalBenchmark"]),
        .executable(name: "council-simulate", targets: ["CouncilSimulate"]),
        .executable(name: "ical-leak-check", targets: ["ICalendarLeakCheck"]),
        .executable(name: "glpk-leak-check", targets: ["IntegerProgrammingLeakCheck"]),
        .executable(name: "qr-leak-check", targets: ["QRCodeLeakCheck"]),
        .executable(name: "csv-leak-check", targets: ["CSVParsingLeakCheck"]),
        .executable(name: "xlsx-leak-check", targets: ["SpreadsheetLeakCheck"]),
    ],
    dependencies: [.package(name: "council", path: "..")],
    targets: [
        // A rotation of 1,000 businesses planned and re-planned (GLPK).
        .executableTarget(
            name: "RotationBenchmark",
            dependencies: [
                .product(name: "CouncilCore", package: "council"),
                .product(name: "IntegerProgramming", package: "council"),
                .product(name: "BenchmarkSupport", package: "council"),
            ]),
        // The national data set, one phase per process (Benchmarks/run-all.sh).
        .executableTarget(
            name: "NationalBenchmark",
            dependencies: [
                .product(name: "ExportJob", package: "council"), .product(name: "CouncilExport", package: "council"),
                .product(name: "IntegerProgramming", package: "council"),
                .product(name: "CouncilFiles", package: "council"),
                .product(name: "CouncilCore", package: "council"), .product(name: "ICalendar", package: "council"),
                .product(name: "BenchmarkSupport", package: "council"),
                .product(name: "CSVParsing", package: "council"),
            ]),
        // Generated councils lived through generated years, as many seeds as asked.
        .executableTarget(
            name: "CouncilSimulate", dependencies: [.product(name: "CouncilSimulation", package: "council")],
            path: "Sources/Simulate"),
        // Each C wrapper's paths, for scripts/leak-check.sh's LeakSanitizer run.
        .executableTarget(
            name: "ICalendarLeakCheck",
            dependencies: [
                .product(name: "ICalendar", package: "council"),
                .product(name: "ICalendarFixtures", package: "council"),
            ]),
        .executableTarget(
            name: "IntegerProgrammingLeakCheck",
            dependencies: [
                .product(name: "CouncilCore", package: "council"),
                .product(name: "IntegerProgramming", package: "council"),
            ]),
        .executableTarget(name: "QRCodeLeakCheck", dependencies: [.product(name: "QRCode", package: "council")]),
        .executableTarget(
            name: "CSVParsingLeakCheck", dependencies: [.product(name: "CSVParsing", package: "council")]),
        .executableTarget(
            name: "SpreadsheetLeakCheck", dependencies: [.product(name: "Spreadsheet", package: "council")]),
    ]
)
