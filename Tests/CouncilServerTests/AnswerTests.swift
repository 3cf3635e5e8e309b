import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilServer
import CouncilTestSupport
import Crypto
import ExportJob
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICalendar
import Logging
import Synchronization
import Testing

/// A council where `renrakukai` (every even month's 2nd Tuesday, 14:00, online too) invites everyone and `kenshu`
/// (answers close 3 days before) invites only minami.
private let council = """
    id: demo
    name: 見本区障害者自立支援協議会
    short_name: 見本区
    uid_domain: demo.example.jp
    series:
      - id: renrakukai
        title: 相談支援事業所等連絡会
        kind: 連絡会
        schedule: 偶数月の第2火曜日
        time: 14:00-16:00
        online: https://meet.example.jp/renrakukai
        invite:
          kinds: [指定特定, 委託]
      - id: kenshu
        title: 研修会
        kind: 研修会
        schedule: 7月の第3金曜日
        time: 13:30-15:30
        answer_by: 3日前
        invite:
          businesses: [minami]

    """

/// The test's clock: the day, and the time of day in UTC.
private final class TestClock: Sendable {
    let state = Mutex((CalendarDate(year: 2026, month: 6, day: 1), ClockTime(hour: 1, minute: 0)))

    var now: (CalendarDate, ClockTime) { state.withLock { $0 } }

    func set(_ day: CalendarDate, _ time: ClockTime) { state.withLock { $0 = (day, time) } }
}

/// A server over a plans folder whose clock the test moves.
private struct Served: Sendable {
    let folder: String
    let store: FeedStore
    let tokens: FeedTokens
    let clock: TestClock

    /// `files` are more files of the council's folder; `logger` is the store's.
    init(
        businesses: Int = 0, council yaml: String = council, pageLinks: Bool = false, files: [String: String] = [:],
        logger: Logger = Logger.quiet
    ) async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = yaml
        fixture.files["businesses.csv"] =
            PlanFixture.roster + (0..<businesses).map { "b\($0),事業所\($0),指定特定,2020-04-01,1,\n" }.joined()
        fixture.files.merge(files) { $1 }
        folder = try fixture.write()
        let plans = (folder as NSString).deletingLastPathComponent
        let clock = TestClock()
        self.clock = clock
        let tokens = try FeedTokens(key: SubscriptionServerTests.key)
        self.tokens = tokens
        store = FeedStore(
            plans: plans, calendars: plans + "-calendars", logger: logger,
            now: { .dateTime(clock.now.0, clock.now.1, .utc) }, today: { clock.now.0 },
            pages: pageLinks ? PageLinks(tokens: tokens, base: "https://calendar.example.jp") : nil)
        #expect(await store.refreshIfChanged())
    }

    var app: some ApplicationProtocol { app(logger: Logger.quiet) }

    func app(logger: Logger) -> some ApplicationProtocol {
        SubscriptionServer.buildApplication(
            store: store, tokens: tokens, publicURL: "https://calendar.example.jp", logger: logger)
    }

    func feedToken(_ business: String) -> String {
        tokens.token(.feed, council: "demo", business: Business(id: BusinessID(business), name: "", kind: .designated))
    }

    /// The token of a business's page, where it answers.
    func token(_ business: String) -> String {
        tokens.token(.page, council: "demo", business: Business(id: BusinessID(business), name: "", kind: .designated))
    }

    var console: String {
        get async {
            guard case .success(let loaded) = await PlanDirectory.load(folder, includeRecords: false) else { return "" }
            return "/demo/secretariat/\(tokens.secretariatToken(loaded))"
        }
    }

    /// Every file of the council's folder and its bytes: what a refused request must leave as it was.
    func files() throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != FolderLock.fileName {
            result[name] = FileManager.default.contents(atPath: "\(folder)/\(name)")
        }
        return result
    }
}

/// The first value of a hidden input on a page.
private func hidden(_ name: String, in page: String) -> String? {
    guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
    return String(page[range.upperBound...].prefix { $0 != "\"" })
}

/// The form token of one item's form (`a-m-renrakukai-2026-06-09`) on a business's page.
private func formToken(for anchor: String, in page: String) -> String? {
    page.range(of: "id=\"\(anchor)\"").flatMap { hidden("form_token", in: String(page[$0.upperBound...])) }
}

private func form(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return ByteBuffer(
        string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(
            separator: "&"))
}

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

private func answer(
    _ formToken: String, _ choice: String, series: String = "renrakukai", date: String = "2026-06-09", note: String = ""
) -> ByteBuffer {
    form([
        ("form_token", formToken), ("kind", "meeting"), ("id", series), ("date", date), ("answer", choice),
        ("note", note),
    ])
}

