import CouncilTestSupport
import Foundation
import ICalendar
import Testing

/// Rotation slots lived over the year from the terminal: recorded like meetings, postponed to a new day, and
/// counted in plan against actual; visits carry the business's address, and reach only the leads' section.
@Suite("council attend slot, visits in the feeds, and a rotation's plan against actual")
struct SlotCommandTests {
    func environment(_ day: String) -> [String: String] { ["COUNCIL_TODAY": day, "SOURCE_DATE_EPOCH": "1795000000"] }

    func feed(_ out: String, _ path: String) throws -> String {
        String(
            decoding: try #require(FileManager.default.contents(atPath: "\(out)/wakabayashi/\(path)")), as: UTF8.self)
    }

    /// The VEVENT whose UID is `uid`, as text, lines unfolded.
    func event(_ feed: String, _ uid: String) -> String? {
        feed.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst().first {
            $0.contains("UID:\(uid)\r\n")
        }
    }

    /// A business's own copy of the slot `slot` (`<council>-<rotation>-<date>`): its UID is the slot's and a tag.
    func copy(_ feed: String, _ slot: String) -> String? {
        feed.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst().first {
            $0.contains("UID:\(slot)-")
        }
    }

    @Test("record, postpone, refuse what has not come yet; export; review; rotate keeps every recorded slot")
    func timeline() throws {
        let folder = try #require(try BundledPlans.copy(["wakabayashi"]).first)
        let out = folder + "-calendars"
        // 11月17日 has passed but is not recorded in the bundled plans: 未記録 in plan against actual.
        let before = try Council.run(["review", folder, "--explain"], environment: environment("2026-12-01"))
        #expect(before.status == 0, "\(before.errors)")
        #expect(before.output.contains("11月 △ 未記録: 11月17日(火) 開催日を過ぎたが記録なし"), "\(before.output)")

        let early = try Council.run(
            ["attend", "slot", folder, "outreach", "2027-01-19", "実施"], environment: environment("2026-12-01"))
        #expect(early.status == 1 && early.errors.contains("has not come yet"))
        let unknown = try Council.run(
            ["attend", "slot", folder, "outreach", "2026-11-18", "実施"], environment: environment("2026-12-01"))
        #expect(
            unknown.status == 1 && unknown.errors.contains("no slot on 2026-11-18")
                && unknown.errors.contains("11月17日(火)"), "\(unknown.errors)")
        let held = try Council.run(
            ["attend", "slot", folder, "outreach", "2026-11-17", "実施"], environment: environment("2026-12-01"))
        #expect(held.status == 0, "\(held.errors)")
        let after = try Council.run(["review", folder, "--explain"], environment: environment("2026-12-01"))
        #expect(after.output.contains("11月 ● 実施: 11月17日(火) 開催・記録あり"))
        #expect(after.output.contains("2月 − 中止: 2月16日(火) 中止"), "the bundled 事業所都合で中止 slot")

        let moved = try Council.run(
            ["attend", "slot", folder, "outreach", "2027-01-19", "延期", "--to", "2027-01-26", "--note", "会場の都合"],
            environment: environment("2026-12-01"))
        #expect(moved.status == 0, "\(moved.errors)")
        #expect(try Council.run(["export", folder, "--out", out], environment: environment("2026-12-01")).status == 0)
        let section = try feed(out, "businesses/wakabayashi-kuyakusho.ics")
        let visit = try #require(
            copy(section, "wakabayashi-outreach-20270119"), "the 区職員's section sees the visits they lead")
        #expect(visit.contains("DTSTART;TZID=Asia/Tokyo:20270126T100000"), "the postponed slot on its new day")
        #expect(visit.contains("LOCATION:仙台市若林区卸町0-5"), "a visit takes place at the business's address")
        #expect(visit.contains("【延期】 会場の都合"))
        let cancelled = try #require(copy(section, "wakabayashi-outreach-20270216"))
        #expect(cancelled.contains("STATUS:CANCELLED"))

