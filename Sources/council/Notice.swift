import ArgumentParser
import CouncilCore
import CouncilRendering

/// `council notice plans/aoba renrakukai 2026-12-08`: the 開催案内 of one meeting, or of the next month's.
struct Notice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "会議の開催案内を出力します / Print the 開催案内 of a meeting (text for an e-mail body, html to print).",
        discussion:
            "With --all-upcoming, the notices of every meeting from tomorrow to a month from today, each on its own printed page."
    )

    @Argument(help: "A council folder, e.g. plans/aoba.")
    var path: String

    @Argument(help: "The series (id or title). Not with --all-upcoming.")
    var series: String?

    @Argument(help: "The meeting's day (YYYY-MM-DD), or the day its rule gave before it moved.")
    var date: String?

    @Flag(help: "Every meeting from tomorrow to the same day next month.")
    var allUpcoming = false

    @Option(help: "text or html.")
    var format: MeetingNotice.Format = .text

    @Option(help: "Work as on this day (YYYY-MM-DD): the notice's date. Default: COUNCIL_TODAY, else today.")
    var today: String?

    func validate() throws {
        let one = series != nil && date != nil
        let none = series == nil && date == nil
        guard allUpcoming ? none : one else {
            throw ValidationError(
                "会議体と日付、または --all-upcoming のどちらかを指定してください / give a series and a date, or --all-upcoming")
        }
    }

    func run() async throws {
        let today = try resolveToday(today)
        let years = councilYears(try await loadCouncil(path, includeRecords: false, today: today), today: today)
        let council = years.council
        let chosen: [Meeting]
        if let series, let date {
            // A wrong argument (status 2), said plainly, without the usage text.
            guard let found = council.series.first(where: { $0.id.rawValue == series || $0.title == series }) else {
                printError(
                    "\(path): 会議体「\(series)」はありません / no series \"\(series)\" (series: \(council.series.map(\.id.rawValue).joined(separator: ", ")))"
                )
                throw ExitCode(2)
            }
            let day = try resolveToday(date, flagName: "date")
            guard let meeting = years.meeting(of: found.id, on: day) else {
                let days = years.year(FiscalYear(containing: day)).meetings.filter { $0.series == found.id }.map(
                    \.date.description)
                printError(
                    "\(path): \(day)に「\(found.title)」の会議はありません / no meeting of \(found.id) on \(day) (its days: \(days.joined(separator: ", ")))"
                )
                throw ExitCode(2)
            }
            chosen = [meeting]
        } else {
            // Cancellations too: a 中止のお知らせ goes out like an invitation.
            chosen = years.meetings(after: today, through: today.adding(months: 1), includingCancelled: true)
        }
        let notices = chosen.map { MeetingNotice(council: council, meeting: $0, issued: today) }
        let title = "\(council.name) 開催案内(\(today.japaneseDescription)発行)"
        if notices.isEmpty {
            printError(
                "\(today.adding(days: 1))から\(today.adding(months: 1))までに会議はありません / no meeting from tomorrow to a month from today"
            )
            if format == .html { print(MeetingNotice.page([], title: title), terminator: "") }
            return
        }
        switch format {
        case .text:
            print(
                notices.map { $0.render(.text) }.joined(separator: "\n" + String(repeating: "─", count: 40) + "\n\n"),
                terminator: "")
        case .html:
            print(
                notices.count == 1 && !allUpcoming
                    ? notices[0].render(.html) : MeetingNotice.page(notices, title: title), terminator: "")
        }
    }
}

extension MeetingNotice.Format: ExpressibleByArgument {}