@Suite("Answers on a business's page, and check-in on the secretariat's console")
struct AnswerTests {
    @Test(
        "a business answers and sees its answer; a change is kept beside the first; the console counts it; after the meeting the check-in is recorded and the review counts it"
    )
    func yearOfAnswers() async throws {
        let served = try await Served()
        let kita = served.token("kita")
        try await served.app.test(.router) { client in
            let page = try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { String(buffer: $0.body) }
            #expect(
                page.contains("令和8年6月9日(火) 14:00–16:00 相談支援事業所等連絡会") && page.contains("現在の回答: <strong>未回答</strong>"))
            #expect(page.contains("value=\"online\""), "the meeting is online too")
            #expect(!page.contains("研修会"), "kita is not invited to the training")
            let token = try #require(hidden("form_token", in: page))
            try await client.execute(
                uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders,
                body: answer(token, "present", note: "2名で伺います")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(
                    response.headers[.location] == "\(kita)?saved=a-m-renrakukai-2026-06-09#a-m-renrakukai-2026-06-09")
            }
            let reloaded = try await client.execute(
                uri: "/demo/feeds/\(kita)?saved=a-m-renrakukai-2026-06-09", method: .get
            ) { String(buffer: $0.body) }
            #expect(
                reloaded.contains("回答を受け付けました") && reloaded.contains("現在の回答: <strong>出席</strong>(6月1日 10:00回答)・2名で伺います")
            )
            let console = try await client.execute(uri: served.console, method: .get) { String(buffer: $0.body) }
            #expect(console.contains("会場 1 / オンライン 0 / 欠席 0 / 未回答 1") && console.contains("未回答(個別の声掛け): みなみ相談支援センター"))
            #expect(
                !page.contains(await served.console.split(separator: "/").last!),
                "no business page holds the console's token"
            )
            // It changes its mind: both answers are kept, the latest is the answer.
            try await client.execute(
                uri: "/demo/feeds/\(kita).html", method: .post, headers: formHeaders, body: answer(token, "online")
            ) { #expect($0.status == .seeOther) }
        }
        let record = String(
            decoding: try #require(FileManager.default.contents(atPath: "\(served.folder)/answers-2026.csv")),
            as: UTF8.self)
        #expect(record.split(whereSeparator: \.isNewline).count == 3, "the header and both answers")
        #expect(
            record.contains("2026-06-01T10:00:00+09:00,2026-06-09,renrakukai,,kita,出席,2名で伺います,page-r0")
                && record.contains(",kita,オンライン,,page-r0"))

        // The day after the meeting: the secretariat checks in from the answers.
        served.clock.set(CalendarDate(year: 2026, month: 6, day: 10), ClockTime(hour: 0, minute: 0))
        #expect(await served.store.refreshIfChanged())
        try await served.app.test(.router) { client in
            let uri = "\(await served.console)/checkin/renrakukai/2026-06-09"
            let page = try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) }
            #expect(page.contains("<option value=\"online\" selected>"), "kita's answer pre-fills its check-in")
            let fields = [
                ("form_token", try #require(hidden("form_token", in: page))),
                ("version", try #require(hidden("version", in: page))), ("s-kita", "absent"), ("s-minami", "present"),
            ]
            try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(fields)) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "2026-06-09?saved=1")
            }
            // The same form again is stale: the record changed since it was made.
            try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(fields)) {
                #expect($0.status == .conflict)
            }
        }
        guard
            case .success(let years) = await PlanDirectory.loadYears(
                served.folder, expander: LibicalRecurrence(), today: CalendarDate(year: 2026, month: 6, day: 10))
        else {
            Issue.record("the folder does not load")
            return
        }
        let review = ParticipationReview(
            years.year(FiscalYear(2026)), asOf: CalendarDate(year: 2026, month: 6, day: 10))
        #expect(
            review.overall.attended == 1 && review.overall.invited == 2, "the check-in is the record the review counts")
        let replies = try #require(review.priorReplies)
        #expect(replies.answered == 1 && replies.invited == 2)
        #expect(replies.noShows.map(\.invitation.business.id) == ["kita"], "kita answered オンライン and was absent")
    }

    @Test(
        "a POST without the form token, with another business's, for a meeting it is not invited to, after the deadline, with no answer, or oversized is refused and changes no file"
    )
    func refusals() async throws {
        let served = try await Served()
        let (kita, minami) = (served.token("kita"), served.token("minami"))
        try await served.app.test(.router) { client in
            let kitaForm = try #require(
                hidden(
                    "form_token",
                    in: try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { String(buffer: $0.body) }))
            let minamiPage = try await client.execute(uri: "/demo/feeds/\(minami)", method: .get) {
                String(buffer: $0.body)
            }
            let minamiForm = try #require(hidden("form_token", in: minamiPage))
            #expect(minamiPage.contains("令和8年7月14日(火)まで回答・変更できます"), "the training's answers close 3 days before")
            let before = try served.files()
            let cases: [(String, String, ByteBuffer, HTTPFields, HTTPResponse.Status)] = [
                (
                    "no form token", kita,
                    form([("kind", "meeting"), ("id", "renrakukai"), ("date", "2026-06-09"), ("answer", "present")]),
                    formHeaders, .forbidden
                ),
                ("another business's form token", kita, answer(minamiForm, "present"), formHeaders, .forbidden),
                (
                    "a meeting it is not invited to", kita,
                    answer(kitaForm, "present", series: "kenshu", date: "2026-07-17"), formHeaders, .forbidden
                ),
                ("no meeting that day", kita, answer(kitaForm, "present", date: "2026-06-10"), formHeaders, .forbidden),
                ("an answer that is not a choice", kita, answer(kitaForm, "maybe"), formHeaders, .badRequest),
                ("not a form", kita, ByteBuffer(string: "{}"), [.contentType: "application/json"], .badRequest),
                (
                    "oversized", kita, answer(kitaForm, "present", note: String(repeating: "あ", count: 3000)),
                    formHeaders, .contentTooLarge
                ),
            ]
            for (what, token, body, headers, status) in cases {
                try await client.execute(uri: "/demo/feeds/\(token)", method: .post, headers: headers, body: body) {
                    response in
                    #expect(response.status == status, "\(what)")
                }
            }
            // A wrong URL token is a 404, as for GET.
            try await client.execute(
                uri: "/demo/feeds/0123456789abcdef0123456789abcdef", method: .post, headers: formHeaders,
                body: answer(kitaForm, "present")
            ) { #expect($0.status == .notFound) }
            #expect(try served.files() == before, "nothing refused was written")
        }
        // After the deadline (3日前 is 7月14日), the training's answer is read-only and refused.
        served.clock.set(CalendarDate(year: 2026, month: 7, day: 15), ClockTime(hour: 1, minute: 0))
        #expect(await served.store.refreshIfChanged())
        try await served.app.test(.router) { client in
            let page = try await client.execute(uri: "/demo/feeds/\(minami)", method: .get) { String(buffer: $0.body) }
            let minamiForm = try #require(hidden("form_token", in: page))
            #expect(page.contains("回答の期限を過ぎました") && !page.contains("name=\"date\" value=\"2026-07-17\""))
            let before = try served.files()
            try await client.execute(
                uri: "/demo/feeds/\(minami)", method: .post, headers: formHeaders,
                body: answer(minamiForm, "present", series: "kenshu", date: "2026-07-17")
            ) { #expect($0.status == .forbidden) }
            #expect(try served.files() == before)
        }
    }

    @Test(
        "only what the page offers is answered: a date the rule gives in 2099 or 9999, or in a year the page does not list yet, is refused and creates no file"
    )
    func onlyWhatThePageOffers() async throws {
        let served = try await Served()
        let kita = served.token("kita")
        try await served.app.test(.router) { client in
            let page = try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { String(buffer: $0.body) }
            let before = try served.files()
            // Each is the rule's 2nd Tuesday of June; the page (as on 2026-06-01) lists through 2027-03-31. Each form
            // token is made with the key, as only the server could: the date alone is refused.
            for date in ["2099-06-09", "9999-06-08", "2027-06-08"] {
                #expect(!page.contains(date))
                let token = served.tokens.formToken(page: kita, purpose: "answer/meeting/renrakukai/\(date)")
                try await client.execute(
                    uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders,
                    body: answer(token, "present", date: date)
                ) { #expect($0.status == .forbidden, "\(date)") }
            }
            #expect(try served.files() == before, "no answers-2099.csv, no answers-9999.csv")
            let token = try #require(hidden("form_token", in: page))
            try await client.execute(
                uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders, body: answer(token, "present")
            ) { #expect($0.status == .seeOther, "what the page lists is answered") }
        }
    }

    @Test("refused POSTs do not use up a business's answers: after 40 refusals in a row its answer is taken")
    func refusalsDoNotCount() async throws {
        let served = try await Served()
        let kita = served.token("kita")
        try await served.app.test(.router) { client in
            let token = try #require(
                hidden(
                    "form_token",
                    in: try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { String(buffer: $0.body) }))
            for index in 0..<40 {
                let refused = index % 2 == 0 ? answer("forged", "present") : answer(token, "maybe")
                try await client.execute(uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders, body: refused)
                { #expect($0.status == .forbidden || $0.status == .badRequest, "\(index)") }
            }
            try await client.execute(
                uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders, body: answer(token, "present")
            ) { #expect($0.status == .seeOther, "not locked out") }
        }
    }

    @Test(
        "the console: its own token, revoked by raising secretariat_revision; check-in only for a meeting held; answers are rate-limited per token"
    )
    func consoleAndLimits() async throws {
        let served = try await Served()
        let old = await served.console
        try await served.app.test(.router) { client in
            try await client.execute(uri: old, method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/demo/secretariat/0123456789abcdef0123456789abcdef", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "\(old)/checkin/renrakukai/2026-06-09", method: .get) {
                #expect($0.status == .notFound, "not held yet")
            }
            try await client.execute(uri: "\(old)/checkin/renrakukai/2026-04-14", method: .get) {
                #expect($0.status == .ok)
            }
            // 30 answers in ten minutes are taken; the 31st is refused and not written.
            let kita = served.token("kita")
            let token = try #require(
                hidden(
                    "form_token",
                    in: try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { String(buffer: $0.body) }))
            for index in 0..<30 {
                try await client.execute(
                    uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders,
                    body: answer(token, index % 2 == 0 ? "present" : "absent")
                ) { #expect($0.status == .seeOther) }
            }
            let before = try served.files()
            try await client.execute(
                uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders, body: answer(token, "present")
            ) { response in
                #expect(response.status == .tooManyRequests && response.headers[.retryAfter] == "600")
            }
            #expect(try served.files() == before)
        }
        let text = try String(contentsOfFile: "\(served.folder)/council.yaml", encoding: .utf8)
        try (text + "secretariat_revision: 1\n").write(
            toFile: "\(served.folder)/council.yaml", atomically: true, encoding: .utf8)
        #expect(await served.store.refreshIfChanged())
        try await served.app.test(.router) { client in
            try await client.execute(uri: old, method: .get) {
                #expect($0.status == .notFound, "the old console URL is revoked")
            }
            try await client.execute(uri: served.console, method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test(
        "20 businesses answering at once while the command line imports attendance and records an answer lose nothing")
    func concurrentWriters() async throws {
        let served = try await Served(businesses: 20)
        let businesses = (0..<20).map { "b\($0)" }
        let sheet = "事業所名,出欠\nきた相談室,出席\nみなみ相談支援センター,欠席\n"
        let sheetPath = served.folder + "-form.csv"
        try sheet.write(toFile: sheetPath, atomically: true, encoding: .utf8)
        try await served.app.test(.ahc(.http)) { client in
            var tokens: [String: String] = [:]
            for business in businesses {
                tokens[business] = hidden(
                    "form_token",
                    in: try await client.execute(uri: "/demo/feeds/\(served.token(business))", method: .get) {
                        String(buffer: $0.body)
                    })
            }
            let chosen = tokens
            try await withThrowingTaskGroup(of: Void.self) { group in
                for business in businesses {
                    group.addTask {
                        try await client.execute(
                            uri: "/demo/feeds/\(served.token(business))", method: .post, headers: formHeaders,
                            body: answer(chosen[business] ?? "", "present", note: business)
                        ) { response in
                            // AsyncHTTPClient follows the 303 to the page.
                            #expect(
                                response.status == .ok && String(buffer: response.body).contains("回答を受け付けました"),
                                "\(business)")
                        }
                    }
                }
                group.addTask {
                    // `council attend import … --series renrakukai --date 2026-04-14`, as the command runs it.
                    let outcome = try await AttendanceChange.apply(
                        served.folder, today: CalendarDate(year: 2026, month: 6, day: 1), expander: LibicalRecurrence(),
                        source: sheetPath
                    ) { years in
                        guard
                            case .success(let reading) = AttendanceSheet.read(
                                Array(sheet.utf8), file: sheetPath, years: years,
                                options: AttendanceSheet.Options(
                                    series: "renrakukai", date: CalendarDate(year: 2026, month: 4, day: 14)))
                        else { throw AttendanceChange.Failure.refused("sheet") }
                        return reading
                    } change: { book, entries in
                        book.merge(entries)
                    }
                    #expect(outcome.added == 2)
                    // `council answers add`: an answer given by phone.
                    _ = try ReplyDesk.append(
                        [
                            Reply(
                                subject: .meeting("renrakukai"),
                                originalDate: CalendarDate(year: 2026, month: 6, day: 9), business: "minami",
                                choice: .absent, note: "電話",
                                at: LocalMoment(
                                    CalendarDate(year: 2026, month: 6, day: 1), ClockTime(hour: 9, minute: 0)),
                                by: .commandLine)
                        ], to: served.folder)
                }
                try await group.waitForAll()
            }
        }
        guard case .success(let book) = ReplyDesk.book(served.folder, year: FiscalYear(2026)) else {
            Issue.record("the record of answers does not read")
            return
        }
        #expect(book.history.count == 21, "every answer is kept")
        #expect(Set(book.history.map(\.business.rawValue)) == Set(businesses + ["minami"]))
        #expect(
            book.history.filter { $0.business.rawValue.hasPrefix("b") }.allSatisfy {
                $0.note == $0.business.rawValue && $0.by == .page(revision: 0)
            })
        let attendance = String(
            decoding: try #require(FileManager.default.contents(atPath: "\(served.folder)/attendance-2026.csv")),
            as: UTF8.self)
        #expect(
            attendance.contains("2026-04-14,renrakukai,kita,出席")
                && attendance.contains("2026-04-14,renrakukai,minami,欠席"))
    }
}

@Suite("Answers to a city's meetings, from a ward business's page")
struct JointAnswerTests {
    @Test(
        "a 青葉区 business answers the joint meeting on its own page; the answer is the city's record, counted on the city's console and in the ward's review after check-in there"
    )
    func jointMeeting() async throws {
        let folders = try BundledPlans.copy(["aoba", "miyagino", "wakabayashi", "taihaku", "izumi", "sendai"])
        let plans = (folders[0] as NSString).deletingLastPathComponent
        let logger = Logger.quiet
        let clock = TestClock()
        clock.set(CalendarDate(year: 2026, month: 12, day: 1), ClockTime(hour: 1, minute: 0))
        let store = FeedStore(
            plans: plans, calendars: plans + "-calendars", logger: logger,
            now: { .dateTime(clock.now.0, clock.now.1, .utc) }, today: { clock.now.0 })
        #expect(await store.refreshIfChanged())
        let tokens = try FeedTokens(key: SubscriptionServerTests.key)
        let app = SubscriptionServer.buildApplication(
            store: store, tokens: tokens, publicURL: "https://calendar.example.jp", logger: .quiet)
        let hirose = tokens.token(.page, council: "aoba", business: Business(id: "hirose", name: "", kind: .designated))
        let anchor = "a-m-sendai-goudou-jirei-2027-01-29"
        guard case .success(let city) = await PlanDirectory.load("\(plans)/sendai", includeRecords: false) else {
            Issue.record("sendai does not load")
            return
        }
        let console = "/sendai/secretariat/\(tokens.secretariatToken(city))"
        let before = FileManager.default.contents(atPath: "\(plans)/aoba/answers-2026.csv")
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/aoba/feeds/\(hirose)", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("id=\"\(anchor)\"") && page.contains("【共催】青葉区・宮城野区 合同事例検討会"))
            let form = try #require(formToken(for: anchor, in: page))
            try await client.execute(
                uri: "/aoba/feeds/\(hirose)", method: .post, headers: formHeaders,
                body: answer(form, "present", series: "sendai:goudou-jirei", date: "2027-01-29")
            ) { #expect($0.status == .seeOther) }
            let reloaded = try await client.execute(uri: "/aoba/feeds/\(hirose)", method: .get) {
                String(buffer: $0.body)
            }
            #expect(
                reloaded.components(separatedBy: "id=\"\(anchor)\"").last?.contains("現在の回答: <strong>出席</strong>")
                    == true)
            let tally = try await client.execute(uri: console, method: .get) { String(buffer: $0.body) }
            #expect(tally.contains("会場 1 / オンライン 0 / 欠席 0 / 未回答"), "the city's console counts it")
            // A series the city does not have is refused like any meeting the business is not asked to.
            let nowhere = tokens.formToken(page: hirose, purpose: "answer/meeting/sendai:nowhere/2027-01-29")
            try await client.execute(
                uri: "/aoba/feeds/\(hirose)", method: .post, headers: formHeaders,
                body: answer(nowhere, "present", series: "sendai:nowhere", date: "2027-01-29")
            ) { #expect($0.status == .forbidden) }
        }
        let record = String(
            decoding: try #require(FileManager.default.contents(atPath: "\(plans)/sendai/answers-2026.csv")),
            as: UTF8.self)
        #expect(
            record.contains(",2027-01-29,goudou-jirei,,hirose,出席,,page-r0"),
            "kept under the city's own series id, in the city's folder")
        #expect(
            FileManager.default.contents(atPath: "\(plans)/aoba/answers-2026.csv") == before,
            "the ward's record is untouched")

        // After the meeting the city checks in; the ward's review counts the attendance and the answer.
        clock.set(CalendarDate(year: 2027, month: 2, day: 1), ClockTime(hour: 1, minute: 0))
        #expect(await store.refreshIfChanged())
        try await app.test(.router) { client in
            let uri = "\(console)/checkin/goudou-jirei/2027-01-29"
            let page = try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) }
            #expect(
                page.contains(
                    "<select id=\"s-hirose\" name=\"s-hirose\"><option value=\"\">—(記録しない)</option><option value=\"present\" selected>"
                ))
            let fields = [
                ("form_token", try #require(hidden("form_token", in: page))),
                ("version", try #require(hidden("version", in: page))), ("s-hirose", "absent"),
            ]
            try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(fields)) {
                #expect($0.status == .seeOther)
            }
        }
        let day = CalendarDate(year: 2027, month: 2, day: 1)
        guard
            case .success(let ward) = await PlanDirectory.loadYears(
                "\(plans)/aoba", expander: LibicalRecurrence(), today: day),
            case .success(let cityYears) = await PlanDirectory.loadYears(
                "\(plans)/sendai", expander: LibicalRecurrence(), today: day)
        else {
            Issue.record("the folders do not load")
            return
        }
        let joined = ward.year(FiscalYear(2026)).joining(above: [cityYears.year(FiscalYear(2026))], hosted: true)
        let replies = try #require(ParticipationReview(joined, asOf: day).priorReplies)
        #expect(
            replies.noShows.contains {
                $0.invitation.business.id == "hirose" && $0.invitation.meeting.series == "sendai:goudou-jirei"
            }, "answered 出席, recorded absent")
    }
}

