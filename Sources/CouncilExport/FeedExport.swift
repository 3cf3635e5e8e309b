import CouncilCore
import CouncilFiles
import Foundation
import ICalendar

/// The main job: every council's feeds, reconciled with the previous export and written all or nothing.
public struct FeedExport: Sendable {
    public var outputDirectory: String
    public var reconciler: FeedReconciler

    public init(outputDirectory: String, now: DateTimeValue) {
        self.outputDirectory = outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
        self.reconciler = FeedReconciler(now: now)
    }

    public struct Report: Sendable {
        public var outcome: AtomicFileSet.Outcome
        public var events: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case plans(PlanProblems)
        case schedule(council: String, ScheduleErrors)
        case previousExport(ICalendarDecodingError)
        case encoding(path: String, ICalendarError)
        case write(FileWriteError)

        public var description: String {
            switch self {
            case .plans(let problems): return problems.description
            case .schedule(let council, let errors): return errors.errors.map { "\(council)/council.yaml: \($0)" }.joined(separator: "\n")
            case .previousExport(let error): return "\(error)\n前回の出力を読めません。直すか削除してください / the previous export cannot be read; fix or delete it"
            case .encoding(let path, let error): return "\(path): \(error)"
            case .write(let error): return error.description
            }
        }
    }

    /// Exports the councils in the folders given; nothing is written unless every council succeeds. The
    /// output folder is locked meanwhile, so two exports (the command and the server) take turns.
    public func run(councilDirectories: [String]) -> Result<Report, Failure> {
        let lock: FolderLock
        do {
            lock = try FolderLock(outputDirectory)
        } catch {
            return .failure(.write(error))
        }
        defer { withExtendedLifetime(lock) {} }
        switch generate(councilDirectories: councilDirectories) {
        case .failure(let failure):
            return .failure(failure)
        case .success(let (files, events)):
            do {
                return .success(Report(outcome: try AtomicFileSet.write(files), events: events))
            } catch {
                return .failure(.write(error))
            }
        }
    }

    /// Every feed's path and bytes, reconciled with the files already in the output folder; writes nothing.
    public func generate(councilDirectories: [String]) -> Result<(files: [(path: String, bytes: [UInt8])], events: Int), Failure> {
        var files: [(path: String, bytes: [UInt8])] = []
        var events = 0
        let encoder = ICalendarEncoder()
        for directory in councilDirectories {
            let council: Council
            switch PlanDirectory.load(directory, expander: LibicalRecurrence()) {
            case .success(let loaded): council = loaded
            case .failure(let problems): return .failure(.plans(problems))
            }
            let years = council.plans.isEmpty ? [FiscalYear(containing: reconciler.now.date)] : council.plans.map(\.year)
            var occurrences: [Occurrence] = []
            let scheduler = Scheduler(calendar: council.calendar, expander: LibicalRecurrence())
            for year in years {
                switch scheduler.occurrences(of: council, in: year) {
                case .success(let found): occurrences += found
                case .failure(let errors): return .failure(.schedule(council: directory, errors))
                }
            }
            for feed in CouncilFeeds(council: council, occurrences: occurrences).feeds() {
                let path = "\(outputDirectory)/\(feed.path)"
                var previous: VCalendar?
                if let data = FileManager.default.contents(atPath: path) {
                    do {
                        previous = try ICalendarDecoder().decode(bytes: data, source: path)
                    } catch {
                        return .failure(.previousExport(error))
                    }
                }
                let calendar = reconciler.reconcile(feed.calendar, previous: previous)
                events += calendar.events.count
                do {
                    files.append((path, Array(try encoder.encode(calendar).utf8)))
                } catch {
                    return .failure(.encoding(path: path, error))
                }
            }
        }
        return .success((files, events))
    }
}

extension DateTimeValue {
    /// Now, in UTC, from `SOURCE_DATE_EPOCH` when it is set (for reproducible builds), else the clock.
    public static func exportNow(environment: [String: String] = ProcessInfo.processInfo.environment) -> DateTimeValue {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) ?? Int(Date().timeIntervalSince1970)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        return .dateTime(CalendarDate(daysSinceEpoch: days), ClockTime(hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60), .utc)
    }
}
