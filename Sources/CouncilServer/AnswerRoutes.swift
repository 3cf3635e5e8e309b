import CouncilCore
import CouncilExport
import CouncilFiles
import Crypto
import Foundation
import Hummingbird
import Logging
import NIOPosix

/// Answers on a business's page and check-in on the secretariat's console: the pages that read the clock and the
/// records, and the POSTs that write them.
///
/// A POST is refused, writing nothing, when it is larger than `maximumBody` (413), when its form token is missing or
/// made for another page (403), when it names anything its page does not offer (403), after the deadline (403),
/// when its answer is not one of the choices (400), when its token has written `limit` times in the window (429: only
/// what would be written counts, so refused POSTs cannot lock a business out), or when the record changed since the
/// check-in form was made (409).
struct AnswerService: Sendable {
    let store: FeedStore
    let tokens: FeedTokens
    let limiter: RateLimiter

    static let maximumBody = 4096
    /// How far ahead the console shows answers.
    static let consoleDays = 60
    /// How far ahead a business's page lists what is coming, at least: the rest of the fiscal year is always listed.
    static let businessDays = 60

    init(store: FeedStore, tokens: FeedTokens, limit: Int = 30, window: Duration = .seconds(600)) {
        self.store = store
        self.tokens = tokens
        self.limiter = RateLimiter(limit: limit, window: window)
    }

    // MARK: The business's page

    /// The answer section of a business's page, or nil when the council's records did not load.
    func businessSection(_ served: ServedCouncil, business: Business, urlToken: String, page: String, saved: String?)
        async -> [String: Any]?
    {
        guard served.years != nil else { return nil }
        let now = await store.moment()
        return AnswerPages.businessSection(
            offered(served, business: business.id, now: now), now: now,
            formToken: {
                answerToken(urlToken, kind: AnswerPages.kind($0), id: $0.subject.id, date: "\($0.originalDate)")
            }, page: page, saved: saved)
    }

    /// The year of `fiscal` as a business of the served council sees it: its council's meetings and slots, and its
    /// cities' meetings it is invited to (`<city>:<series>`, 【共催】 or 【仙台市】), with the answers to each.
    private func joinedYear(_ served: ServedCouncil, _ fiscal: FiscalYear) -> CouncilYear? {
        served.years.map { $0.year(fiscal).joining(above: served.above.map { $0.years.year(fiscal) }) }
    }

    /// What a business's page lists, each with its answer: what it is asked to from today through the end of the
    /// fiscal year, or `businessDays` ahead when that is later. Nothing else is answered.
    private func offered(_ served: ServedCouncil, business: BusinessID, now: LocalMoment) -> [(
        item: ReplyItem, reply: Reply?
    )] {
        agenda(
            served, business: business, from: now.date,
            through: max(FiscalYear(containing: now.date).lastDay, now.date.adding(days: Self.businessDays)))
    }

    /// What `business` is asked to from `day` through `end`, each with its answer.
    private func agenda(
        _ served: ServedCouncil, business: BusinessID, from day: CalendarDate, through end: CalendarDate
    ) -> [(item: ReplyItem, reply: Reply?)] {
        var fiscal = FiscalYear(containing: day)
        var found: [(item: ReplyItem, reply: Reply?)] = []
        while fiscal.firstDay <= end, let year = joinedYear(served, fiscal) {
            found += year.replyItems(for: business).filter { $0.date >= day && $0.date <= end }.map {
                ($0, year.replies.latest($0.key(business)))
            }
            fiscal = fiscal.next
        }
        return found
    }

    /// The item a business's form names, if its page offers it now, with the folder its answer is kept in and the
    /// subject it is kept under there: a city's meeting (`<city>:<series>`) is answered into the city's record.
    private func target(_ form: [String: String], _ served: ServedCouncil, business: BusinessID, now: LocalMoment) -> (
        item: ReplyItem, directory: String, council: String, subject: ReplySubject
    )? {
        guard let date = form[AnswerPages.Field.date].flatMap(isoDate), let id = form[AnswerPages.Field.id],
            !id.isEmpty,
            let subject: ReplySubject = form[AnswerPages.Field.kind] == "slot"
                ? .slot(RotationID(id)) : form[AnswerPages.Field.kind] == "meeting" ? .meeting(SeriesID(id)) : nil,
            // Only what the page lists: a date the rule gives in 2099 is no meeting anyone was asked to yet.
            let item = offered(served, business: business, now: now).first(where: {
                $0.item.subject == subject && $0.item.originalDate == date
            })?.item
        else { return nil }
        guard case .meeting(let series) = subject, CouncilYear.isFromAbove(series), let colon = id.firstIndex(of: ":")
        else {
            return (item, served.directory, served.council.id, subject)
        }
        let city = String(id[..<colon])
        guard let above = served.above.first(where: { $0.years.council.id == city }) else { return nil }
        return (item, above.directory, city, .meeting(SeriesID(String(id[id.index(after: colon)...]))))
    }