@Suite("The smaller findings of the web side's review")
struct HardeningTests {
    @Test("a form's token answers its own meeting only: replayed on another meeting it is refused")
    func formTokenPerMeeting() async throws {
        let served = try await Served()
        let kita = served.token("kita")
        try await served.app.test(.router) { client in
            let page = try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { String(buffer: $0.body) }
            let june = try #require(formToken(for: "a-m-renrakukai-2026-06-09", in: page))
            let august = try #require(formToken(for: "a-m-renrakukai-2026-08-11", in: page))
            #expect(june != august, "each meeting's form has its own token")
            let before = try served.files()
            try await client.execute(
                uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders,
                body: answer(june, "present", date: "2026-08-11")
            ) { #expect($0.status == .forbidden) }
            #expect(try served.files() == before)
            try await client.execute(
                uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders,
                body: answer(august, "present", date: "2026-08-11")
            ) { #expect($0.status == .seeOther) }
        }
    }

    @Test("a note is kept as the form's maxlength lets it through: 200 UTF-16 units, 200字 of Japanese or 100 emoji")
    func noteLength() async throws {
        let served = try await Served()
        let kita = served.token("kita")
        try await served.app.test(.router) { client in
            let page = try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("maxlength=\"200\""))
            let token = try #require(hidden("form_token", in: page))
            for note in [String(repeating: "あ", count: 200), String(repeating: "😀", count: 150)] {
                try await client.execute(
                    uri: "/demo/feeds/\(kita)", method: .post, headers: formHeaders,
                    body: answer(token, "present", note: note)
                ) { #expect($0.status == .seeOther) }
            }
        }
        guard case .success(let book) = ReplyDesk.book(served.folder, year: FiscalYear(2026)) else {
            Issue.record("the record does not read")
            return
        }
        #expect(
            book.history.map { $0.note ?? "" } == [
                String(repeating: "あ", count: 200), String(repeating: "😀", count: 100),
            ], "what a browser's maxlength=200 would have let through")
    }

    @Test("a check-in that cannot be written: the page says what failed, not where on disk; the log names the cause")
    func failedWrite() async throws {
        let served = try await Served()
        served.clock.set(CalendarDate(year: 2026, month: 6, day: 10), ClockTime(hour: 0, minute: 0))
        #expect(await served.store.refreshIfChanged())
        // A folder where the record's temporary file goes: the write fails as a full or broken disk would.
        try FileManager.default.createDirectory(
            atPath: "\(served.folder)/.attendance-2026.csv.tmp", withIntermediateDirectories: false)
        let recorder = LogRecorder()
        try await served.app(logger: recorder.logger).test(.router) { client in
            let uri = "\(await served.console)/checkin/renrakukai/2026-06-09"
            let page = try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) }
            let fields = [
                ("form_token", try #require(hidden("form_token", in: page))),
                ("version", try #require(hidden("version", in: page))), ("s-kita", "present"),
            ]
            try await client.execute(uri: uri, method: .post, headers: formHeaders, body: form(fields)) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .internalServerError)
                #expect(
                    body.contains("出欠を記録できませんでした") && !body.contains(served.folder)
                        && !body.contains("attendance-2026.csv"), "\(body)")
            }
        }
        #expect(
            recorder.logged.contains {
                $0.hasPrefix("a check-in could not be recorded") && $0.contains("attendance-2026.csv")
            }, "\(recorder.logged)")
    }

    @Test("a broken answers-2026.csv is logged with its file:line:column")
    func brokenRecordLogged() async throws {
        let recorder = LogRecorder()
        let broken =
            "at,date,series,rotation,business,answer,note,by\n2026-06-01T10:00:00+09:00,2026-13-45,renrakukai,,kita,出席,,page-r0\n"
        _ = try await Served(files: ["answers-2026.csv": broken], logger: recorder.logger)
        #expect(
            recorder.logged.contains { $0.hasPrefix("records do not load") && $0.contains("answers-2026.csv:2:") },
            "\(recorder.logged)")
    }

    @Test("a path with a trailing slash is sent to the one without it, relatively; the council's page keeps its slash")
    func trailingSlash() async throws {
        let served = try await Served()
        let kita = served.token("kita")
        try await served.app.test(.router) { client in
            for (uri, location) in [
                ("/demo/feeds/\(kita)/", "../\(kita)"),
                ("/demo/feeds/\(kita).html/?saved=1", "../\(kita).html?saved=1"),
                ("/demo/council.ics/", "../council.ics"),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .permanentRedirect && response.headers[.location] == location, "\(uri)")
                }
            }
            try await client.execute(uri: "/demo/", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "//example.com/", method: .get) {
                #expect($0.status != .permanentRedirect, "never off the site")
            }
        }
    }
}

