import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import CouncilTestSupport
import ExportJob
import Foundation
import ICalendar
import Testing

@Suite("A council above councils: 仙台市's meetings in its wards' business feeds")
struct CityFeedTests {
    static let march = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 3, day: 1), ClockTime(hour: 9, minute: 0), .utc)
    static let june = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 6, day: 1), ClockTime(hour: 9, minute: 0), .utc)

    func export(_ councils: [String], to out: String, now: DateTimeValue, full: Bool = true) async throws
        -> FeedExport.Report
    {
        switch await FeedExport(outputDirectory: out, now: now).run(councilDirectories: councils, full: full) {
        case .success(let report): return report
        case .failure(let failure): throw failure
        }
    }

    /// Every feed under `out`, by path relative to it, decoded.
    func read(_ out: String) throws -> [String: [VEvent]] {
        var feeds: [String: [VEvent]] = [:]
        for file in try #require(FileManager.default.enumerator(atPath: out)).compactMap({ $0 as? String })
        where file.hasSuffix(".ics") {
            feeds[file] = try ICalendarDecoder().decode(
                bytes: try #require(FileManager.default.contents(atPath: "\(out)/\(file)")), source: file
            ).events
        }
        return feeds
    }

    func cityMeetings(_ folder: String, today: CalendarDate) async throws -> (Council, [Meeting]) {
        let council = try await PlanDirectory.load(
            folder, expander: LibicalRecurrence(), includeRecords: false, today: today
        )
        .get()
        return (
            council,
            CouncilYears(council: council, today: today, expander: LibicalRecurrence()).year(FiscalYear(2026)).meetings
        )
    }

    @Test(
        "each city meeting is in the feed of every invited business of every ward, the same bytes as the city's, and nowhere else"
    )
    func everyInvitedBusiness() async throws {
        let folders = try BundledPlans.copy(["aoba", "miyagino", "wakabayashi", "taihaku", "izumi", "sendai"])
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("council-city-\(UUID().uuidString)")
            .path
        _ = try await export(folders, to: out, now: Self.march)
        let feeds = try read(out)
        let (city, meetings) = try await cityMeetings(folders[5], today: CalendarDate(year: 2026, month: 3, day: 1))
        #expect(city.businesses.count == 85 && city.businesses.allSatisfy { $0.home != nil })
        #expect(
            feeds.keys.filter { $0.hasPrefix("sendai/") } == ["sendai/council.ics"],
            "no business feed at the city: each business has one, at its ward")
        let cityEvents = Dictionary(
            uniqueKeysWithValues: try #require(feeds["sendai/council.ics"]).map { ($0.uid, $0) })
        #expect(meetings.count == 9)
        for meeting in meetings {
            let uid = CouncilFeeds(council: city, meetings: []).uid(for: meeting.occurrence)
            // A joint meeting is in its hosts' council-wide feeds too.
            let hosts = city.series(meeting.series)?.hosts.map { "\($0)/council.ics" } ?? []
            let expected = Set(
                ["sendai/council.ics"] + hosts
                    + meeting.announcement.invited.compactMap { id in
                        city.business(id).map { "\($0.home!)/businesses/\(id).ics" }
                    })
            let holding = Set(feeds.filter { $0.value.contains { $0.uid == uid } }.keys)
            #expect(holding == expected, "\(uid): \(holding.symmetricDifference(expected).sorted())")
            #expect(meeting.announcement.invited.count > 5)
            for path in holding {
                #expect(
                    feeds[path]?.first { $0.uid == uid } == cityEvents[uid], "\(path): \(uid) as in sendai/council.ics")
            }
        }
        // The 研修 invites 指定特定 and 障害児相談 of every ward; the city case review the 委託, 基幹 and 区役所.
        let kenshu = try #require(meetings.first { $0.series == "jitsumu-kenshu" })
        #expect(
            Set(kenshu.announcement.invited.compactMap { city.business($0)?.home }) == [
                "aoba", "miyagino", "wakabayashi", "taihaku", "izumi",
            ])
        #expect(kenshu.announcement.invited.allSatisfy { [.designated, .children].contains(city.business($0)?.kind) })
        // A ward's council-wide feed has the city's joint meeting it co-hosts, and no other city meeting.
        for ward in ["aoba", "miyagino", "wakabayashi", "taihaku", "izumi"] {
            let fromCity = try #require(feeds["\(ward)/council.ics"]).filter { $0.uid.hasPrefix("sendai-") }.map(\.uid)
            #expect(
                fromCity
                    == (["aoba", "miyagino"].contains(ward)
                        ? ["sendai-goudou-jirei-20270129@city.sendai.example.jp"] : []),
                "\(ward): \(fromCity)")
        }
        // The joint meeting invites the hosts' businesses only, and names both hosts.
        let joint = try #require(meetings.first { $0.series == "goudou-jirei" })
        #expect(Set(joint.announcement.invited.compactMap { city.business($0)?.home }) == ["aoba", "miyagino"])
        #expect(joint.announcement.notice.contains("共催: 青葉区障害者自立支援協議会・宮城野区障害者自立支援協議会"))
    }

    @Test(
        "over a timeline: a ward exported alone brings its city; a city edit reaches every copy once; a feed published before gains no past city day"
    )
    func timeline() async throws {
        let folders = try BundledPlans.copy(["aoba", "izumi", "sendai"])
        var yaml = String(
            decoding: try #require(FileManager.default.contents(atPath: "\(folders[2])/council.yaml")), as: UTF8.self)
        yaml = yaml.replacingOccurrences(
            of: "members: [aoba, miyagino, wakabayashi, taihaku, izumi]", with: "members: [aoba, izumi]"
        )
        .replacingOccurrences(of: "hosts: [aoba, miyagino]", with: "hosts: [aoba, izumi]")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: "\(folders[2])/council.yaml"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("council-city-\(UUID().uuidString)")
            .path
        // 3月1日: 青葉区 alone on the command line; 仙台市 is exported with it, 泉区 is not.
        _ = try await export([folders[0]], to: out, now: Self.march)
        var feeds = try read(out)
        #expect(feeds["sendai/council.ics"] != nil && feeds["izumi/council.ics"] == nil)
        let may = "sendai-city-case-review-20260511@city.sendai.example.jp"
        let november = "sendai-city-case-review-20261109@city.sendai.example.jp"
        let itaku = "aoba/businesses/aoba-itaku-kita.ics"
        #expect(feeds[itaku]?.contains { $0.uid == may } == true)

        // 6月1日: the November case review is cancelled at the city; the wards re-export without a change of their own.
        yaml = yaml.replacingOccurrences(
            of: "(基幹相談支援センター)\n    kind: ケースレビュー\n",
            with:
                "(基幹相談支援センター)\n    kind: ケースレビュー\n    exceptions:\n      - {date: 2026-11-09, cancel: true, reason: 会場の都合}\n"
        )
        // … and a meeting is added for a day already past (20 May): published nowhere.
        yaml +=
            "  - id: extra\n    title: 臨時の会\n    kind: 情報交換会\n    schedule: 2026-05-20\n    invite:\n      kinds: [委託]\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: "\(folders[2])/council.yaml"))
        let report = try await export([folders[0], folders[1], folders[2]], to: out, now: Self.june, full: false)
        #expect(report.outcome.written.contains { $0.hasSuffix(itaku) }, "the ward's feeds follow its city's edit")
        feeds = try read(out)
        let cancelled = try #require(feeds["sendai/council.ics"]?.first { $0.uid == november })
        #expect(
            cancelled.status == .cancelled && cancelled.sequence == 1 && cancelled.summary?.hasPrefix("【中止】") == true)
        #expect(feeds[itaku]?.first { $0.uid == november } == cancelled)
        // 泉区's feeds are first published on 6月1日: a first export has the year's city meetings as the city published them.
        let izumiItaku = try #require(feeds.keys.first { $0.hasPrefix("izumi/businesses/") && $0.contains("itaku") })
        #expect(feeds[izumiItaku]?.first { $0.uid == november } == cancelled)
        #expect(feeds[izumiItaku]?.first { $0.uid == may } == feeds["sendai/council.ics"]?.first { $0.uid == may })
        // The meeting added for a past day: the city's feed, published before, does not gain it, so no business feed has it.
        #expect(!feeds.values.joined().contains { $0.uid.hasPrefix("sendai-extra-") })
        // Every UID has one version wherever it is.
        var versions: [String: VEvent] = [:]
        for (path, events) in feeds {
            for event in events {
                if let seen = versions[event.uid] { #expect(seen == event, "\(path): \(event.uid)") }
                versions[event.uid] = event
            }
        }
    }

    @Test(
        "a series moved from 青葉区 into a joint definition keeps its UIDs: one version everywhere, never cancelled, nothing doubled"
    )
    func movedSeriesKeepsUIDs() async throws {
        let folders = try BundledPlans.copy(["aoba", "sendai"])
        let city = "\(folders[1])/council.yaml"
        let ward = "\(folders[0])/council.yaml"
        let plan = "\(folders[0])/plan-2026.yaml"
        func edit(_ path: String, _ change: (String) -> String) throws {
            let text = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
            #expect(change(text) != text, "the edit of \(path) changes it")
            try Data(change(text).utf8).write(to: URL(fileURLWithPath: path))
        }
        try edit(city) {
            $0.replacingOccurrences(
                of: "members: [aoba, miyagino, wakabayashi, taihaku, izumi]", with: "members: [aoba]"
            ).replacingOccurrences(of: "hosts: [aoba, miyagino]", with: "hosts: [aoba]")
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("council-city-\(UUID().uuidString)")
            .path
        _ = try await export([folders[0]], to: out, now: Self.june)
        let uid = "aoba-houkatsu-kyousai-20261117@aoba.sendai.example.jp"
        let published = try #require(try read(out)["aoba/council.ics"]?.first { $0.uid == uid })

        // 7月1日: the 共催 連絡会議 is defined once, at the city, hosted by 青葉区, under the UIDs it was published with.
        let block =
            "  - id: houkatsu-kyousai\n    title: 相談支援事業所等連絡会議(地域包括支援センター連絡会と共催)\n    kind: 連絡会\n    schedule: 2026-11-17\n    time: 14:00-16:00\n    venue: 青葉区役所 4階 大会議室\n    invite:\n      kinds: [指定特定, 障害児相談, 委託, 基幹, 地域包括, 区役所]\n"
        try edit(ward) { $0.replacingOccurrences(of: block, with: "") }
        try edit(plan) { $0.replacingOccurrences(of: "    series: houkatsu-kyousai\n", with: "") }
        try edit(city) {
            $0
                + block.replacingOccurrences(
                    of: "    invite:", with: "    hosts: [aoba]\n    formerly: aoba/houkatsu-kyousai\n    invite:")
        }
        let july = DateTimeValue.dateTime(
            CalendarDate(year: 2026, month: 7, day: 1), ClockTime(hour: 9, minute: 0), .utc)
        _ = try await export([folders[0]], to: out, now: july)
        let feeds = try read(out)
        let copies = feeds.compactMap { path, events in events.first { $0.uid == uid }.map { (path, $0) } }
        let moved = try #require(feeds["sendai/council.ics"]?.first { $0.uid == uid })
        #expect(
            copies.count > 20 && copies.allSatisfy { $0.1 == moved }, "one version: \(Set(copies.map(\.1.sequence)))")
        #expect(
            Set(copies.map(\.0)).isSuperset(of: [
                "sendai/council.ics", "aoba/council.ics", "aoba/businesses/hirose.ics",
            ]))
        #expect(
            moved.status != .cancelled && moved.sequence == (published.sequence ?? 0) + 1
                && moved.description?.contains("共催: 青葉区障害者自立支援協議会") == true)
        #expect(
            !feeds.values.joined().contains { $0.uid.hasPrefix("sendai-houkatsu-kyousai-") },
            "no second UID for the same meeting")
        // Left where it was defined, it would be published twice: refused.
        try edit(ward) { $0.replacingOccurrences(of: "series:\n", with: "series:\n" + block) }
        guard
            case .failure(let problems) = await PlanDirectory.load(
                folders[1], expander: LibicalRecurrence(), includeRecords: false)
        else {
            Issue.record("loaded")
            return
        }
        #expect(problems.description.contains("houkatsu-kyousai is still a series of aoba"))
    }

    @Test("a joint meeting's attendance is recorded once, at the city, and counted in each host's own review")
    func jointCountedForEachHost() async throws {
        let folders = try BundledPlans.copy(["aoba", "miyagino", "wakabayashi", "taihaku", "izumi", "sendai"])
        let sheet = "\(folders[5])/attendance-2026.csv"
        let text = String(decoding: try #require(FileManager.default.contents(atPath: sheet)), as: UTF8.self)
        try Data((text + "2027-01-29,goudou-jirei,hirose,出席,1,\n2027-01-29,goudou-jirei,sakuragaoka,欠席連絡あり,,\n").utf8)
            .write(to: URL(fileURLWithPath: sheet))
        let day = CalendarDate(year: 2027, month: 2, day: 1)
        let city = try await PlanDirectory.loadYears(folders[5], expander: LibicalRecurrence(), today: day).get().year(
            FiscalYear(2026))
        let joint = CouncilYear.joinedID("sendai", "goudou-jirei")
        for (index, host, business, attended) in [
            (0, "aoba", BusinessID("hirose"), 1), (1, "miyagino", BusinessID("sakuragaoka"), 0),
        ] {
            let ward = try await PlanDirectory.loadYears(folders[index], expander: LibicalRecurrence(), today: day)
                .get()
            let own = ParticipationReview(ward.year(FiscalYear(2026)), asOf: day)
            let hosted = ParticipationReview(
                ward.year(FiscalYear(2026)).joining(city.seen(by: ward.council, hosted: true)), asOf: day)
            let rate = try #require(hosted.bySeries.first { $0.series.id == joint }?.rate, "\(host)")
            #expect(
                rate.attended == attended
                    && rate.invited
                        == ward.council.businesses.filter {
                            [.designated, .commissioned, .core].contains($0.kind)
                                && $0.isOpen(on: CalendarDate(year: 2027, month: 1, day: 29))
                        }.count,
                "\(host): \(rate)")
            #expect(hosted.overall.invited == own.overall.invited + rate.invited, "\(host): counted in its own figures")
            #expect(
                hosted.byBusiness.first { $0.business.id == business }.map { $0.rate.attended }
                    == own.byBusiness.first { $0.business.id == business }.map { $0.rate.attended + attended })
            // The city's other meetings stay apart.
            #expect(city.seen(by: ward.council, hosted: false).meetings.allSatisfy { $0.series != joint })
        }
        // A ward that does not host it does not count it.
        let izumi = try await PlanDirectory.loadYears(folders[4], expander: LibicalRecurrence(), today: day).get()
        #expect(city.seen(by: izumi.council, hosted: true).meetings.isEmpty)
    }

    @Test(
        "a business listed by two wards has one feed, at the first, with both wards' meetings and the city's once; an edit of the other ward reaches it"
    )
    func oneFeedAcrossWards() async throws {
        let folders = try BundledPlans.copy(["aoba", "miyagino", "wakabayashi", "taihaku", "izumi", "sendai"])
        let roster = "\(folders[1])/businesses.csv"
        let text = String(decoding: try #require(FileManager.default.contents(atPath: roster)), as: UTF8.self)
        try Data((text + "hoshizora,相談支援ほしぞら,指定特定,2025-06-01,1,022-000-1308\n").utf8).write(
            to: URL(fileURLWithPath: roster))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("council-city-\(UUID().uuidString)")
            .path
        _ = try await export(folders, to: out, now: Self.march)
        var feeds = try read(out)
        #expect(feeds["miyagino/businesses/hoshizora.ics"] == nil, "no second feed")
        let own = try #require(feeds["aoba/businesses/hoshizora.ics"])
        let miyagino = try #require(feeds["miyagino/council.ics"])
        let fromMiyagino = own.filter { $0.uid.hasPrefix("miyagino-") }
        #expect(
            fromMiyagino.count > 10
                && fromMiyagino.allSatisfy { event in miyagino.first { $0.uid == event.uid } == event },
            "miyagino's meetings as miyagino publishes them")
        #expect(own.contains { $0.uid.hasPrefix("aoba-") })
        let cityUIDs = own.filter { $0.uid.hasPrefix("sendai-") }.map(\.uid)
        #expect(!cityUIDs.isEmpty && Set(cityUIDs).count == cityUIDs.count)
        #expect(Set(own.map(\.uid)).count == own.count, "each UID once")

        // 6月1日: 宮城野区 moves its July 連絡会; 青葉区's feed for ほしぞら follows, without a change of 青葉区's own.
        let yaml = "\(folders[1])/council.yaml"
        var council = String(decoding: try #require(FileManager.default.contents(atPath: yaml)), as: UTF8.self)
        council = council.replacingOccurrences(
            of: "    schedule: 第3木曜日\n",
            with:
                "    schedule: 第3木曜日\n    exceptions:\n      - {date: 2026-07-16, move_to: 2026-07-23, reason: 会場の都合}\n"
        )
        try Data(council.utf8).write(to: URL(fileURLWithPath: yaml))
        let report = try await export(folders, to: out, now: Self.june, full: false)
        #expect(report.outcome.written.contains { $0.hasSuffix("aoba/businesses/hoshizora.ics") })
        feeds = try read(out)
        let moved = try #require(
            feeds["miyagino/council.ics"]?.first { $0.uid == "miyagino-renrakukai-20260716@miyagino.sendai.example.jp" }
        )
        #expect(moved.start.date == CalendarDate(year: 2026, month: 7, day: 23) && moved.sequence == 1)
        #expect(feeds["aoba/businesses/hoshizora.ics"]?.first { $0.uid == moved.uid } == moved)
    }

    @Test("a ward's review, schedule and grid are as they were without the city")
    func wardsUnchanged() async throws {
        let day = CalendarDate(year: 2026, month: 12, day: 1)
        let withCity = try BundledPlans.copy(["aoba", "miyagino", "wakabayashi", "taihaku", "izumi", "sendai"])
        let alone = try BundledPlans.copy(["aoba"])
        func review(_ folder: String) async throws -> ParticipationReview {
            let years = try await PlanDirectory.loadYears(folder, expander: LibicalRecurrence(), today: day).get()
            return ParticipationReview(years.year(FiscalYear(2026)), asOf: day)
        }
        let a = try await review(withCity[0])
        let b = try await review(alone[0])
        #expect(a.overall == b.overall && a.reach == b.reach && a.invitations == b.invitations)
        #expect(a.overall.invited > 0)

        // Asked for, the city's meetings join: the figures are the ward's own plus the city's part, counted apart.
        let ward = try await PlanDirectory.loadYears(withCity[0], expander: LibicalRecurrence(), today: day).get()
        let city = try await PlanDirectory.loadYears(withCity[5], expander: LibicalRecurrence(), today: day).get()
        let own = ward.year(FiscalYear(2026))
        let part = city.year(FiscalYear(2026)).seen(by: ward.council)
        #expect(
            !part.meetings.isEmpty
                && part.meetings.allSatisfy {
                    CouncilYear.isFromAbove($0.series)
                        && ($0.announcement.title.hasPrefix("【仙台市】") || $0.announcement.title.hasPrefix("【共催】"))
                })
        #expect(
            part.meetings.allSatisfy { $0.announcement.invited.allSatisfy { id in ward.council.business(id) != nil } },
            "only the ward's businesses")
        let apart = ParticipationReview(part, asOf: day)
        let joined = ParticipationReview(own.joining(part), asOf: day)
        #expect(apart.overall.invited > 0)
        let sum = ParticipationReview.Rate(
            attended: a.overall.attended + apart.overall.attended, invited: a.overall.invited + apart.overall.invited,
            online: a.overall.online + apart.overall.online,
            excused: a.overall.excused + apart.overall.excused, absent: a.overall.absent + apart.overall.absent)
        #expect(joined.overall == sum)
        #expect(joined.bySeries.count == a.bySeries.count + apart.bySeries.count)
        // The grid of the joined year has the city's series as rows labelled with its short name, after the plan's.
        let chart = try #require(GanttChart(own.joining(part)))
        #expect(
            chart.above.map(\.title) == [
                "【仙台市】(仮)計画相談支援実務研修", "【仙台市】組織を超えたケースレビュー(基幹相談支援センター)", "【仙台市】ケース管理のあり方を共有する会", "【共催】青葉区・宮城野区 合同事例検討会",
            ])
        #expect(chart.render(GanttOptions(format: .markdown)).contains("| 仙台市 | 【仙台市】(仮)計画相談支援実務研修 |"))
        // Against actual: a city meeting recorded at the city is done (●), one to come planned (■).
        let actual = try #require(GanttChart(own.joining(part), progress: PlanProgress(own, asOf: day), today: day))
            .render(GanttOptions(format: .csv))
        let kenshu = try #require(actual.split(separator: "\n").first { $0.contains("(仮)計画相談支援実務研修") })
        #expect(kenshu.contains("●24") && kenshu.contains("●27") && kenshu.contains("■26"), "\(kenshu)")
    }
}