    /// A business's answer, from its page's form.
    func answer(
        _ request: Request, served: ServedCouncil, business: Business, urlToken: String, page: String, logger: Logger
    ) async throws -> Response {
        guard let form = try await Self.form(request) else {
            return refuse(.badRequest, "フォームを読めません。ページを読み込み直してください。", back: page)
        }
        let named = (
            kind: form[AnswerPages.Field.kind] ?? "", id: form[AnswerPages.Field.id] ?? "",
            date: form[AnswerPages.Field.date] ?? ""
        )
        guard Self.carries(form, answerToken(urlToken, kind: named.kind, id: named.id, date: named.date)) else {
            return refuse(.forbidden, "このフォームは受け付けできません(ページが古いか、別のページのものです)。ページを読み込み直してください。", back: page)
        }
        guard served.years != nil else {
            return refuse(.serviceUnavailable, "記録を読めないため、いまは回答を受け付けていません。事務局へご連絡ください。", back: page)
        }
        let now = await store.moment()
        guard let (item, directory, council, subject) = target(form, served, business: business.id, now: now) else {
            return refuse(.forbidden, "この会議・予定は、このページで回答を受け付けているものではありません。", back: page)
        }
        guard !item.cancelled, item.deadline.isOpen(at: now) else {
            return refuse(.forbidden, "回答の期限を過ぎています。変更は事務局へご連絡ください。", back: page)
        }
        guard let choice = form[AnswerPages.Field.answer].flatMap(ReplyChoice.init(label:)),
            choice != .online || item.onlineURL != nil
        else {
            return refuse(.badRequest, "出席・オンライン・欠席のどれかを選んでください。", back: page)
        }
        // Counted only now: refused POSTs write nothing, and must not use up the business's answers.
        guard await limiter.allow(urlToken) else {
            return refuse(.tooManyRequests, "回答が続けて送られたため、しばらく受け付けません。時間をおいてお試しください。", back: page)
        }
        let reply = Reply(
            subject: subject, originalDate: item.originalDate, business: business.id, choice: choice,
            note: Self.note(form[AnswerPages.Field.note]), at: now, by: .page(revision: business.feedRevision))
        do {
            _ = try await Self.offloaded { try ReplyDesk.append([reply], to: directory) }
        } catch {
            // The page says what failed; where on disk, and why, is for the log.
            logger.error("an answer could not be written", metadata: ["council": "\(council)", "error": "\(error)"])
            return refuse(.internalServerError, "回答を書き込めませんでした。時間をおいてお試しください。", back: page)
        }
        await store.reloadRecords(council)
        let anchor = AnswerPages.anchor(item)
        return Response(
            status: .seeOther, headers: [.location: "\(page)?saved=\(anchor)#\(anchor)", .cacheControl: "no-store"])
    }

    // MARK: The secretariat's console

    /// The console: what is coming, with its answers, and what was held, with its check-in.
    func console(_ served: ServedCouncil, consoleToken: String) async -> Response {
        guard let years = served.years else {
            return refuse(.serviceUnavailable, "記録を読めません。council lint で確かめてください。", back: nil)
        }
        let today = await store.moment().date
        let upcoming = years.replyItems(from: today, through: today.adding(days: Self.consoleDays)).filter {
            !$0.cancelled
        }.map(years.tally)
        let held = heldMeetings(years, through: today).map { item in
            ConsolePages.Held(item: item, recorded: recorded(years, item).count, invited: years.tally(item).lines.count)
        }
        var failure: ConsolePages.PublishFailure?
        if let since = await store.failingSince {
            failure = ConsolePages.PublishFailure(since: since, problems: await store.lastError ?? "")
        }
        return HTML(
            page: ConsolePages.console(
                served.council, token: consoleToken, upcoming: upcoming, held: held, day: today, publishFailure: failure
            ), cacheControl: "private, no-store"
        ).response
    }

