import CouncilCore
import CouncilServer
import CouncilTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import ICalendar
import Logging
import Synchronization
import Testing

@Suite("A business's own pages behind its token: how to subscribe, and its year")
struct BusinessPageTests {
    @Test(
        "the page links to the year; the year is counted as of today and follows a new day and a new record; no token, no page"
    )
    func pages() async throws {
        var fixture = PlanFixture()
        fixture.files["attendance-2026.csv"] =
            "date,series,business,status,count,note\n2026-04-14,renrakukai,kita,出席,1,\n2026-04-14,renrakukai,minami,欠席,,\n"
        let folder = try fixture.write()
        let plans = (folder as NSString).deletingLastPathComponent
        let logger = Logger.quiet
        let day = Mutex(CalendarDate(year: 2026, month: 5, day: 1))
        let store = FeedStore(
            plans: plans, calendars: plans + "-calendars", logger: logger,
            now: { .dateTime(CalendarDate(year: 2026, month: 5, day: 1), ClockTime(hour: 0, minute: 0), .utc) },
            today: { day.withLock { $0 } })
        #expect(await store.refreshIfChanged())
        let tokens = try FeedTokens(key: SubscriptionServerTests.key)
        let kita = Business(id: "kita", name: "", kind: .designated)
        let token = tokens.token(.page, council: "demo", business: kita)
        let feed = tokens.token(.feed, council: "demo", business: kita)
        let app = SubscriptionServer.buildApplication(
            store: store, tokens: tokens, publicURL: "https://calendar.example.jp", logger: .quiet)
        try await app.test(.router) { client in
            try await client.execute(uri: "/demo/feeds/\(token).html", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok && response.headers[.cacheControl] == "private, no-store")
                #expect(
                    page.contains("きた相談室 専用カレンダー")
                        && page.contains("https://calendar.example.jp/demo/feeds/\(feed).ics"))
                #expect(page.contains("href=\"\(token)-year.html\""))
            }
            try await client.execute(uri: "/demo/feeds/\(token)", method: .get) { response in
                #expect(
                    response.status == .ok && String(buffer: response.body).contains("きた相談室 専用カレンダー"),
                    "the page token without .html is the page")
            }
            #expect(feed != token)
            try await client.execute(uri: "/demo/feeds/\(feed).ics", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/demo/feeds/\(token).ics", method: .get) {
                #expect($0.status == .notFound, "the page's token opens no feed")
            }
            try await client.execute(uri: "/demo/feeds/\(token)-year.html", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("きた相談室の一年") && page.contains("令和8年5月1日(金)時点"))
                #expect(page.contains("令和8年4月14日(火)") && page.contains(">出席<"))
                #expect(page.contains("100%(1/1)"))
                #expect(page.contains("令和8年6月9日(火)"), "June's meeting is still to come")
            }
            for wrong in [
                "0123456789abcdef0123456789abcdef.html", "0123456789abcdef0123456789abcdef-year.html",
                "0123456789abcdef0123456789abcdef", "\(token).txt", "\(token)-year.ics",
                // The feed's URL without .ics (as handed to Google Calendar) opens no page and no year.
                feed, "\(feed).html", "\(feed)-year.html",
            ] {
                try await client.execute(uri: "/demo/feeds/\(wrong)", method: .get) { response in
                    #expect(response.status == .notFound, "\(wrong)")
                }
            }
        }
        // Days pass and June's meeting is recorded: a new day and a new record refresh the year.
        day.withLock { $0 = CalendarDate(year: 2026, month: 6, day: 20) }
        fixture.files["attendance-2026.csv"]! +=
            "2026-06-09,renrakukai,kita,欠席連絡あり,,\n2026-06-09,renrakukai,minami,出席,1,\n"
        try fixture.rewrite(folder)
        #expect(await store.refreshIfChanged())
        try await app.test(.router) { client in
            try await client.execute(uri: "/demo/feeds/\(token)-year.html", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("令和8年6月20日(土)時点") && page.contains("50%(1/2)"))
                #expect(page.contains(">欠席連絡あり<"))
            }
        }
        day.withLock { $0 = CalendarDate(year: 2026, month: 6, day: 21) }
        #expect(await store.refreshIfChanged(), "a new day refreshes with nothing else changed")
    }

    @Test("a ward business's year lists the joint meeting its ward co-hosts, as review --business does")
    func jointMeetingInYear() async throws {
        let folders = try BundledPlans.copy(["aoba", "miyagino", "wakabayashi", "taihaku", "izumi", "sendai"])
        let plans = (folders[0] as NSString).deletingLastPathComponent
        let logger = Logger.quiet
        let day = CalendarDate(year: 2026, month: 12, day: 1)
        let store = FeedStore(
            plans: plans, calendars: plans + "-calendars", logger: logger,
            now: { .dateTime(day, ClockTime(hour: 0, minute: 0), .utc) }, today: { day })
        #expect(await store.refreshIfChanged())
        let tokens = try FeedTokens(key: SubscriptionServerTests.key)
        let app = SubscriptionServer.buildApplication(
            store: store, tokens: tokens, publicURL: "https://calendar.example.jp", logger: .quiet)
        let hirose = tokens.token(.page, council: "aoba", business: Business(id: "hirose", name: "", kind: .designated))
        let izumi = tokens.token(
            .page, council: "izumi", business: Business(id: "izumi-chuo", name: "", kind: .designated))
        try await app.test(.router) { client in
            try await client.execute(uri: "/aoba/feeds/\(hirose)-year.html", method: .get) { response in
                #expect(String(buffer: response.body).contains("【共催】青葉区・宮城野区 合同事例検討会"))
            }
            try await client.execute(uri: "/izumi/feeds/\(izumi)-year.html", method: .get) { response in
                #expect(
                    response.status == .ok && !String(buffer: response.body).contains("合同事例検討会"), "泉区 does not host it")
            }
        }
    }

    @Test("a business two wards list is served at the first only: a feed the other ward published before is not")
    func sharedBusinessServedOnce() async throws {
        let folders = try BundledPlans.copy(["aoba", "miyagino", "wakabayashi", "taihaku", "izumi", "sendai"])
        let roster = "\(folders[1])/businesses.csv"
        let text = String(decoding: try #require(FileManager.default.contents(atPath: roster)), as: UTF8.self)
        try Data((text + "hoshizora,相談支援ほしぞら,指定特定,2025-06-01,1,022-000-1308\n").utf8).write(
            to: URL(fileURLWithPath: roster))
        let plans = (folders[0] as NSString).deletingLastPathComponent
        let calendars = plans + "-calendars"
        // A feed 宮城野区 wrote for it before it was shared.
        try FileManager.default.createDirectory(
            atPath: "\(calendars)/miyagino/businesses", withIntermediateDirectories: true)
        try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(
            to: URL(fileURLWithPath: "\(calendars)/miyagino/businesses/hoshizora.ics"))
        let logger = Logger.quiet
        let day = CalendarDate(year: 2026, month: 12, day: 1)
        let store = FeedStore(
            plans: plans, calendars: calendars, logger: logger,
            now: { .dateTime(day, ClockTime(hour: 0, minute: 0), .utc) }, today: { day })
        #expect(await store.refreshIfChanged())
        let tokens = try FeedTokens(key: SubscriptionServerTests.key)
        let app = SubscriptionServer.buildApplication(
            store: store, tokens: tokens, publicURL: "https://calendar.example.jp", logger: .quiet)
        let business = Business(id: "hoshizora", name: "", kind: .designated)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/miyagino/feeds/\(tokens.token(.feed, council: "miyagino", business: business)).ics", method: .get
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/aoba/feeds/\(tokens.token(.feed, council: "aoba", business: business)).ics", method: .get
            ) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("UID:miyagino-renrakukai-"))
            }
        }
    }
}