@Suite("Every response says what a browser may do with it")
struct PagePolicyTests {
    /// `'sha256-…'` of each `<style>` element's text, computed here apart from the server's own.
    func styleHashes(_ page: String) -> [String] {
        page.components(separatedBy: "<style>").dropFirst().compactMap { $0.components(separatedBy: "</style>").first }
            .map {
                "'sha256-\(Data(SHA256.hash(data: Data($0.utf8))).base64EncodedString())'"
            }
    }

    @Test(
        "pages, feeds, refusals and 404s: nosniff, no referrer, never framed; a page allows its own style by hash and no script"
    )
    func headers() async throws {
        let served = try await Served()
        let kita = "/demo/feeds/\(served.token("kita"))"
        try await served.app.test(.router) { client in
            let pages = [
                "/", "/demo/", kita, "\(kita)-year.html", await served.console,
                "\(await served.console)/checkin/renrakukai/2026-04-14",
            ]
            for uri in pages {
                try await client.execute(uri: uri, method: .get) { response in
                    let page = String(buffer: response.body)
                    #expect(response.status == .ok, "\(uri)")
                    let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                    #expect(
                        policy.hasPrefix("default-src 'self'; script-src 'none'; style-src ")
                            && policy.hasSuffix("frame-ancestors 'none'"), "\(uri): \(policy)")
                    #expect(!policy.contains("unsafe"), "\(uri)")
                    let hashes = styleHashes(page)
                    #expect(
                        !hashes.isEmpty && hashes.allSatisfy(policy.contains), "\(uri): the page's own style is allowed"
                    )
                    #expect(
                        !page.contains("<script") && !page.contains(" style=\"")
                            && page.range(of: " on[a-z]+=", options: .regularExpression) == nil,
                        "\(uri): nothing the policy would block")
                }
            }
            let refused = answer("forged", "present")
            let others: [(String, HTTPRequest.Method, ByteBuffer?)] = [
                ("/demo/council.ics", .get, nil), ("/demo/feeds/0123456789abcdef0123456789abcdef.ics", .get, nil),
                (kita, .post, refused), ("/healthz", .get, nil), ("/demo/", .head, nil),
            ]
            for (uri, method, body) in pages.map({ ($0, HTTPRequest.Method.get, ByteBuffer?.none) }) + others {
                try await client.execute(uri: uri, method: method, headers: formHeaders, body: body) { response in
                    #expect(
                        response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(method) \(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(method) \(uri)")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(method) \(uri)")
                    #expect(
                        response.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors 'none'") == true,
                        "\(method) \(uri)")
                }
            }
        }
    }
}

