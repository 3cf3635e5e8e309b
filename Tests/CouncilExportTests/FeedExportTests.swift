import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilTestSupport
import ExportJob
import Foundation
import ICalendar
import Testing

@Suite("iCalendar feeds")
struct FeedExportTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let march = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 3, day: 1), ClockTime(hour: 9, minute: 0), .utc)
    static let may = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 5, day: 1), ClockTime(hour: 9, minute: 0), .utc)

    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("council-feeds-\(UUID().uuidString)").path
    }

    func export(_ councils: [String], to out: String, now: DateTimeValue = march) async throws -> FeedExport.Report {
        switch await FeedExport(outputDirectory: out, now: now).run(councilDirectories: councils) {
        case .success(let report): return report
        case .failure(let failure): throw failure
        }
    }

    func text(_ path: String) throws -> String {
        String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
    }

    func events(_ path: String) throws -> [VEvent] {
        try ICalendarDecoder().decode(bytes: try #require(FileManager.default.contents(atPath: path)), source: path)
            .events
    }

    @Test("青葉区's council feed and one business feed, as written")
    func snapshots() async throws {
        let out = temporaryDirectory()
        _ = try await export(try BundledPlans.copy(["aoba"]), to: out)
        try assertSnapshot(try text("\(out)/aoba/council.ics"), named: "aoba-council.ics")
        try assertSnapshot(try text("\(out)/aoba/businesses/hoshizora.ics"), named: "aoba-hoshizora.ics")
    }

    @Test("a business feed holds exactly what the business is invited to")
    func invitations() async throws {
        let out = temporaryDirectory()
        let folder = try BundledPlans.copy(["aoba"])[0]
        _ = try await export([folder], to: out)
        let council = try await PlanDirectory.load(folder).get()
        let all = try events("\(out)/aoba/council.ics")
        for business in council.businesses {
            let invitedSeries = Set(council.series.filter { $0.invitation.invites(business) }.map(\.id.rawValue))
            let expected = all.filter { event in invitedSeries.contains { event.uid.hasPrefix("aoba-\($0)-") } }.map(
                \.uid)
            #expect(try events("\(out)/aoba/businesses/\(business.id).ics").map(\.uid) == expected, "\(business.id)")
        }
        // 相談支援ほしぞら (new) is invited to the meeting for new businesses; 相談室ひろせ is not.
        #expect(
            try events("\(out)/aoba/businesses/hoshizora.ics").contains { $0.uid.hasPrefix("aoba-shinki-renrakukai-") })
        #expect(
            try !events("\(out)/aoba/businesses/hirose.ics").contains { $0.uid.hasPrefix("aoba-shinki-renrakukai-") })
        // The ward office's community care centre is invited only to the joint meeting.
        #expect(
            try events("\(out)/aoba/businesses/aoba-houkatsu.ics").map(\.uid) == [
                "aoba-houkatsu-kyousai-20261117@aoba.sendai.example.jp"
            ])
    }

    @Test("every written file is valid, decodes back to what was meant, and folds at 75 octets")
    func wellFormed() async throws {
        let out = temporaryDirectory()
        let councils = try BundledPlans.copy(BundledPlans.ids)
        _ = try await export(councils, to: out)
        let files = try #require(FileManager.default.enumerator(atPath: out)).compactMap { $0 as? String }.filter {
            $0.hasSuffix(".ics")
        }
        #expect(files.count > 50)
        for file in files {
            let bytes = try #require(FileManager.default.contents(atPath: "\(out)/\(file)"))
            let calendar = try ICalendarDecoder().decode(bytes: bytes, source: file)
            #expect(calendar.method == "PUBLISH" && calendar.name != nil && calendar.refreshInterval == .hours(12))
            #expect(calendar.timeZones == [.asiaTokyo])
            #expect(
                try ICalendarEncoder().encode(calendar) == String(decoding: bytes, as: UTF8.self),
                "\(file) decodes back to what was written")
            for line in Array(bytes).split(separator: 0x0A) {
                #expect(line.last == 0x0D, "CRLF")
                #expect(line.count - 1 <= 75, "\(file): a line of \(line.count - 1) octets")
                #expect(
                    String(validating: Array(line), as: UTF8.self) != nil,
                    "\(file): a line that is not UTF-8 on its own")
            }
            for event in calendar.events {
                #expect(event.start.basis == .zone("Asia/Tokyo"))
                #expect(event.sequence == 0 && event.timestamp == Self.march)
            }
        }
    }

    @Test("re-exporting unchanged plans changes no byte and writes no file")
    func reproducible() async throws {
        let out = temporaryDirectory()
        let councils = try BundledPlans.copy(BundledPlans.ids)
        let first = try await export(councils, to: out)
        let before = try text("\(out)/izumi/council.ics")
        let second = try await export(councils, to: out, now: Self.may)
        #expect(second.outcome.written.isEmpty)
        #expect(second.outcome.unchanged.count == first.outcome.written.count)
        #expect(try text("\(out)/izumi/council.ics") == before)
    }

    @Test(
        "UIDs end in the council's uid_domain; a new council without one is refused; UIDs published as @council are kept"
    )
    func uidDomain() async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "uid_domain: demo.example.jp\n", with: "")
        let folder = try fixture.write()
        let out = temporaryDirectory()
        guard
            case .failure(let failure) = await FeedExport(outputDirectory: out, now: Self.march).run(
                councilDirectories: [
                    folder
                ])
        else {
            Issue.record("a council published for the first time needs uid_domain")
            return
        }
        #expect(failure.description.contains("council.yaml:1:1: error[missing-key]: uid_domain がありません"), "\(failure)")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/demo"), "nothing written")

        // Published by an earlier version, as …@council: those UIDs stay, a series added later gets the domain.
        fixture.files["council.yaml"] = PlanFixture.council
        try fixture.rewrite(folder)
        _ = try await export([folder], to: out)
        for file in ["council.ics", "businesses/kita.ics", "businesses/minami.ics"] {
            let path = "\(out)/demo/\(file)"
            try Data(try text(path).replacingOccurrences(of: "@demo.example.jp", with: "@council").utf8).write(
                to: URL(fileURLWithPath: path))
        }
        fixture.files["council.yaml"] =
            PlanFixture.council + """
                  - id: kenshu
                    title: 研修会
                    kind: 研修会
                    schedule: 2026-07-21
                    invite:
                      kinds: [委託]

                """
        try fixture.rewrite(folder)
        _ = try await export([folder], to: out, now: Self.may)
        let uids = try events("\(out)/demo/council.ics").map(\.uid)
        #expect(uids.filter { $0.hasPrefix("demo-renrakukai-") }.allSatisfy { $0.hasSuffix("@council") }, "\(uids)")
        #expect(uids.contains("demo-kenshu-20260721@demo.example.jp"))
        #expect(
            !uids.contains { $0.hasPrefix("demo-renrakukai-") && $0.hasSuffix("@demo.example.jp") },
            "no meeting is published twice")
    }

    @Test("every UID of the bundled calendars ends in the domain of the council that made it: its own, or its city's")
    func bundledUIDs() throws {
        let calendars = BundledPlans.repository.appendingPathComponent("calendars").path
        var count = 0
        for file in try #require(FileManager.default.enumerator(atPath: calendars)).compactMap({ $0 as? String })
        where file.hasSuffix(".ics") {
            let council = String(file.prefix { $0 != "/" })
            for event in try events("\(calendars)/\(file)") {
                let maker = event.uid.hasPrefix("sendai-") ? "city" : council
                #expect(
                    event.uid.hasSuffix("@\(maker).sendai.example.jp")
                        && (maker == council || council == "sendai" || file.contains("/businesses/")
                            || event.description?.contains("共催") == true),
                    "\(file): \(event.uid)")
                count += 1
            }
        }
        #expect(count > 1000)
    }

    @Test("moving a meeting keeps its UID and raises SEQUENCE; removing one leaves it CANCELLED")
    func changes() async throws {
        var fixture = PlanFixture()
        let folder = try fixture.write()
        let out = temporaryDirectory()
        _ = try await export([folder], to: out)
        let june = "demo-renrakukai-20260609@demo.example.jp"
        let august = "demo-renrakukai-20260811@demo.example.jp"
        #expect(try events("\(out)/demo/council.ics").map(\.uid).contains(june))

        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n",
            with:
                "    time: 14:00-16:00\n    exceptions:\n      - {date: 2026-06-09, move_to: 2026-06-16, reason: 会場の都合}\n"
        )
        try fixture.rewrite(folder)
        _ = try await export([folder], to: out, now: Self.may)
        let moved = try #require(try events("\(out)/demo/council.ics").first { $0.uid == june })
        #expect(moved.start.date == CalendarDate(year: 2026, month: 6, day: 16))
        #expect(moved.sequence == 1 && moved.timestamp == Self.may)
        let untouched = try #require(try events("\(out)/demo/council.ics").first { $0.uid == august })
        #expect(untouched.sequence == 0 && untouched.timestamp == Self.march, "other meetings keep their stamps")
        #expect(try events("\(out)/demo/businesses/kita.ics").first { $0.uid == june }?.sequence == 1)

        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "偶数月の第2火曜日", with: "4,6,10,12,2月の第2火曜日")
        try fixture.rewrite(folder)
        _ = try await export([folder], to: out, now: Self.may)
        let removed = try #require(try events("\(out)/demo/council.ics").first { $0.uid == august })
        #expect(removed.status == .cancelled && removed.sequence == 1)
        #expect(removed.summary == "【中止】相談支援事業所等連絡会", "calcurse and others ignore STATUS: the SUMMARY says it")
        let returned = try #require(try events("\(out)/demo/council.ics").first { $0.uid == june })
        #expect(
            returned.start.date == CalendarDate(year: 2026, month: 6, day: 9) && returned.sequence == 2,
            "moved back: another change")
    }

    @Test(
        "a meeting cancelled by an exception says so in its SUMMARY in every feed, has no reminder, and is one SEQUENCE on"
    )
    func cancelledSummary() async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n", with: "    time: 14:00-16:00\n    remind: 1日前\n")
        let folder = try fixture.write()
        let out = temporaryDirectory()
        _ = try await export([folder], to: out)
        let june = "demo-renrakukai-20260609@demo.example.jp"
        fixture.files["council.yaml"] = fixture.files["council.yaml"]!.replacingOccurrences(
            of: "    remind: 1日前\n",
            with: "    remind: 1日前\n    exceptions:\n      - {date: 2026-06-09, cancel: true, reason: 台風}\n")
        try fixture.rewrite(folder)
        _ = try await export([folder], to: out, now: Self.may)
        for feed in ["demo/council.ics", "demo/businesses/kita.ics", "demo/businesses/minami.ics"] {
            let cancelled = try #require(try events("\(out)/\(feed)").first { $0.uid == june }, "\(feed)")
            #expect(cancelled.status == .cancelled && cancelled.sequence == 1 && cancelled.alarms.isEmpty)
            #expect(cancelled.summary?.hasPrefix("【中止】") == true, "\(feed): \(cancelled.summary ?? "")")
        }
    }

    @Test(
        "every cancelled event of every bundled council's feeds begins its SUMMARY with what happened (【中止】, 【事業所都合で中止】, or a slot copy's 取消)"
    )
    func everyCancelledEventSaysSo() async throws {
        let folders = try BundledPlans.copy(BundledPlans.ids)
        let out = (folders[0] as NSString).deletingLastPathComponent + "/calendars"
        _ = try await export(folders, to: out)
        var cancelled = 0
        for file in try #require(FileManager.default.enumerator(atPath: out)).compactMap({ $0 as? String })
        where file.hasSuffix(".ics") {
            for event in try events("\(out)/\(file)") where event.status == .cancelled {
                cancelled += 1
                let summary = event.summary ?? ""
                #expect(
                    summary.hasPrefix("【") && summary.contains("中止】") || summary.contains("取消"), "\(file): \(summary)")
            }
        }
        #expect(cancelled > 0)
    }

    @Test(
        "one-off meetings titled with every length from 1 to 90 octets (ASCII, é, あ, 𠮷): clean bytes, and the export after an edit succeeds"
    )
    func everyTitleLength() async throws {
        var yaml = "id: demo\nname: 見本区障害者自立支援協議会\nshort_name: 見本区\nuid_domain: demo.example.jp\nseries:\n"
        for (kind, piece) in ["a", "é", "あ", "𠮷"].enumerated() {
            for octets in 1...90 {
                var title = ""
                while title.utf8.count + piece.utf8.count <= octets { title += piece }
                title += String(repeating: "x", count: octets - title.utf8.count)
                let day = CalendarDate(year: 2026, month: 4, day: 1).adding(days: kind * 90 + octets)
                yaml +=
                    "  - id: s\(kind)-\(octets)\n    title: \"\(title)\"\n    kind: 連絡会\n    schedule: \(day)\n    time: 10:00-11:00\n    venue: \"\(title)\"\n    invite:\n      kinds: [指定特定, 委託]\n"
            }
        }
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = yaml
        fixture.files["plan-2026.yaml"] = nil
        let folder = try fixture.write()
        let out = temporaryDirectory()
        let april = DateTimeValue.dateTime(
            CalendarDate(year: 2026, month: 4, day: 1), ClockTime(hour: 0, minute: 0), .utc)
        _ = try await export([folder], to: out, now: april)
        for feed in ["demo/council.ics", "demo/businesses/kita.ics", "demo/businesses/minami.ics"] {
            let bytes = try #require(FileManager.default.contents(atPath: "\(out)/\(feed)"))
            #expect(
                ContentLineRules.problems(in: bytes, source: feed).isEmpty,
                "\(ContentLineRules.problems(in: bytes, source: feed).prefix(3))")
            let count = try events("\(out)/\(feed)").count
            #expect(count == 360, "\(feed): \(count)")
        }
        fixture.files["council.yaml"] = yaml.replacingOccurrences(of: "time: 10:00-11:00", with: "time: 10:00-11:30")
        try fixture.rewrite(folder)
        let again = try await export(
            [folder], to: out,
            now: .dateTime(CalendarDate(year: 2026, month: 4, day: 2), ClockTime(hour: 0, minute: 0), .utc))
        #expect(again.outcome.written.count == 3, "every feed written again after the edit")
    }

    @Test("a failing write leaves every old file untouched and no temporary file behind")
    func failingWrite() async throws {
        var fixture = PlanFixture()
        let folder = try fixture.write()
        let out = temporaryDirectory()
        _ = try await export([folder], to: out)
        let before = try text("\(out)/demo/council.ics")
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(of: "14:00-16:00", with: "15:00-17:00")
        try fixture.rewrite(folder)
        // A plain file where the business feeds' folder must be: the second feed cannot be written.
        try FileManager.default.removeItem(atPath: "\(out)/demo/businesses")
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: "\(out)/demo/businesses"))
        let result = await FeedExport(outputDirectory: out, now: Self.may).run(councilDirectories: [folder])
        guard case .failure(let failure) = result else {
            Issue.record("the export should fail")
            return
        }
        #expect(failure.description.contains("nothing was changed"))
        #expect(try text("\(out)/demo/council.ics") == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: "\(out)/demo").sorted() == [
                "businesses", "council.ics",
            ])
    }

    @Test("an export whose task is cancelled before its councils are exported writes nothing and says so")
    func cancelledExport() async throws {
        let folder = try PlanFixture().write()
        let out = temporaryDirectory()
        let published = "\(folder)/published-2026.csv"
        let result = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await FeedExport(outputDirectory: out, now: Self.march).run(councilDirectories: [folder])
        }.value
        guard case .failure(.cancelled) = result else {
            Issue.record("a cancelled export must not report \(result)")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: "\(out)/demo/council.ics"))
        #expect(!FileManager.default.fileExists(atPath: published))
        #expect(!FileManager.default.fileExists(atPath: "\(out)/.council-export"))
    }

    @Test("a previous export that is not iCalendar stops the export instead of resetting SEQUENCE")
    func corruptPrevious() async throws {
        let folder = try PlanFixture().write()
        let out = temporaryDirectory()
        _ = try await export([folder], to: out)
        try Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n".utf8).write(to: URL(fileURLWithPath: "\(out)/demo/council.ics"))
        guard
            case .failure(let failure) = await FeedExport(outputDirectory: out, now: Self.may).run(councilDirectories: [
                folder
            ])
        else {
            Issue.record("the export should fail")
            return
        }
        #expect(failure.description.contains("council.ics:3:1: error[ical-unterminated-component]"))
    }
}

