// The national-scale benchmark: one phase per process, so each phase's peak memory is its own.
//   national-benchmark PHASE DATA [OUT]
// PHASE: load, schedule, export (cold: OUT must not exist), export-warm (OUT as the last export left it),
// read (decode every feed in OUT), rotation, review (10 fiscal years), read-attendance (the bytes alone),
// parse-attendance (the bytes through libcsv, rows counted and nothing else: the parser's floor).
// Prints "PHASE seconds peak-RSS-MB detail". Benchmarks/run-all.sh runs them all and makes the table.
import BenchmarkSupport
import CSVParsing
import CouncilCore
import CouncilExport
import CouncilFiles
import ExportJob
import Foundation
import ICalendar
import IntegerProgramming

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: national-benchmark PHASE DATA [OUT]")
    exit(2)
}
let phase = arguments[1]
let data = arguments[2]
let out = arguments.count > 3 ? arguments[3] : "/tmp/national-calendars"
let directories = PlanDirectory.councilDirectories(in: data)
let now = DateTimeValue.dateTime(CalendarDate(year: 2026, month: 11, day: 20), ClockTime(hour: 0, minute: 0), .utc)
let year = FiscalYear(2026)
let today = CalendarDate(year: 2026, month: 11, day: 20)

/// Every council in turn, each dropped before the next is loaded, as the commands work.
@MainActor func forEachCouncil(_ body: (Council) throws -> Void) async rethrows {
    for directory in directories {
        guard
            case .success(let council) = await PlanDirectory.load(
                directory, expander: LibicalRecurrence(), today: today)
        else { fatalError("\(directory) does not load") }
        try body(council)
    }
}

/// A council's folder without its records: council.yaml, the roster and the 2026 plan.
func planOnly(_ directory: String) -> PlanFiles {
    PlanFiles.reading(directory) { ["council.yaml", "businesses.csv", "plan-2026.yaml"].contains($0) }
}

let started = ContinuousClock.now
var detail = ""
switch phase {
case "load":
    var councils = 0
    var businesses = 0
    var lines = 0
    await forEachCouncil { council in
        councils += 1
        businesses += council.businesses.count
        lines += council.attendance.values.reduce(0) { $0 + $1.count }
    }
    detail = "\(councils) councils, \(businesses) businesses, \(lines) attendance lines"
case "schedule":
    var count = 0
    for directory in directories {
        guard case .success(let council) = await PlanDirectory.load(planOnly(directory), expander: LibicalRecurrence())
        else {
            fatalError()
        }
        count +=
            CouncilYear(
                council: council, year: year, today: today,
                scheduler: Scheduler(calendar: council.calendar, expander: LibicalRecurrence())
            ).meetings.count
    }
    detail = "\(count) meetings (load of council.yaml, roster and plan included)"
case "export", "export-warm":
    // Cold means no previous export; deleting one here would time the file system's clean-up.
    if phase == "export" && FileManager.default.fileExists(atPath: out) {
        print("export (cold) writes into a new folder; \(out) exists")
        exit(2)
    }
    switch await FeedExport(outputDirectory: out, now: now, today: today).run(
        councilDirectories: directories, full: false)
    {
    case .success(let report):
        detail =
            "\(report.outcome.written.count) written, \(report.outcome.unchanged.count) unchanged, \(report.events) events"
    case .failure(let failure): fatalError("\(failure)")
    }
case "read":
    // As the export reads its previous feeds: council by council, on every core.
    let councils = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { !$0.hasPrefix(".") }
        .sorted()
    let (events, bytes) = await withTaskGroup(of: (events: Int, bytes: Int).self) { group in
        for council in councils {
            group.addTask {
                let folder = "\(out)/\(council)"
                let feeds =
                    ["council.ics"]
                    + ((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/businesses")) ?? []).filter {
                        $0.hasSuffix(".ics")
                    }.map { "businesses/\($0)" }
                var events = 0
                var bytes = 0
                for feed in feeds {
                    guard let content = FileManager.default.contents(atPath: "\(folder)/\(feed)") else { continue }
                    bytes += content.count
                    do {
                        events += try ICalendarDecoder().decode(bytes: content, source: feed).events.count
                    } catch {
                        fatalError("\(folder)/\(feed): \(error)")
                    }
                }
                return (events, bytes)
            }
        }
        var total = (events: 0, bytes: 0)
        for await read in group {
            total.events += read.events
            total.bytes += read.bytes
        }
        return total
    }
    detail = "\(events) events from \(bytes / 1_000_000) MB"
case "rotation":
    var slots = 0
    for directory in directories {
        guard case .success(let council) = await PlanDirectory.load(planOnly(directory), expander: LibicalRecurrence())
        else {
            fatalError()
        }
        let councilYear = CouncilYear(
            council: council, year: year, today: today,
            scheduler: Scheduler(calendar: council.calendar, expander: LibicalRecurrence()))
        for rotation in council.rotations {
            let found = councilYear.slots[rotation.id] ?? []
            let plan = try RotationPlanner(council: council, rotation: rotation, year: year).plan(
                slots: found, previous: [], today: CalendarDate(year: 2026, month: 3, day: 31), solver: GLPKSolver()
            ).get()
            slots += plan.assignments.count
        }
    }
    detail = "\(slots) slots assigned"
case "review":
    var invitations = 0
    for directory in directories {
        guard
            case .success(let years) = await PlanDirectory.loadYears(
                directory, expander: LibicalRecurrence(), today: today)
        else { fatalError("\(directory) does not load") }
        for start in 2017...2026 {
            let fiscal = FiscalYear(start)
            let review = ParticipationReview(years.year(fiscal), asOf: fiscal.lastDay)
            invitations += review.overall.invited
            _ = review.byBusiness
            _ = review.followUps(months: 3)
        }
    }
    detail = "\(invitations) invitations over 10 years (load included)"
case "parse-attendance":
    var rows = 0
    for directory in directories {
        for start in 2017...2026 {
            guard let data = FileManager.default.contents(atPath: "\(directory)/attendance-\(start).csv") else {
                continue
            }
            rows += CSVRows.parse(data).count - 1
        }
    }
    detail = "\(rows) rows"
case "read-attendance":
    var bytes = 0
    for directory in directories {
        for start in 2017...2026 {
            bytes += FileManager.default.contents(atPath: "\(directory)/attendance-\(start).csv")?.count ?? 0
        }
    }
    detail = "\(bytes / 1_000_000) MB"
default:
    print("unknown phase \(phase)")
    exit(2)
}
let elapsed = ContinuousClock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "%@ %.3f %.1f %@", phase, seconds, peakResidentMegabytes(), detail))
