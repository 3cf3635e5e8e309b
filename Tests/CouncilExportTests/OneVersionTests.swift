import CouncilCore
import CouncilExport
import CouncilTestSupport
import ExportJob
import Foundation
import ICalendar
import Testing

/// Wherever a UID appears in a council's feeds, its event is the same bytes: a client that merges calendars
/// by UID never has to choose between two versions.
@Suite("One UID, one version, across a council's feeds")
struct OneVersionTests {
    static let domain = "@miyagino.sendai.example.jp"

    /// Every VEVENT of every feed under `out/<council>` for each council, as written (lines unfolded), by UID.
    /// (A council above councils has only its council.ics; its meetings are in its members' business feeds.)
    func copies(_ out: String, councils: [String] = ["miyagino"]) throws -> [String: [(feed: String, text: String)]] {
        let feeds = councils.flatMap { council in
            ["\(council)/council.ics"]
                + ((try? FileManager.default.contentsOfDirectory(atPath: "\(out)/\(council)/businesses")) ?? [])
                .sorted().map { "\(council)/businesses/\($0)" }
        }
        var byUID: [String: [(feed: String, text: String)]] = [:]
        for feed in feeds {
            let text = String(
                decoding: try #require(FileManager.default.contents(atPath: "\(out)/\(feed)")), as: UTF8.self)
            for block in text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "BEGIN:VEVENT\r\n")
                .dropFirst()
            {
                let event = try #require(block.components(separatedBy: "END:VEVENT\r\n").first)
                let uid = try #require(event.split(separator: "\r\n").first { $0.hasPrefix("UID:") }).dropFirst(4)
                byUID[String(uid), default: []].append((feed, event))
            }
        }
        return byUID
    }

