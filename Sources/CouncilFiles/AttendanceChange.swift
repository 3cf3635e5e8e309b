import CouncilCore
import Foundation

/// One change to a council's attendance record — a meeting recorded, a sheet imported, a record corrected or
/// removed, a check-in on the secretariat's console — made in one way: the folder locked from reading the record to
/// writing it, every year's record checked first and then written in one atomic write, or nothing written at all.
/// `council attend` and `council serve` both change the record through `apply`, so neither loses the other's lines.
public enum AttendanceChange {
    /// What a change did (or, on a dry run, would do).
    public struct Outcome: Sendable {
        /// `+ 2026-04-14 renrakukai hirose 出席`, `~ … → 欠席`, `- …`: each line changed.
        public var lines: [String] = []
        public var added = 0, unchanged = 0, replaced = 0, removed = 0
        /// The files written (empty on a dry run or when nothing changed).
        public var written: [String] = []

        public var changed: Int { added + replaced + removed }

        /// `form.csv: 追加 2 件、訂正 0 件、削除 0 件、記録済み 1 件 / 2 added, …`.
        public func summary(source: String, dryRun: Bool) -> String {
            "\(source): 追加 \(added) 件、訂正 \(replaced) 件、削除 \(removed) 件、記録済み \(unchanged) 件 / \(added) added, \(replaced) corrected, \(removed) removed, \(unchanged) already recorded\(dryRun ? " (dry run: nothing written)" : "")"
        }
    }

    /// Why nothing was written.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The plan or the record does not load, or the change's input has problems.
        case problems(PlanProblems)
        /// The change disagrees with what is recorded (`council attend correct` replaces it), or within itself.
        case conflicts([String])
        /// The change was refused for a reason of its own (nothing recorded to remove, a stale form).
        case refused(String)
        /// Locking the folder or writing failed.
        case file(FileWriteError)

        public var description: String {
            switch self {
            case .problems(let problems): return problems.problems.map(\.description).joined(separator: "\n")
            case .conflicts(let lines): return lines.joined(separator: "\n")
            case .refused(let reason): return reason
            case .file(let error): return error.description
            }
        }
    }

    /// Reads the council's years on `today` under the folder's lock, lets `read` give the entries, works out each
    /// year's change with `change`, and writes every changed year's record at once — unless `dryRun`, or any problem
    /// or conflict was found, when nothing is written. `source` names the input in the conflicts (`form.csv`).
    public static func apply(
        _ directory: String, today: CalendarDate, expander: (any RecurrenceExpanding)?, source: String,
        dryRun: Bool = false,
        read: (CouncilYears) throws -> AttendanceSheet.Reading,
        change: (AttendanceBook, [AttendanceEntry]) throws -> AttendanceBook.MergePlan
    ) async throws -> Outcome {
        let lock: FolderLock
        do { lock = try await FolderLock.acquire(directory) } catch { throw Failure.file(error) }
        defer { withExtendedLifetime(lock) {} }
        let years: CouncilYears
        switch await PlanDirectory.loadYears(directory, expander: expander, today: today) {
        case .success(let loaded): years = loaded
        case .failure(let problems): throw Failure.problems(problems)
        }
        let reading = try read(years)
        var outcome = Outcome()
        var files: [(path: String, bytes: [UInt8])] = []
        var conflicts: [String] = []
        for (year, group) in Dictionary(grouping: reading.entries, by: { FiscalYear(containing: $0.originalDate) })
            .sorted(by: { $0.key < $1.key })
        {
            var book = years.council.attendance[year] ?? AttendanceBook()
            let plan = try change(book, group)
            conflicts += plan.conflicts.map { describe($0, source: source) }
            outcome.lines +=
                plan.added.map { "+ \(describe($0))" }
                + plan.replaced.map { "~ \(describe($0.old)) → \($0.new.status.rawValue)" }
                + plan.removed.map { "- \(describe($0))" }
            book.add(plan.added + plan.replaced.map(\.new))
            _ = book.remove(plan.removed.map(\.key))
            outcome.added += plan.added.count
            outcome.unchanged += plan.unchanged.count
            outcome.replaced += plan.replaced.count
            outcome.removed += plan.removed.count
            files.append(
                (
                    "\(directory)/\(AttendanceFile.fileName(year))",
                    AttendanceFile.bytes(book, occurrences: years.occurrences(year))
                ))
        }
        guard conflicts.isEmpty else { throw Failure.conflicts(conflicts) }
        guard !dryRun, outcome.changed > 0 else { return outcome }
        do { outcome.written = try AtomicFileSet.write(files).written } catch { throw Failure.file(error) }
        return outcome
    }

    /// `2026-04-14 renrakukai hirose: 記録済み「出席」、今回「欠席」 / conflicts …`.
    static func describe(_ conflict: AttendanceBook.Conflict, source: String) -> String {
        let place =
            conflict.withinImport ? "\(source)の中で「\(answer(conflict.existing))」" : "記録済み「\(answer(conflict.existing))」"
        return
            "\(conflict.incoming.originalDate) \(conflict.incoming.series) \(conflict.incoming.business): \(place)、今回「\(answer(conflict.incoming))」 / conflicts with what is recorded (council attend correct replaces it)"
    }

    /// `欠席連絡あり・業務都合`: the answer, head count and note.
    static func answer(_ entry: AttendanceEntry) -> String {
        ([entry.status.rawValue, entry.headCount.map { "\($0)名" }, entry.note, entry.walkIn ? "飛び入り" : nil] as [String?])
            .compactMap { $0 }.joined(separator: "・")
    }

    /// `2026-04-14 renrakukai hirose 出席` for the dry run's list.
    static func describe(_ entry: AttendanceEntry) -> String {
        "\(entry.originalDate) \(entry.series) \(entry.business) \(entry.status.rawValue)\(entry.walkIn ? "(飛び入り)" : "")"
    }
}
