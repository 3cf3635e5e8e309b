import ArgumentParser
import CouncilCore
import CouncilFiles
import CouncilRendering
import ExportJob
import Foundation
import ICalendar

/// `council answers plans/aoba [renrakukai 2026-12-08]`: the answers businesses gave on their pages.
struct Answers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "事前の回答を表示・記録します / Show the answers businesses gave beforehand, or record one given by phone.",
        subcommands: [List.self, Add.self],
        defaultSubcommand: List.self
    )

    /// A meeting (series id or title) or a slot (rotation id or title) and its day, as the answers name it.
    static func item(_ years: CouncilYears, _ name: String, _ date: String) throws -> ReplyItem {
        let council = years.council
        let day = try resolveToday(date, flagName: "date")
        let subject: ReplySubject
        if let series = council.series.first(where: { $0.id.rawValue == name || $0.title == name }) {
            subject = .meeting(series.id)
        } else if let rotation = council.rotations.first(where: { $0.id.rawValue == name || $0.title == name }) {
            subject = .slot(rotation.id)
        } else {
            throw ValidationError(
                "「\(name)」は会議体にもローテーションにもありません / no series or rotation \"\(name)\" (\((council.series.map(\.id.rawValue) + council.rotations.map(\.id.rawValue)).joined(separator: ", ")))"
            )
        }
        let items = years.replyItems(
            from: FiscalYear(containing: day).firstDay, through: FiscalYear(containing: day).lastDay
        ).filter { $0.subject == subject }
        guard let item = items.first(where: { $0.date == day }) ?? items.first(where: { $0.originalDate == day }) else {
            throw ValidationError(
                "\(day)に「\(name)」はありません / nothing of \(name) on \(day) (its days: \(items.map(\.date.description).joined(separator: ", ")))"
            )
        }
        return item
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Without a meeting: the answers to everything from today to 60 days ahead. With one: its answers, or with --history every change."
        )

        @Argument(help: "A council folder, e.g. plans/aoba.")
        var path: String
        @Argument(help: "The series or rotation (id or title).")
        var series: String?
        @Argument(help: "Its day (YYYY-MM-DD), or the day its rule gave before it moved.")
        var date: String?
        @Flag(help: "Every answer given, oldest first, with who gave it (the record keeps them all).")
        var history = false
        @Flag(help: "Markdown instead of text.")
        var markdown = false
        @Option(help: "Work as on this day (YYYY-MM-DD). Default: COUNCIL_TODAY, else today.")
        var today: String?

        func validate() throws {
            guard (series == nil) == (date == nil) else {
                throw ValidationError("会議体と日付を両方指定してください / give both a series and a date, or neither")
            }
        }

        func run() async throws {
            let day = try resolveToday(today)
            let years = try await loadYears(path, today: day)
            let items =
                try series.map { [try Answers.item(years, $0, date ?? "")] }
                ?? years.replyItems(from: day, through: day.adding(days: 60)).filter { !$0.cancelled }
            let all =
                history ? years.council.replies.keys.sorted().flatMap { years.council.replies[$0]?.history ?? [] } : nil
            let listing = ReplyListing(tallies: items.map(years.tally), history: all)
            print(
                listing.render(names: { years.council.business($0)?.name ?? $0.rawValue }, markdown: markdown),
                terminator: "")
        }
    }

    /// `council answers add plans/aoba renrakukai 2026-12-08 hirose 欠席 --note 電話で連絡あり`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an answer a business gave by phone or e-mail (kept as given on the command line).")

        @Argument(help: "A council folder, e.g. plans/aoba.")
        var path: String
        @Argument(help: "The series or rotation (id or title).")
        var series: String
        @Argument(help: "Its day (YYYY-MM-DD).")
        var date: String
        @Argument(help: "The business (id or name).")
        var business: String
        @Argument(help: "出席, オンライン or 欠席 (present, online, absent).")
        var answer: String
        @Option(help: "A note kept with the answer.")
        var note: String?
        @Option(help: "Work as on this day (YYYY-MM-DD). Default: COUNCIL_TODAY, else today.")
        var today: String?

        func run() async throws {
            let day = try resolveToday(today)
            let years = try await loadYears(path, today: day)
            let item = try Answers.item(years, series, date)
            guard let choice = ReplyChoice(label: answer) else {
                throw ValidationError("「\(answer)」: expected 出席, オンライン or 欠席 (present, online, absent)")
            }
            guard
                let found = years.council.businesses.first(where: { $0.id.rawValue == business || $0.name == business }
                ), item.invited.contains(found.id)
            else {
                throw ValidationError(
                    "「\(business)」は\(item.title)(\(item.date))に案内されていません / \(business) is not asked to it")
            }
            // The clock as the server reads it (SOURCE_DATE_EPOCH when set), on the command's day.
            let at = DateTimeValue.exportNow().japanTime(on: day)
            let reply = Reply(
                subject: item.subject, originalDate: item.originalDate, business: found.id, choice: choice, note: note,
                at: at, by: .commandLine)
            do {
                for file in try ReplyDesk.append([reply], to: path) { print("書き込みました / wrote \(file)") }
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            print("\(found.name): \(item.title) \(item.date.japaneseDescription) \(choice.rawValue)")
        }
    }
}