    func expectOneVersion(_ out: String, councils: [String] = ["miyagino"], _ comment: String) throws {
        for (uid, all) in try copies(out, councils: councils) {
            #expect(
                Set(all.map(\.text)).count == 1,
                "\(comment): \(uid) has \(Set(all.map(\.text)).count) versions in \(all.map(\.feed))")
            #expect(Set(all.map(\.feed)).count == all.count, "\(comment): \(uid) twice in one feed")
        }
    }

    func export(_ folder: String, _ out: String, on day: CalendarDate) async throws {
        let now = DateTimeValue.dateTime(day, ClockTime(hour: 1, minute: 0), .utc)
        if case .failure(let failure) = await FeedExport(outputDirectory: out, now: now).run(councilDirectories: [
            folder
        ]) {
            throw failure
        }
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        let text = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        let changed = change(text)
        #expect(changed != text, "the edit of \(path) changes it")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test(
        "published, then a slot reassigned and a business closed: every UID has one version in every feed; the business taken off is told why"
    )
    func timeline() async throws {
        let folder = try #require(try BundledPlans.copy(["miyagino"]).first)
        let out = folder + "-calendars"
        try await export(folder, out, on: CalendarDate(year: 2026, month: 12, day: 1))
        try expectOneVersion(out, "first export")
        let slot = "miyagino-kobetsu-sv-20270121"
        let before = try copies(out)
        #expect(
            before[slot + Self.domain]?.map(\.feed) == ["miyagino/council.ics"],
            "the public copy, without names, only in council.ics")
        let sakuragaoka = try #require(
            before.first {
                $0.key.hasPrefix(slot + "-") && $0.value.map(\.feed) == ["miyagino/businesses/sakuragaoka.ics"]
            })

        // 12月5日: January's 個別SV goes to つるがや instead of さくらがおか; つるがや closes at the end of January;
        // a new business opens, invited to meetings published long ago (it gets the same versions, not new ones).
        try edit("\(folder)/rotation-kobetsu-sv-2026.csv") {
            $0.replacingOccurrences(
                of: "2027-01-21,2027-01-21,15:00,16:00,sakuragaoka,",
                with: "2027-01-21,2027-01-21,15:00,16:00,tsurugaya,")
        }
        try edit("\(folder)/businesses.csv") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
                line.isEmpty
                    ? ""
                    : index == 0 ? line + ",closed_on" : line + (line.hasPrefix("tsurugaya,") ? ",2027-02-01" : ",")
            }.joined(separator: "\n") + (text.hasSuffix("\n") ? "" : "\n")
                + "miyagino-new,新しい相談室,指定特定,2026-12-01,1,022-000-2309,\n"
        }
        try await export(folder, out, on: CalendarDate(year: 2026, month: 12, day: 5))
        try expectOneVersion(out, "after the changes")
        let after = try copies(out)
        let newcomer = after.filter { $0.value.contains { $0.feed == "miyagino/businesses/miyagino-new.ics" } }
        #expect(newcomer.count == 5, "the four 連絡会 and the テーマ会議 from December on: \(newcomer.keys.sorted())")
        #expect(newcomer.keys.allSatisfy { before[$0] != nil }, "invited to meetings already published")
        #expect(
            newcomer.allSatisfy { $0.value.first?.text == before[$0.key]?.first?.text },
            "each as it was published, DTSTAMP and SEQUENCE too")
        #expect(
            after[slot + Self.domain]?.first?.text == before[slot + Self.domain]?.first?.text,
            "the public copy names no one: unchanged")

        let withdrawn = try #require(after[sakuragaoka.key]?.first?.text)
        #expect(after[sakuragaoka.key]?.map(\.feed) == ["miyagino/businesses/sakuragaoka.ics"])
        #expect(withdrawn.contains("STATUS:CANCELLED") && withdrawn.contains("SEQUENCE:1"))
        #expect(withdrawn.contains("SUMMARY:個別スーパービジョン(担当変更のため取消)"), "\(withdrawn)")
        #expect(withdrawn.contains("担当の変更により"))
        let tsurugaya = try #require(
            after.first {
                $0.key.hasPrefix(slot + "-") && $0.value.map(\.feed) == ["miyagino/businesses/tsurugaya.ics"]
            }?.value.first?.text)
        #expect(
            tsurugaya.contains("STATUS:CONFIRMED") && tsurugaya.contains("SEQUENCE:0")
                && tsurugaya.contains("SUMMARY:個別スーパービジョン(つるがや計画相談センター)"))

        // つるがや is invited to no meeting from February on: those leave its feed, the rest keep its copies.
        let february = "miyagino-renrakukai-2027"
        let theirs = after.filter { $0.value.contains { $0.feed == "miyagino/businesses/tsurugaya.ics" } }.keys
        let meetingsBefore = before.filter { $0.value.contains { $0.feed == "miyagino/businesses/tsurugaya.ics" } }.keys
            .filter { $0.hasPrefix(february) }
        #expect(!meetingsBefore.isEmpty)
        #expect(
            theirs.filter { $0.hasPrefix("miyagino-renrakukai-20270") && !$0.hasPrefix("miyagino-renrakukai-202701") }
                .isEmpty, "\(theirs.sorted())")
        #expect(theirs.contains { $0.hasPrefix("miyagino-renrakukai-202612") })

        // Put back: さくらがおか's copy is confirmed again, one SEQUENCE on.
        try edit("\(folder)/rotation-kobetsu-sv-2026.csv") {
            $0.replacingOccurrences(
                of: "2027-01-21,2027-01-21,15:00,16:00,tsurugaya,",
                with: "2027-01-21,2027-01-21,15:00,16:00,sakuragaoka,")
        }
        try await export(folder, out, on: CalendarDate(year: 2026, month: 12, day: 8))
        try expectOneVersion(out, "put back")
        let again = try #require(try copies(out)[sakuragaoka.key]?.first?.text)
        #expect(
            again.contains("STATUS:CONFIRMED") && again.contains("SEQUENCE:2")
                && again.contains("SUMMARY:個別スーパービジョン(さくらがおか相談支援事業所)"))
    }

    @Test(
        "the bundled calendars: every UID has one version in all the feeds of every council, the city's meetings in the wards' too"
    )
    func bundled() throws {
        let calendars = BundledPlans.repository.appendingPathComponent("calendars").path
        try expectOneVersion(calendars, councils: BundledPlans.ids, "calendars/")
        #expect(try copies(calendars, councils: BundledPlans.ids).keys.contains { $0.hasPrefix("sendai-") })
    }

    @Test(
        "upgrading from feeds whose business copies shared the public UID: later slots move to their own UIDs, the past stays as published, nothing doubles"
    )
    func upgrade() throws {
        let day = CalendarDate(year: 2026, month: 12, day: 1)
        let now = DateTimeValue.dateTime(day, ClockTime(hour: 1, minute: 0), .utc)
        func slot(_ uid: String, _ date: CalendarDate, _ summary: String) -> VEvent {
            VEvent(
                uid: uid, timestamp: now, start: .date(date), end: .date(date.adding(days: 1)), summary: summary,
                status: .confirmed, sequence: 0)
        }
        let past = CalendarDate(year: 2026, month: 11, day: 19)
        let later = CalendarDate(year: 2026, month: 12, day: 17)
        func calendar(_ events: [VEvent]) -> VCalendar { VCalendar(productID: "-//t//t//JA", events: events) }
        let publicPast = slot("m-sv-20261119@d", past, "個別SV")
        let publicLater = slot("m-sv-20261217@d", later, "個別SV")
        let previous = [
            "m/council.ics": calendar([publicPast, publicLater]),
            "m/businesses/a.ics": calendar([
                slot("m-sv-20261119@d", past, "個別SV(A)"), slot("m-sv-20261217@d", later, "個別SV(A)"),
            ]),
        ]
        let fresh = [
            Feed(path: "m/council.ics", calendar: calendar([publicPast, publicLater])),
            Feed(
                path: "m/businesses/a.ics",
                calendar: calendar([
                    slot("m-sv-20261119-aa@d", past, "個別SV(A)"), slot("m-sv-20261217-aa@d", later, "個別SV(A)"),
                ])),
        ]
        let reconciled = FeedReconciler(now: now, today: day).reconcile(fresh, previous: previous, withdrawn: { $0 })
        let business = reconciled[1].calendar.events
        #expect(
            business.map(\.uid) == ["m-sv-20261119@d", "m-sv-20261217-aa@d"],
            "the past copy as published; the later one under its own UID only")
        #expect(business[0] == previous["m/businesses/a.ics"]?.events[0])
        #expect(reconciled[0].calendar.events == [publicPast, publicLater])
    }
}