@Suite("The record of answers under concurrent writers")
struct ReplyDeskTests {
    @Test("200 answers appended by 200 tasks at once are all kept, in a file that reads back")
    func concurrentAppends() async throws {
        let folder = try PlanFixture().write()
        let day = CalendarDate(year: 2026, month: 6, day: 9)
        @Sendable func append(_ index: Int) {
            let reply = Reply(
                subject: .meeting("renrakukai"), originalDate: day, business: BusinessID("b\(index % 20)"),
                choice: index % 3 == 0 ? .absent : .present,
                note: "\(index)",
                at: LocalMoment(CalendarDate(year: 2026, month: 6, day: 1), ClockTime(hour: 9, minute: index % 60)),
                by: .page(revision: 0))
            _ = try? ReplyDesk.append([reply], to: folder)
        }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 { group.addTask { append(index) } }
        }
        guard case .success(let book) = ReplyDesk.book(folder, year: FiscalYear(2026)) else {
            Issue.record("the record does not read back")
            return
        }
        #expect(Set(book.history.compactMap(\.note)) == Set((0..<200).map(String.init)))
    }
}

@Suite("Publishing that fails is loud and recovers")
struct PublishFailureTests {
    @Test(
        "a previous feed made unreadable stops publishing: the health URL says 503 and the console says why, until --recover rebuilds it"
    )
    func unreadableFeed() async throws {
        let served = try await Served()
        let plans = (served.folder as NSString).deletingLastPathComponent
        let feed = plans + "-calendars/demo/businesses/kita.ics"
        try await served.app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try Data("BEGIN:VCALENDAR\r\nnot a calendar".utf8).write(to: URL(fileURLWithPath: feed))
            let councilFile = "\(served.folder)/council.yaml"
            try
                (String(decoding: try #require(FileManager.default.contents(atPath: councilFile)), as: UTF8.self)
                + "# edited\n").write(toFile: councilFile, atomically: true, encoding: .utf8)
            served.clock.set(CalendarDate(year: 2026, month: 6, day: 1), ClockTime(hour: 2, minute: 30))
            #expect(await !served.store.refreshIfChanged())
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("2026-06-01 11:30"), "since when, Japan time")
                #expect(
                    !String(buffer: response.body).contains("kita"), "the problems stay in the log and on the console")
            }
            try await client.execute(uri: "/healthz", method: .head) { #expect($0.status == .serviceUnavailable) }
            let console = try await client.execute(uri: served.console, method: .get) { String(buffer: $0.body) }
            #expect(console.contains("配信を更新できていません") && console.contains("role=\"alert\""))
            #expect(
                console.contains("businesses/kita.ics:") && console.contains("--recover"),
                "names the file and how to recover")

            var export = FeedExport(
                outputDirectory: plans + "-calendars",
                now: .dateTime(CalendarDate(year: 2026, month: 5, day: 31), ClockTime(hour: 17, minute: 40), .utc),
                today: CalendarDate(year: 2026, month: 6, day: 1))
            export.recover = true
            let report = try await export.run(councilDirectories: [served.folder]).get()
            #expect(report.recovered.count == 1)
            #expect(await served.store.refreshIfChanged(), "the rebuilt feed is noticed without a plan edit")
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            let again = try await client.execute(uri: served.console, method: .get) { String(buffer: $0.body) }
            #expect(!again.contains("配信を更新できていません"))
        }
    }
}

