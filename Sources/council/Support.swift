import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilFiles
import Foundation
import Spreadsheet

/// Loads a council folder, or prints every problem to standard error and exits with status 1. Without
/// `includeRecords` the attendance and progress records are neither read nor checked (`council lint` checks them).
func loadCouncil(_ path: String, includeRecords: Bool = true, today: CalendarDate) async throws -> Council {
    switch await PlanDirectory.load(path, expander: LibicalRecurrence(), includeRecords: includeRecords, today: today) {
    case .success(let council):
        return council
    case .failure(let problems):
        for problem in problems.problems { printError(problem.description) }
        throw ExitCode(1)
    }
}

/// Loads a council folder with its records and its years as seen on `today` (the years the records were
/// matched against are not worked out again), or prints every problem and exits with status 1.
func loadYears(_ path: String, today: CalendarDate) async throws -> CouncilYears {
    switch await PlanDirectory.loadYears(path, expander: LibicalRecurrence(), today: today) {
    case .success(let years):
        return years
    case .failure(let problems):
        for problem in problems.problems { printError(problem.description) }
        throw ExitCode(1)
    }
}

/// Holds a council's folder locked, or prints why it cannot and exits with status 1.
func lockFolder(_ path: String) throws -> FolderLock {
    do {
        return try FolderLock(path)
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
}

/// Writes every file or none (temporary files renamed into place), saying which were written; on failure
/// prints why and exits with status 1.
func writeAll(_ files: [(path: String, bytes: [UInt8])]) throws {
    do {
        for file in try AtomicFileSet.write(files).written { print("書き込みました / wrote \(file)") }
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The width of the terminal on standard output, or nil when it is not a terminal.
func terminalWidth() -> Int? {
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}

/// The day a command works on: `flag` (e.g. `--today`) when given, else `COUNCIL_TODAY`, else today in Japan.
func resolveToday(_ flag: String? = nil, flagName: String = "--today") throws -> CalendarDate {
    do {
        return try Today.resolve(flag, flagName: flagName)
    } catch {
        throw ValidationError(error.description)
    }
}

/// The council's years seen from `today`, with libical for RRULE schedules.
func councilYears(_ council: Council, today: CalendarDate) -> CouncilYears {
    CouncilYears(council: council, today: today, expander: LibicalRecurrence())
}

/// A year whose every series and rotation could be dated, or their problems on standard error and status 1.
func completeYear(_ years: CouncilYears, _ year: FiscalYear, path: String) throws -> CouncilYear {
    do {
        return try years.year(year).complete()
    } catch {
        for problem in error.errors { printError("\(path)/council.yaml: \(problem)") }
        throw ExitCode(1)
    }
}

/// The plan of `--year`, else of the year containing today, else the latest; or why there is none, and status 1.
func chosenPlan(_ council: Council, year: Int?, today: CalendarDate, path: String) throws -> Plan {
    if let plan = year.map({ council.plan(for: FiscalYear($0)) }) ?? council.plan(for: FiscalYear(containing: today))
        ?? council.plans.last
    {
        return plan
    }
    let years = council.plans.map { String($0.year.startYear) }.joined(separator: ", ")
    printError(
        "\(path): \(year.map { "\(FiscalYear($0).japaneseName)の" } ?? "")計画がありません / no plan\(year.map { " for \($0)" } ?? "") (plans: \(years.isEmpty ? "none" : years))"
    )
    throw ExitCode(1)
}

/// A command's `--format`: one of its text formats, or `xlsx` (an Excel workbook, written to standard output).
enum Output<Text: RawRepresentable & CaseIterable & Sendable>: ExpressibleByArgument, Sendable
where Text.RawValue == String {
    case text(Text)
    case xlsx

    init?(argument: String) {
        if argument == "xlsx" {
            self = .xlsx
        } else if let text = Text(rawValue: argument) {
            self = .text(text)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { Text.allCases.map(\.rawValue) + ["xlsx"] }

    var defaultValueDescription: String {
        switch self {
        case .text(let text): return text.rawValue
        case .xlsx: return "xlsx"
        }
    }
}

/// Writes an Excel workbook to standard output, which must not be a terminal (`> review.xlsx`).
func writeWorkbook(_ workbook: Workbook) throws {
    guard isatty(STDOUT_FILENO) != 1 else {
        throw ValidationError(
            "xlsx はファイルに書き出してください(例: > review.xlsx) / xlsx is binary: redirect standard output to a file")
    }
    do {
        FileHandle.standardOutput.write(Data(try workbook.xlsx()))
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
}

/// The year of each council above the ward at `path` (its city), its own (`seen(by:)` gives the ward's view). A
/// city that does not load is said on standard error and left out.
func yearsAbove(_ path: String, year: FiscalYear, today: CalendarDate) async -> [CouncilYear] {
    var above: [CouncilYear] = []
    for city in PlanDirectory.councilsAbove(path) {
        switch await PlanDirectory.loadYears(city, expander: LibicalRecurrence(), today: today) {
        case .success(let years):
            above.append(years.year(year))
        case .failure(let problems):
            printError(
                "\(city): 市の会議を読めません(\(problems.problems.count)件の問題。council lint \(city)) / the council above does not load; its meetings are left out"
            )
        }
    }
    return above
}