@Suite("Incremental export")
struct IncrementalExportTests {
    static let march = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 3, day: 1), ClockTime(hour: 9, minute: 0), .utc)

    @Test(
        "unchanged plans are skipped; a changed plan or a damaged feed is exported again, to the same bytes as a full export"
    )
    func incremental() async throws {
        var fixture = PlanFixture()
        let folder = try fixture.write()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "council-incremental-\(UUID().uuidString)"
        ).path
        let export = FeedExport(outputDirectory: out, now: Self.march)
        guard case .success(let first) = await export.run(councilDirectories: [folder], full: false) else {
            throw Failure()
        }
        #expect(first.outcome.written.count == 3)
        guard case .success(let second) = await export.run(councilDirectories: [folder], full: false) else {
            throw Failure()
        }
        #expect(second.outcome.written.isEmpty && second.outcome.unchanged.count == 3 && second.events == first.events)

        try FileManager.default.removeItem(atPath: "\(out)/demo/businesses/kita.ics")
        guard case .success(let repaired) = await export.run(councilDirectories: [folder], full: false) else {
            throw Failure()
        }
        #expect(repaired.outcome.written == ["\(out)/demo/businesses/kita.ics"])

        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(of: "14:00-16:00", with: "15:00-17:00")
        try fixture.rewrite(folder)
        guard case .success(let changed) = await export.run(councilDirectories: [folder], full: false) else {
            throw Failure()
        }
        #expect(changed.outcome.written.count == 3)
        let incremental = FileManager.default.contents(atPath: "\(out)/demo/council.ics")
        guard case .success = await export.run(councilDirectories: [folder], full: true) else { throw Failure() }
        #expect(FileManager.default.contents(atPath: "\(out)/demo/council.ics") == incremental)
    }

    struct Failure: Error {}
}