@Suite("From the calendar to the answer in one click")
struct PageLinkTests {
    @Test(
        "each event a business answers carries its page, as URL and a DESCRIPTION line, in the served feed only; a cancelled one and another business's do not"
    )
    func servedFeedLinksThePage() async throws {
        let cancelled = council.replacingOccurrences(
            of: "    online: https://meet.example.jp/renrakukai\n",
            with:
                "    online: https://meet.example.jp/renrakukai\n    exceptions:\n      - {date: 2026-08-11, cancel: true, reason: 台風}\n"
        )
        let served = try await Served(council: cancelled, pageLinks: true)
        let plans = (served.folder as NSString).deletingLastPathComponent
        try await served.app.test(.router) { client in
            for business in ["kita", "minami"] {
                let token = served.token(business)
                let page = "https://calendar.example.jp/demo/feeds/\(token).html"
                let bytes = try await client.execute(uri: "/demo/feeds/\(served.feedToken(business)).ics", method: .get)
                { Array(buffer: $0.body) }
                #expect(ContentLineRules.problems(in: bytes, source: business).isEmpty)
                let feed = try ICalendarDecoder().decode(bytes: bytes, source: business)
                let meetings = feed.events.filter {
                    $0.uid.hasPrefix("demo-renrakukai-") || $0.uid.hasPrefix("demo-kenshu-")
                }
                #expect(!meetings.isEmpty)
                for event in meetings {
                    if event.status == .cancelled {
                        #expect(
                            event.url != page && event.description?.contains("出欠の回答") != true,
                            "\(business): a cancelled meeting has nothing to answer")
                    } else {
                        #expect(event.url == page, "\(business): \(event.uid)")
                        #expect(event.description?.hasSuffix("\n\n出欠の回答: \(page)") == true)
                        if event.uid.hasPrefix("demo-renrakukai-") {
                            #expect(
                                event.description?.contains("オンライン: https://meet.example.jp/renrakukai") == true,
                                "the online link stays in the notice")
                        }
                    }
                }
                #expect(meetings.contains { $0.status == .cancelled })
                let kept = String(
                    decoding: try #require(
                        FileManager.default.contents(atPath: "\(plans)-calendars/demo/businesses/\(business).ics")),
                    as: UTF8.self)
                #expect(!kept.contains("出欠の回答") && !kept.contains(token), "calendars/ names no token")
                let answerPage = try await client.execute(uri: "/demo/feeds/\(token).html", method: .get) {
                    String(buffer: $0.body)
                }
                #expect(answerPage.contains("name=\"answer\""), "the link opens the page that takes answers")
            }
        }
    }
}

