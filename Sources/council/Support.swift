import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilFiles
import Foundation

/// Loads a council folder, or prints every problem to standard error and exits with status 1. Without
/// `includeRecords` the attendance and progress records are neither read nor checked (`council lint` checks them).
func loadCouncil(_ path: String, includeRecords: Bool = true) throws -> Council {
    switch PlanDirectory.load(path, expander: LibicalRecurrence(), includeRecords: includeRecords) {
    case .success(let council):
        return council
    case .failure(let problems):
        for problem in problems.problems { printError(problem.description) }
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

/// Today's date in Japan, for defaults such as "this fiscal year".
func todayInJapan() -> CalendarDate {
    let seconds = Int(Date().timeIntervalSince1970) + 9 * 3600
    return CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
}