    /// This fiscal year's meetings held by `day`, not cancelled, the latest first.
    private func heldMeetings(_ years: CouncilYears, through day: CalendarDate) -> [ReplyItem] {
        years.year(FiscalYear(containing: day)).allReplyItems.filter {
            !$0.subject.isSlot && !$0.cancelled && $0.date <= day
        }.reversed()
    }

    /// A held meeting of the console, by its series and the day its rule gave it.
    private func heldMeeting(_ years: CouncilYears, series: String, date: String) async -> ReplyItem? {
        guard let day = isoDate(date), let item = years.replyItem(.meeting(SeriesID(series)), originalDate: day),
            !item.cancelled
        else { return nil }
        return item.date <= (await store.moment().date) ? item : nil
    }

    /// What the attendance record holds for one meeting, by business.
    private func recorded(_ years: CouncilYears, _ item: ReplyItem) -> [BusinessID: AttendanceEntry] {
        guard let key = item.meetingKey else { return [:] }
        let book = years.council.attendance[FiscalYear(containing: key.originalDate)] ?? AttendanceBook()
        return Dictionary(book.entries(of: key).map { ($0.business, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The record of one meeting as a short digest: a check-in form carries it, so that a form made before someone
    /// else recorded the meeting (the command line, another browser) is refused instead of overwriting their lines.
    static func version(_ book: AttendanceBook, _ key: MeetingKey) -> String {
        let lines = book.entries(of: key).map {
            "\($0.business)|\($0.status.identifier)|\($0.headCount ?? -1)|\($0.note ?? "")|\($0.walkIn)"
        }
        return SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)).prefix(12).map { String(format: "%02x", $0) }
            .joined()
    }

    /// The check-in page of a held meeting.
    func checkInPage(_ served: ServedCouncil, consoleToken: String, series: String, date: String, saved: Bool) async
        -> Response
    {
        guard let years = served.years, let item = await heldMeeting(years, series: series, date: date),
            let key = item.meetingKey
        else { return SubscriptionServer.notFound() }
        let book = years.council.attendance[FiscalYear(containing: item.originalDate)] ?? AttendanceBook()
        let page = ConsolePages.checkIn(
            served.council, tally: years.tally(item), recorded: recorded(years, item), version: Self.version(book, key),
            formToken: checkInToken(consoleToken, key), back: "../../../\(consoleToken)", saved: saved)
        return HTML(page: page, cacheControl: "private, no-store").response
    }

    /// The token of one item's answer form on a page: a form captured (or its token) answers that item only.
    private func answerToken(_ urlToken: String, kind: String, id: String, date: String) -> String {
        tokens.formToken(page: urlToken, purpose: "answer/\(kind)/\(id)/\(date)")
    }

    private func checkInToken(_ consoleToken: String, _ key: MeetingKey) -> String {
        tokens.formToken(page: consoleToken, purpose: "checkin/\(key.series)/\(key.originalDate)")
    }

    /// The check-in form's attendance, recorded through `AttendanceChange.apply` as `council attend correct` records it.
    func checkIn(
        _ request: Request, served: ServedCouncil, consoleToken: String, series: String, date: String, logger: Logger
    ) async throws -> Response {
        let back = date
        guard let years = served.years, let item = await heldMeeting(years, series: series, date: date),
            let key = item.meetingKey
        else { return SubscriptionServer.notFound() }
        guard let form = try await Self.form(request) else {
            return refuse(.badRequest, "フォームを読めません。ページを読み込み直してください。", back: back)
        }
        guard Self.carries(form, checkInToken(consoleToken, key)) else {
            return refuse(.forbidden, "このフォームは受け付けできません(ページが古いか、別のページのものです)。", back: back)
        }
        let invited = Set(years.tally(item).lines.map(\.business.id))
        var entries: [AttendanceEntry] = []
        for (name, value) in form where name.hasPrefix(AnswerPages.Field.statusPrefix) {
            let business = BusinessID(String(name.dropFirst(AnswerPages.Field.statusPrefix.count)))
            guard invited.contains(business) else {
                return refuse(.badRequest, "案内していない事業所が含まれています(飛び入りは council attend --walk-in で記録します)。", back: back)
            }
            if value.isEmpty { continue }
            guard let status = AttendanceStatus(label: value) else {
                return refuse(.badRequest, "出欠「\(value)」は選べません。", back: back)
            }
            entries.append(
                AttendanceEntry(series: key.series, originalDate: key.originalDate, business: business, status: status))
        }
        guard await limiter.allow(consoleToken) else {
            return refuse(.tooManyRequests, "続けて送られたため、しばらく受け付けません。", back: back)
        }
        let version = form[AnswerPages.Field.version] ?? ""
        let chosen = entries
        let (directory, today) = (served.directory, await store.moment().date)
        do {
            // On this task: while another writer (an import) holds the record's lock, it waits without a thread.
            _ = try await AttendanceChange.apply(
                directory, today: today, expander: LibicalRecurrence(), source: "受付(事務局のページ)"
            ) { current in
                guard
                    Self.version(
                        current.council.attendance[FiscalYear(containing: key.originalDate)] ?? AttendanceBook(),
                        key) == version
                else {
                    throw AttendanceChange.Failure.refused("stale")
                }
                return AttendanceSheet.Reading(entries: chosen)
            } change: { book, entries in
                // A changed answer keeps the head count and note recorded with the old one.
                book.correction(
                    entries.map { entry in
                        guard var recorded = book.entry(entry.key) else { return entry }
                        recorded.status = entry.status
                        return recorded
                    })
            }
        } catch AttendanceChange.Failure.refused {
            return refuse(.conflict, "このフォームを開いたあとに、この会議の出欠が別に記録されました。ページを読み込み直して確かめてから、もう一度記録してください。", back: back)
        } catch {
            logger.error(
                "a check-in could not be recorded", metadata: ["council": "\(served.council.id)", "error": "\(error)"])
            return refuse(
                .internalServerError, "出欠を記録できませんでした(記録のファイルに書き込めません)。時間をおいてお試しください。続くときは、サーバーのログに原因が残っています。",
                back: back)
        }
        await store.reloadRecords(served.council.id)
        return Response(status: .seeOther, headers: [.location: "\(date)?saved=1", .cacheControl: "no-store"])
    }

    // MARK: Forms

    /// The fields of an `application/x-www-form-urlencoded` body of at most `maximumBody` bytes (larger throws
    /// Hummingbird's 413); nil when it is not such a form.
    static func form(_ request: Request) async throws -> [String: String]? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBody {
            throw HTTPError(.contentTooLarge)
        }
        guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return nil
        }
        let body = try await request.body.collect(upTo: maximumBody)
        return try? URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
    }