@Suite("A business that has closed")
struct ClosedBusinessTests {
    @Test("has no feed and no page from its closing day on; before it, both are served")
    func noFeedAfterClosing() async throws {
        let served = try await Served()
        let roster = "\(served.folder)/businesses.csv"
        try
            "id,name,kind,opened_on,closed_on,staff,contact\nkita,きた相談室,指定特定,2025-06-01,2026-07-01,1,022-000-0001\nminami,みなみ相談支援センター,委託,2010-04-01,,3,\n"
            .write(toFile: roster, atomically: true, encoding: .utf8)
        served.clock.set(CalendarDate(year: 2026, month: 6, day: 30), ClockTime(hour: 1, minute: 0))
        #expect(await served.store.refreshIfChanged())
        let (kita, kitaFeed) = (served.token("kita"), served.feedToken("kita"))
        try await served.app.test(.router) { client in
            try await client.execute(uri: "/demo/feeds/\(kitaFeed).ics", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { #expect($0.status == .ok) }
            served.clock.set(CalendarDate(year: 2026, month: 7, day: 1), ClockTime(hour: 1, minute: 0))
            try await client.execute(uri: "/demo/feeds/\(kitaFeed).ics", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/demo/feeds/\(kita)", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/demo/feeds/\(served.feedToken("minami")).ics", method: .get) {
                #expect($0.status == .ok)
            }
        }
    }
}

@Suite("The served pages escape what the plan files say")
struct ServedEscapingTests {
    static let hostile = "<script>alert(1)</script>&\"'"
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"

    @Test(
        "the index, the council's page, a business's page with its forms, its year, the console and a check-in show the names as text"
    )
    func everyServedPage() async throws {
        func yaml(_ suffix: String = "") -> String {
            "'" + (Self.hostile + suffix).replacingOccurrences(of: "'", with: "''") + "'"
        }
        let hostileCouncil =
            council
            .replacingOccurrences(
                of: "name: 見本区障害者自立支援協議会",
                with: "name: \(yaml("見本区"))\nsecretariat:\n  name: \(yaml("事務局"))\n  contact: \(yaml())"
            )
            .replacingOccurrences(of: "title: 相談支援事業所等連絡会", with: "title: \(yaml("連絡会"))\n    venue: \(yaml("会議室"))")
        let roster = PlanFixture.roster.replacingOccurrences(
            of: "kita,きた相談室", with: "kita,\"\(Self.hostile.replacingOccurrences(of: "\"", with: "\"\""))きた\"")
        let served = try await Served(council: hostileCouncil, pageLinks: true, files: ["businesses.csv": roster])
        let kita = "/demo/feeds/\(served.token("kita"))"
        try await served.app.test(.router) { client in
            let page = try await client.execute(uri: kita, method: .get) { String(buffer: $0.body) }
            let token = try #require(hidden("form_token", in: page))
            try await client.execute(
                uri: kita, method: .post, headers: formHeaders, body: answer(token, "present", note: Self.hostile)
            ) { #expect($0.status == .seeOther) }
            // Before the meeting: the business's page with its answer, the console with the answers to come.
            try await expectEscaped(client, ["/", "/demo/", kita, "\(kita)-year.html", served.console])
        }
        served.clock.set(CalendarDate(year: 2026, month: 6, day: 10), ClockTime(hour: 0, minute: 0))
        #expect(await served.store.refreshIfChanged())
        try await served.app.test(.router) { client in
            try await expectEscaped(client, [served.console, "\(served.console)/checkin/renrakukai/2026-06-09"])
        }
    }

    private func expectEscaped(_ client: some TestClientProtocol, _ uris: [String]) async throws {
        for uri in uris {
            let page = try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok, "\(uri)")
                return String(buffer: response.body)
            }
            #expect(page.contains(Self.escaped), "\(uri) shows the name, escaped")
            #expect(!page.contains("<script>") && !page.contains("&\"'"), "\(uri) has the name as markup")
        }
    }
}
