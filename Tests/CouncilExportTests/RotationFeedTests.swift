import CouncilCore
import CouncilExport
import CouncilFiles
import ExportJob
import Foundation
import ICalendar
import IntegerProgramming
import Testing

@Suite("Rotations in the bundled plans and in the feeds")
struct RotationFeedTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let now = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 3, day: 1), ClockTime(hour: 9, minute: 0), .utc)

    func miyagino() async throws -> Council {
        try await PlanDirectory.load(
            Self.repository.appendingPathComponent("plans/miyagino").path, expander: LibicalRecurrence()
        ).get()
    }

    @Test("宮城野区: one business a month after the 連絡会, new and one-person businesses first, nobody twice before all once")
    func miyaginoYear() async throws {
        let council = try await miyagino()
        let record = try #require(council.rotationRecord("kobetsu-sv", year: FiscalYear(2026)))
        #expect(record.assignments.count == 12)
        #expect(record.assignments.allSatisfy { $0.targets.count == 1 && $0.leads.count == 1 })
        let order = record.assignments.map { $0.targets[0] }
        let pool = council.businesses.filter { $0.kind == .designated }
        #expect(Set(order.prefix(pool.count)).count == pool.count)
        let first = try #require(council.business(order[0]))
        #expect(first.isNew(in: FiscalYear(2026)) && first.isOnePerson)
        let rotation = try #require(council.rotation("kobetsu-sv"))
        for assignment in record.assignments {
            let lead = try #require(rotation.lead(assignment.leads[0]))
            #expect(lead.business != assignment.targets[0], "nobody supervises their own business")
        }
        // The record is what the planner gives for the same input.
        let scheduler = Scheduler(calendar: council.calendar, expander: LibicalRecurrence())
        let slots = try #require(
            CouncilYear(
                council: council, year: FiscalYear(2026), today: CalendarDate(year: 2026, month: 3, day: 31),
                scheduler: scheduler
            ).slots[rotation.id])
        let replanned = try RotationPlanner(council: council, rotation: rotation, year: FiscalYear(2026)).plan(
            slots: slots, previous: [], today: CalendarDate(year: 2026, month: 3, day: 31), solver: GLPKSolver()
        ).get()
        #expect(replanned.assignments.map(\.targets) == record.assignments.map(\.targets))
    }

    @Test("a supervision target is named only in the feeds of those involved; the public feed does not name it")
    func privacy() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("council-privacy-\(UUID().uuidString)")
            .path
        let out = "\(base)/calendars"
        // Exporting records what it published in the plan folder: a copy, so the repository stays as it is.
        let folder = "\(base)/miyagino"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.repository.appendingPathComponent("plans/miyagino").path, toPath: folder)
        guard case .success = await FeedExport(outputDirectory: out, now: Self.now).run(councilDirectories: [folder])
        else {
            Issue.record("export failed")
            return
        }
        let council = try await miyagino()
        let record = try #require(council.rotationRecord("kobetsu-sv", year: FiscalYear(2026)))
        let publicText = String(
            decoding: try #require(FileManager.default.contents(atPath: "\(out)/miyagino/council.ics")), as: UTF8.self)
        let slotEvents = try ICalendarDecoder().decode(publicText).events.filter { $0.uid.contains("-kobetsu-sv-") }
        #expect(slotEvents.count == 12)
        #expect(slotEvents.allSatisfy { $0.summary == "個別スーパービジョン" })
        for business in council.businesses where business.kind == .designated {
            #expect(
                !slotEvents.contains {
                    ($0.description ?? "").contains(business.name) || ($0.summary ?? "").contains(business.name)
                }, "\(business.name) is not named publicly")
        }
        for assignment in record.assignments {
            let target = try #require(council.business(assignment.targets[0]))
            // Each business involved has its own copy, under the slot's name and a tag of its own.
            let slot = "miyagino-kobetsu-sv-\(assignment.slot.originalDate.description.filter { $0 != "-" })"
            let own = try ICalendarDecoder().decode(
                bytes: try #require(FileManager.default.contents(atPath: "\(out)/miyagino/businesses/\(target.id).ics"))
            ).events
            let copy = try #require(own.first { $0.uid.hasPrefix(slot + "-") })
            #expect(copy.summary == "個別スーパービジョン(\(target.name))")
            #expect(copy.uid.hasSuffix("@miyagino.sendai.example.jp") && !copy.uid.contains(target.id.rawValue))
            #expect(
                !own.contains { $0.uid == "\(slot)@miyagino.sendai.example.jp" },
                "the public copy is not in the business's feed")
            for other in council.businesses
            where other.id != target.id && other.kind == .designated && other.id != "fukumuro" {
                let theirs = try ICalendarDecoder().decode(
                    bytes: try #require(
                        FileManager.default.contents(atPath: "\(out)/miyagino/businesses/\(other.id).ics"))
                ).events
                #expect(!theirs.contains { $0.uid.hasPrefix(slot) }, "\(other.id) does not see \(target.id)'s slot")
            }
        }
    }
}

@Suite("A 区職員 lead's slots reach their own section only")
struct SectionFeedTests {
    @Test("visits led by 障害高齢課 are in its feed, not in the 虐待防止・事業者指導担当's, and carry the business's address")
    func sections() throws {
        let kita = Business(id: "kita", name: "きた相談室", kind: .designated, address: "見本市北区1-1")
        let shogai = Business(id: "shogai", name: "区役所 障害高齢課", kind: .wardOffice)
        let shido = Business(id: "shido", name: "区役所 虐待防止・事業者指導担当", kind: .wardOffice)
        let rotation = Rotation(
            id: "houmon", title: "事業所訪問", kind: .visit, slots: .schedule(.dates([]), text: "", time: nil), venue: "区役所",
            pool: Invitation(kinds: [.designated]),
            leads: [
                Lead(id: "ito", name: "伊藤", affiliation: .wardOffice(section: "shogai")),
                Lead(id: "sato", name: "佐藤", affiliation: .wardOffice(section: nil)),
            ])
        let day = CalendarDate(year: 2026, month: 6, day: 3)
        let record = RotationRecord(
            rotation: "houmon", year: FiscalYear(2026),
            assignments: [
                SlotAssignment(
                    slot: RotationSlot(rotation: "houmon", originalDate: day, date: day, time: nil), targets: ["kita"],
                    leads: ["ito"]),
                SlotAssignment(
                    slot: RotationSlot(
                        rotation: "houmon", originalDate: day.adding(days: 28), date: day.adding(days: 28), time: nil),
                    targets: ["kita"], leads: ["sato"]),
            ])
        let council = Council(
            id: "t", name: "テスト協議会", shortName: "テスト", businesses: [kita, shogai, shido], rotations: [rotation],
            rotationRecords: [record])
        let feeds = Dictionary(
            uniqueKeysWithValues: CouncilFeeds(council: council, meetings: []).feeds().map {
                ($0.path, $0.calendar.events)
            })
        #expect(feeds["t/businesses/shogai.ics"]?.map(\.start.date) == [day], "only the visit 伊藤 of 障害高齢課 leads")
        #expect(feeds["t/businesses/shido.ics"]?.isEmpty == true, "the inspection section sees no visit")
        #expect(feeds["t/businesses/kita.ics"]?.map(\.location) == ["見本市北区1-1", "見本市北区1-1"])
        #expect(
            feeds["t/council.ics"]?.map(\.location) == ["区役所", "区役所"],
            "the public feed keeps the rotation's venue, no address")
    }
}
