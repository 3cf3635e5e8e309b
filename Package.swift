// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "council",
    platforms: [.macOS(.v15)],  // Synchronization (Mutex, Atomic) needs macOS 15
    products: [
        .executable(name: "council", targets: ["council"]),
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "CouncilCore", targets: ["CouncilCore"]),
        .library(name: "CouncilFiles", targets: ["CouncilFiles"]),
        // For the benchmarks, leak checks and the long simulation in Benchmarks/Package.swift (and Fuzz/).
        .library(name: "CivilCalendar", targets: ["CivilCalendar"]),
        .library(name: "CouncilExport", targets: ["CouncilExport"]),
        .library(name: "ExportJob", targets: ["ExportJob"]),
        .library(name: "IntegerProgramming", targets: ["IntegerProgramming"]),
        .library(name: "CSVParsing", targets: ["CSVParsing"]),
        .library(name: "QRCode", targets: ["QRCode"]),
        .library(name: "Spreadsheet", targets: ["Spreadsheet"]),
        .library(name: "ICalendarFixtures", targets: ["ICalendarFixtures"]),
        .library(name: "BenchmarkSupport", targets: ["BenchmarkSupport"]),
        .library(name: "CouncilSimulation", targets: ["CouncilSimulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Hummingbird's own dependencies, declared because the server imports them itself.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The package's C: libical, libqrencode and libxlsxwriter, found through pkg-config, and GLPK and libcsv (no
        // pkg-config file), each behind one wrapper.
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"]), .brew(["libical"])]
        ),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]),
        .systemLibrary(
            name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]),
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"]), .brew(["libcsv"])]),
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]),
        // Excel workbooks as values, written by libxlsxwriter; the only importer of CXlsxWriter.
        .target(name: "Spreadsheet", dependencies: ["CXlsxWriter"]),
        // CSV split into rows by libcsv, lines counted on the text; the only importer of CCSV.
        .target(name: "CSVParsing", dependencies: ["CCSV"]),
        // QR code symbols made by libqrencode, as values and SVG; the only importer of CQRencode.
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        // Solves the domain's integer programs (rotations) with GLPK; the only importer of CGLPK.
        .target(name: "IntegerProgramming", dependencies: ["CGLPK", "CouncilCore"]),
        // Dates and times of day, shared by the iCalendar values and the domain; no C.
        .target(name: "CivilCalendar"),
        // Pure-Swift iCalendar values; the only importer of CLibical.
        .target(name: "ICalendar", dependencies: ["CLibical", "CivilCalendar"]),
        // Excel-safe CSV: the shared writing of every module that makes sheets.
        .target(name: "TextFormats", dependencies: ["CSVParsing"]),
        // Every HTML page's Mustache templates and the one place that renders them: text is escaped unless a
        // template says otherwise, which only the page's CSS and a QR code's SVG do.
        .target(name: "HTMLTemplates", dependencies: [.product(name: "Mustache", package: "swift-mustache")]),
        // The council domain: no I/O, no C.
        .target(name: "CouncilCore", dependencies: ["CivilCalendar"]),
        // Plan files: YAML and CSV in, located problems out.
        .target(
            name: "CouncilFiles",
            dependencies: [
                "CouncilCore",
                "CSVParsing",
                "TextFormats",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Text, Markdown, CSV, HTML and Excel views of plans.
        .target(
            name: "CouncilRendering",
            dependencies: ["CouncilCore", "TextFormats", "HTMLTemplates", "Spreadsheet"]
        ),
        // Maps the council domain onto iCalendar: feeds, and libical's recurrence for schedules.
        .target(name: "CouncilExport", dependencies: ["CouncilCore", "ICalendar"]),
        // The export job: read the plans, map them, write every feed all or nothing.
        .target(name: "ExportJob", dependencies: ["CouncilCore", "CouncilExport", "CouncilFiles", "ICalendar"]),
        // The subscription server: feeds over HTTP at unguessable per-business URLs.
        .target(
            name: "CouncilServer",
            dependencies: [
                "CouncilCore",
                "CouncilExport",
                "ExportJob",
                "CouncilFiles",
                "CouncilRendering",
                "ICalendar",
                "QRCode",
                "TextFormats",
                "HTMLTemplates",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "council",
            dependencies: [
                "ICalendar",
                "CouncilCore",
                "CouncilFiles",
                "CouncilRendering",
                "CouncilExport",
                "ExportJob",
                "CouncilServer",
                "IntegerProgramming",
                "TextFormats",
                "Spreadsheet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Seeded random numbers and peak memory, for the simulation, the benchmarks and the server's random-request test.
        .target(name: "BenchmarkSupport"),
        // Generated councils lived through generated years, checked against the model's own tally (SimulationTests;
        // Benchmarks/Package.swift's council-simulate runs it for as many seeds as asked).
        .target(
            name: "CouncilSimulation",
            dependencies: [
                "BenchmarkSupport", "CivilCalendar", "CouncilCore", "CouncilFiles", "CouncilExport", "CouncilRendering",
                "ExportJob", "ICalendar", "IntegerProgramming",
            ]),
        .target(name: "ICalendarFixtures", dependencies: ["ICalendar"], path: "Sources/ICalendarFixtures"),
        // Shared by the test targets: a small valid plan folder, and snapshot comparison.
        .target(
            name: "CouncilTestSupport", dependencies: ["CouncilCore", "CouncilFiles"],
            path: "Sources/CouncilTestSupport"),
        .testTarget(
            name: "ICalendarTests",
            dependencies: [
                "ICalendar", "ICalendarFixtures", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Regressions", "Recurrences"]
        ),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "HTMLTemplatesTests", dependencies: ["HTMLTemplates"]),
        .testTarget(
            name: "CSVParsingTests",
            dependencies: [
                "CSVParsing", "TextFormats", .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"]),
        .testTarget(name: "CouncilCoreTests", dependencies: ["CouncilCore", "IntegerProgramming"]),
        .testTarget(
            name: "CouncilExportTests",
            dependencies: [
                "CouncilCore", "CouncilExport", "ExportJob", "ICalendar", "CouncilFiles", "IntegerProgramming",
                "CouncilRendering", "CouncilTestSupport",
            ], exclude: ["Snapshots"]),
        .testTarget(
            name: "CouncilServerTests",
            dependencies: [
                "CouncilServer", "CouncilCore", "CouncilExport", "CouncilFiles", "ExportJob", "ICalendar",
                "CouncilTestSupport", "BenchmarkSupport", "QRCode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Runs the built `council` binary, as a secretariat would.
        .testTarget(
            name: "CouncilCommandTests",
            dependencies: [
                "council", "CouncilTestSupport", "ICalendar",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], exclude: ["Forms"]),
        .testTarget(
            name: "CouncilFilesTests",
            dependencies: ["CouncilCore", "CouncilFiles", "CouncilTestSupport", "TextFormats"]),
        .testTarget(name: "SimulationTests", dependencies: ["CouncilSimulation"]),
        .testTarget(
            name: "CouncilRenderingTests",
            dependencies: [
                "CouncilCore", "CouncilRendering", "CouncilFiles", "Spreadsheet", "CouncilTestSupport", "CouncilExport",
            ], exclude: ["Snapshots"]),
    ]
)