        // The next day a past slot is recorded as called off: the record and the review say so, but what was
        // published for that day stays as it was, in every feed.
        let october = "wakabayashi-outreach-20261020"
        let copies = {
            try [self.event(try self.feed(out, "council.ics"), october + "@wakabayashi.sendai.example.jp")]
                + ["businesses/wakabayashi-kuyakusho.ics", "businesses/shichigo.ics"].map {
                    self.copy(try self.feed(out, $0), october)
                }
        }
        let published = try copies()
        #expect(
            try Council.run(
                ["attend", "slot", folder, "outreach", "2026-10-20", "中止"], environment: environment("2026-12-02")
            ).status == 0)
        #expect(try Council.run(["export", folder, "--out", out], environment: environment("2026-12-02")).status == 0)
        let republished = try copies()
        #expect(published == republished && published.allSatisfy { $0 != nil })
        let review = try Council.run(["review", folder, "--explain"], environment: environment("2026-12-02"))
        #expect(review.output.contains("10月 − 中止: 10月20日(火) 中止"))
        let publicVisit = try #require(
            event(try feed(out, "council.ics"), "wakabayashi-outreach-20270119@wakabayashi.sendai.example.jp"))
        #expect(!publicVisit.contains("卸町"), "the public feed names neither the business nor its address")
        let other = try feed(out, "businesses/wakabayashi-itaku.ics")
        #expect(
            copy(other, "wakabayashi-outreach-20270119") == nil
                && event(other, "wakabayashi-outreach-20270119@wakabayashi.sendai.example.jp") == nil)

        // January: rotate again. Every recorded slot, and every slot before today, stays as it is.
        let record = "\(folder)/rotation-outreach-2026.csv"
        let recorded = String(decoding: try #require(FileManager.default.contents(atPath: record)), as: UTF8.self)
        let rotated = try Council.run(["rotate", folder], environment: environment("2027-01-05"))
        #expect(rotated.status == 0, "\(rotated.errors)")
        #expect(
            rotated.output.contains("1月26日(火) 10:00–11:30  卸町ケアプラン") && rotated.output.contains("[延期: 会場の都合]"),
            "\(rotated.output)")
        let again = String(decoding: try #require(FileManager.default.contents(atPath: record)), as: UTF8.self)
        let kept = recorded.split(separator: "\r\n").filter {
            $0.contains(",実施,") || $0.contains(",延期,") || $0.contains("中止,")
        }
        #expect(kept.count == 9, "six held, one called off after its day, one ahead, two postponed")
        for line in kept { #expect(again.contains(line), "\(line) kept") }
    }

    @Test("a slot after a meeting follows the meeting's move before rotate runs again; its past never changes")
    func slotFollowsMovedMeeting() throws {
        let folder = try #require(try BundledPlans.copy(["miyagino"]).first)
        let out = folder + "-calendars"
        let yaml = "\(folder)/council.yaml"
        let plan = String(decoding: try #require(FileManager.default.contents(atPath: yaml)), as: UTF8.self)
        // January: the February 連絡会 (2/18, 第3木曜日) is moved a week; the record still says 2/18.
        let moved = plan.replacingOccurrences(
            of: "    venue: 宮城野区文化センター 会議室\n",
            with:
                "    venue: 宮城野区文化センター 会議室\n    exceptions:\n      - {date: 2027-02-18, move_to: 2027-02-25, reason: 会場の都合}\n"
        )
        #expect(moved != plan)
        try Data(moved.utf8).write(to: URL(fileURLWithPath: yaml))
        let slot = "miyagino-kobetsu-sv-20270218@miyagino.sendai.example.jp"
        // Published in January, then again after the old day, before the new one: the slot is on the meeting's new day.
        #expect(try Council.run(["export", folder, "--out", out], environment: environment("2027-01-06")).status == 0)
        #expect(try Council.run(["export", folder, "--out", out], environment: environment("2027-02-20")).status == 0)
        let publicFeed = {
            String(
                decoding: FileManager.default.contents(atPath: "\(out)/miyagino/council.ics") ?? Data(), as: UTF8.self)
        }
        let shown = try #require(event(publicFeed(), slot))
        #expect(shown.contains("DTSTART;TZID=Asia/Tokyo:20270225T150000"), "\(shown)")
        let schedule = try Council.run(["schedule", folder], environment: environment("2027-02-20"))
        #expect(schedule.output.contains("令和9年2月25日(木) 15:00–16:00"), "\(schedule.output)")
        // Recorded on the day it is now on (the day the clerk sees).
        let held = try Council.run(
            ["attend", "slot", folder, "kobetsu-sv", "2027-02-25", "実施"], environment: environment("2027-02-26"))
        #expect(held.status == 0, "\(held.errors)")
        // Rotate and export after its day: the event published stays byte for byte.
        #expect(try Council.run(["rotate", folder], environment: environment("2027-02-27")).status == 0)
        #expect(try Council.run(["export", folder, "--out", out], environment: environment("2027-03-01")).status == 0)
        let later = try #require(event(publicFeed(), slot))
        #expect(later == shown)
    }

    @Test("a sheet of outcomes: every mistake located and nothing written, then all rows at once")
    func sheet() throws {
        let folder = try #require(try BundledPlans.copy(["wakabayashi"]).first)
        let record = "\(folder)/rotation-outreach-2026.csv"
        let before = FileManager.default.contents(atPath: record)
        let sheet = folder + "-slots.csv"
        try Data(
            """
            ローテーション,日付,状況,新しい日付,備考
            outreach,2026-11-17,実施,,
            初任期相談員へのアウトリーチ(事業所訪問),2027/01/19,延期,2027-01-26,会場の都合
            outreech,2027-02-16,実施,,
            outreach,2027-03-16,済み,,
            outreach,2027-03-17,中止,,
            outreach,2027-03-16,実施,,

            """.utf8
        ).write(to: URL(fileURLWithPath: sheet))
        let bad = try Council.run(["attend", "slots", folder, sheet], environment: environment("2026-12-01"))
        #expect(bad.status == 1)
        #expect(bad.errors.contains("-slots.csv:4:1: error[unknown-series]: ローテーション「outreech」はありません"), "\(bad.errors)")
        #expect(bad.errors.contains("-slots.csv:5:21: error[bad-value]: 状況「済み」を読めません"), "\(bad.errors)")
        #expect(bad.errors.contains("-slots.csv:6:10: error[bad-value]: 令和9年3月17日(水)の枠はありません"), "\(bad.errors)")
        #expect(
            bad.errors.contains("-slots.csv:7:21: error[bad-value]") && bad.errors.contains("has not come yet"),
            "\(bad.errors)")
        #expect(FileManager.default.contents(atPath: record) == before, "nothing written")

        try Data(
            """
            rotation,date,status,to,note
            outreach,2026-11-17,held,,
            outreach,2027-01-19,postponed,2027-01-26,会場の都合

            """.utf8
        ).write(to: URL(fileURLWithPath: sheet))
        let good = try Council.run(["attend", "slots", folder, sheet], environment: environment("2026-12-01"))
        #expect(good.status == 0, "\(good.errors)")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: record)), as: UTF8.self)
        #expect(text.contains("2026-11-17,2026-11-17,10:00,11:30,fujizuka,kimura;kuyakusho-kato,実施,"))
        #expect(text.contains("2027-01-19,2027-01-26,10:00,11:30,oroshimachi,kuyakusho-kato;yamada,延期,会場の都合"))
        let again = try Council.run(["attend", "slots", folder, sheet], environment: environment("2026-12-01"))
        #expect(
            again.status == 0 && !again.output.contains("書き込みました"), "importing twice changes nothing: \(again.output)")
    }

    @Test("gantt --actual: a held meeting or slot with no record is △, not ●; once recorded it is ●")
    func ganttUnrecorded() throws {
        let folder = try #require(try BundledPlans.copy(["wakabayashi"]).first)
        func november(_ row: String) throws -> String {
            let grid = try Council.run(
                ["gantt", folder, "--actual", "--no-dates", "--width", "100"], environment: environment("2026-12-01")
            ).output
            let line = try #require(grid.split(separator: "\n").first { $0.hasPrefix(row) })
            let months = Array(try #require(line.split(separator: "│").last))
            // Twelve cells of four columns after a leading space: 11月 is the eighth.
            return String(months[(1 + 7 * 4)..<(1 + 8 * 4)]).trimmingCharacters(in: .whitespaces)
        }
        #expect(try november("②") == "△", "the 連絡会 of 11月27日 has no attendance line")
        #expect(try november("③") == "△", "the visit of 11月17日 has no outcome")
        #expect(
            try Council.run(
                ["attend", "slot", folder, "outreach", "2026-11-17", "実施"], environment: environment("2026-12-01")
            ).status == 0)
        #expect(
            try Council.run(
                ["attend", folder, "renrakukai", "2026-11-27", "--present", "arai"],
                environment: environment("2026-12-01")
            ).status == 0)
        #expect(try november("②") == "●")
        #expect(try november("③") == "●")
    }

    @Test("lint warns, at its line, of a 区職員 lead with no section, and of a council without uid_domain; exit 0")
    func leadWithoutSection() throws {
        let folder = try #require(try BundledPlans.copy(["wakabayashi"]).first)
        let path = "\(folder)/council.yaml"
        let text = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        #expect(
            !(try Council.run(["lint", folder], environment: environment("2026-12-01")).errors.contains(
                "lead-without-section")))
        try Data(
            text.replacingOccurrences(
                of: "ward_office: true, section: wakabayashi-kuyakusho}\n      - {id: kuyakusho-kato",
                with: "ward_office: true}\n      - {id: kuyakusho-kato"
            ).utf8
        ).write(to: URL(fileURLWithPath: path))
        let line =
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("id: kuyakusho-ito")
            }! + 1
        let lint = try Council.run(["lint", folder], environment: environment("2026-12-01"))
        #expect(lint.status == 0)
        #expect(lint.errors.contains("council.yaml:\(line):9: warning[lead-without-section]"), "\(lint.errors)")
        #expect(lint.output.contains("警告 1 件"))

        let withoutDomain = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("uid_domain:") }.joined(
                separator: "\n")
        try Data(withoutDomain.utf8).write(to: URL(fileURLWithPath: path))
        let again = try Council.run(["lint", folder], environment: environment("2026-12-01"))
        #expect(
            again.status == 0 && again.errors.contains("council.yaml:3:1: warning[missing-uid-domain]")
                && again.output.contains("警告 2 件"), "\(again.errors)")
    }

    @Test(
        "publish: a site with no business id anywhere, each feed at its token path as exported; a raised feed_revision removes the old one"
    )
    func publish() throws {
        let folders = try BundledPlans.copy(["wakabayashi", "miyagino"])
        let plans = (folders[0] as NSString).deletingLastPathComponent
        let site = plans + "-site"
        let calendars = plans + "-calendars"
        let key = plans + "-feed.key"
        try Data(String(repeating: "s", count: 40).utf8).write(to: URL(fileURLWithPath: key))
        let arguments = [
            "publish", plans, "--out", site, "--calendars", calendars, "--key-file", key, "--public-url",
            "https://calendar.example.jp",
        ]
        let first = try Council.run(arguments, environment: environment("2026-12-01"))
        #expect(first.status == 0, "\(first.errors)")
        let paths = try #require(FileManager.default.enumerator(atPath: site)).compactMap { $0 as? String }.filter {
            !$0.hasSuffix("/")
        }
        let ids = ["wakabayashi", "miyagino"].flatMap { council in
            String(
                decoding: FileManager.default.contents(atPath: "\(plans)/\(council)/businesses.csv") ?? Data(),
                as: UTF8.self
            )
            .split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
        }
        #expect(ids.count == 25)
        for path in paths {
            let parts = path.split(separator: "/").map(String.init)
            #expect(
                !parts.contains { ids.contains($0) || ids.contains(($0 as NSString).deletingPathExtension) },
                "\(path) names a business")
            #expect(!path.contains(".council-export") && !path.hasSuffix(".csv"), "no manifest or record: \(path)")
        }
        let urls = try Council.run(
            ["feed-url", folders[0], "--key-file", key, "--base", "https://calendar.example.jp"],
            environment: environment("2026-12-01")
        ).output
        let arai = try #require(urls.split(separator: "\n").first { $0.hasPrefix("あらい相談室\t") })
        let token = String(try #require(arai.split(separator: "\t")[1].split(separator: "/").last))
        let pageToken = String(try #require(arai.split(separator: "\t").last?.split(separator: "/").last))
            .replacingOccurrences(of: ".html", with: "")
        #expect(pageToken != token.replacingOccurrences(of: ".ics", with: ""), "the page has a token of its own")
        let letters = try Council.run(
            ["feed-url", folders[0], "--key-file", key, "--base", "https://calendar.example.jp", "--format", "html"],
            environment: environment("2026-12-01"))
        #expect(
            letters.status == 0
                && letters.output.components(separatedBy: "<section class=\"letter\"").count - 1 == urls.split(
                    separator: "\n"
                ).count - 1, "one letter per business")
        #expect(
            letters.output.contains("<code>webcal://calendar.example.jp/wakabayashi/feeds/\(token)</code>")
                && letters.output.contains("令和8年12月1日"))
        // The token path holds the business's exported feed, each event it answers linked to its page.
        let published = try ICalendarDecoder().decode(
            bytes: Array(try #require(FileManager.default.contents(atPath: "\(site)/wakabayashi/feeds/\(token)"))))
        let exported = try ICalendarDecoder().decode(
            bytes: Array(
                try #require(FileManager.default.contents(atPath: "\(calendars)/wakabayashi/businesses/arai.ics"))))
        #expect(
            published.events.map { [$0.uid, "\($0.sequence ?? 0)", $0.start.description, $0.summary ?? ""] }
                == exported.events.map { [$0.uid, "\($0.sequence ?? 0)", $0.start.description, $0.summary ?? ""] })
        let page = "https://calendar.example.jp/wakabayashi/feeds/\(pageToken).html"
        #expect(published.events.contains { $0.url == page && $0.description?.hasSuffix("事業所のページ: \(page)") == true })
        #expect(
            FileManager.default.contents(atPath: "\(site)/wakabayashi/feeds/\(pageToken).html") != nil,
            "the link leads to a page of the site")
        #expect(
            FileManager.default.contents(
                atPath: "\(site)/wakabayashi/feeds/\((token as NSString).deletingPathExtension).html") == nil,
            "the feed's token names no page")
        #expect(
            FileManager.default.contents(atPath: "\(site)/wakabayashi/council.ics")
                == FileManager.default.contents(atPath: "\(calendars)/wakabayashi/council.ics"))
        for path in paths where path.hasSuffix(".ics") {
            let text = String(
                decoding: FileManager.default.contents(atPath: "\(site)/\(path)") ?? Data(), as: UTF8.self)
            #expect(!text.contains("/businesses/"), "\(path)")
            // A business's own copy of a slot has a UID of its own, made so that it names no business.
            let uids = text.replacingOccurrences(of: "\r\n ", with: "").split(separator: "\r\n").filter {
                $0.hasPrefix("UID:")
            }
            #expect(!uids.isEmpty)
            for uid in uids {
                #expect(
                    !ids.contains { uid.contains("-\($0)-") || uid.contains("-\($0)@") },
                    "\(path): \(uid) names a business")
            }
        }

        // A leaked URL: raise あらい相談室's feed_revision and publish again; the old file is gone, the new one there.
        let roster = "\(folders[0])/businesses.csv"
        let text = String(decoding: try #require(FileManager.default.contents(atPath: roster)), as: UTF8.self)
        try Data(
            text.replacingOccurrences(
                of: "id,name,kind,opened_on,staff,contact,address",
                with: "id,name,kind,opened_on,staff,contact,address,feed_revision"
            )
            .split(separator: "\n").map {
                $0.hasPrefix("id,") ? String($0) : String($0) + ($0.hasPrefix("arai,") ? ",1" : ",0")
            }.joined(separator: "\n").utf8
        ).write(to: URL(fileURLWithPath: roster))
        let second = try Council.run(arguments, environment: environment("2026-12-02"))
        #expect(second.status == 0, "\(second.errors)")
        #expect(second.output.contains("3 removed"), "the feed, its page and its year: \(second.output)")
        #expect(
            FileManager.default.contents(atPath: "\(site)/wakabayashi/feeds/\(token)") == nil,
            "the leaked URL stops working")
        #expect(
            FileManager.default.contents(atPath: "\(site)/wakabayashi/feeds/\(pageToken).html") == nil
                && FileManager.default.contents(atPath: "\(site)/wakabayashi/feeds/\(pageToken)-year.html") == nil)
        let renewed = try Council.run(
            ["feed-url", folders[0], "arai", "--key-file", key, "--base", "https://calendar.example.jp"],
            environment: environment("2026-12-02")
        ).output
        let newToken = String(
            try #require(renewed.split(separator: "\n").last?.split(separator: "\t")[1].split(separator: "/").last))
        #expect(
            newToken != token && FileManager.default.contents(atPath: "\(site)/wakabayashi/feeds/\(newToken)") != nil)
    }
}