    /// Whether a form carries the form token its page was made with (compared in constant time).
    static func carries(_ form: [String: String], _ expected: String) -> Bool {
        form[AnswerPages.Field.formToken].map { FeedTokens.same($0, expected) } ?? false
    }

    /// A note as kept: one line, without control characters, the whole characters that fit in `AnswerPages.noteLimit`
    /// UTF-16 code units (what the browser let through its `maxlength`); nil when empty.
    static func note(_ text: String?) -> String? {
        let line = String(
            (text ?? "").map { $0.isNewline ? " " : $0 }.filter {
                !($0.unicodeScalars.first?.properties.generalCategory == .control)
            })
        var kept = ""
        var units = 0
        for character in line.trimmingCharacters(in: .whitespaces) {
            units += character.utf16.count
            guard units <= AnswerPages.noteLimit else { break }
            kept.append(character)
        }
        return kept.isEmpty ? nil : kept
    }

    /// Runs blocking file work (the folder's lock, the write) on SwiftNIO's pool for blocking work, as Hummingbird's
    /// own file I/O does, not on the threads that serve requests.
    static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    private func refuse(_ status: HTTPResponse.Status, _ message: String, back: String?) -> Response {
        var response = HTML(page: AnswerPages.refusal(message, back: back), status: status, cacheControl: "no-store")
            .response
        if status == .tooManyRequests { response.headers[.retryAfter] = "600" }
        return response
    }
}
