import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import Foundation
import Testing

@Suite("A business's own year, counted as the council's review counts it")
struct BusinessYearTests {
    static let repository = ReviewReportTests.repository
    let day = CalendarDate(year: 2026, month: 12, day: 1)

    func year(_ id: String) async throws -> CouncilYear {
        let council = try await PlanDirectory.load(
            Self.repository.appendingPathComponent("plans/\(id)").path, expander: LibicalRecurrence(), today: day
        ).get()
        return CouncilYears(council: council, today: day, expander: LibicalRecurrence()).year(FiscalYear(2026))
    }

    @Test(
        "every business of every bundled council: each recorded meeting listed by date, its rate the review's",
        arguments: ["aoba", "izumi", "miyagino", "taihaku", "wakabayashi"])
    func sameFigures(_ id: String) async throws {
        let councilYear = try await year(id)
        let review = ParticipationReview(councilYear, asOf: day)
        let byBusiness = Dictionary(uniqueKeysWithValues: review.byBusiness.map { ($0.business.id, $0.rate) })
        let recorded = councilYear.attendance.recordedMeetings
        for business in councilYear.council.businesses {
            let businessYear = try #require(BusinessYear(councilYear, business: business.id, review: review))
            #expect(
                businessYear.rate == (byBusiness[business.id] ?? ParticipationReview.Rate()), "\(id)/\(business.id)")
            let text = BusinessYearReport(year: businessYear).render(.text)
            let rate = businessYear.rate
            #expect(text.contains("参加率      \(rate.percent)(出席 \(rate.attended) / 案内 \(rate.invited)"))
            // Every line of the record for this business, at a meeting of the year, is in its year by its day.
            for entry in councilYear.attendance.sorted where entry.business == business.id {
                guard
                    let meeting = councilYear.meetings.first(where: {
                        $0.series == entry.series && $0.occurrence.originalDate == entry.originalDate
                    }), meeting.date <= day
                else { continue }
                let line = try #require(
                    businessYear.meetings.first { $0.meeting == meeting },
                    "\(id)/\(business.id) \(entry.series) \(entry.originalDate)")
                #expect(line.entry == entry)
                #expect(text.contains(meeting.date.japaneseDescription))
            }
            for line in businessYear.meetings {
                #expect(
                    line.isCounted
                        == (recorded.contains(MeetingKey(line.meeting.occurrence)) && line.meeting.date <= day
                            && line.meeting.occurrence.status != .cancelled
                            && line.state != .walkIn(line.entry?.status ?? .present)))
            }
        }
    }

    @Test("さくらがおか of 宮城野: a recorded 個別SV, a slot to come, meetings to come, every state labelled")
    func miyagino() async throws {
        let councilYear = try await year("miyagino")
        let review = ParticipationReview(councilYear, asOf: day)
        let businessYear = try #require(BusinessYear(councilYear, business: "sakuragaoka", review: review))
        #expect(businessYear.slots.map(\.assignment.slot.date.description) == ["2026-05-21", "2027-01-21"])
        #expect(businessYear.slots.allSatisfy { $0.isTarget })
        #expect(businessYear.slots.first?.assignment.outcome == .held)
        #expect(businessYear.upcoming.allSatisfy { $0.meeting.date > day } && !businessYear.upcoming.isEmpty)
        let report = BusinessYearReport(year: businessYear)
        let html = report.render(.html)
        #expect(html.contains("令和8年5月21日(木)") && html.contains("対象(受ける)") && html.contains("<main>"))
        #expect(html.contains("role=\"img\"") && html.contains("<title id=\"chart-compare\">"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let rate = try #require(json["rate"] as? [String: Any])
        #expect(
            rate["attended"] as? Int == businessYear.rate.attended
                && rate["invited"] as? Int == businessYear.rate.invited)
        #expect((json["meetings"] as? [Any])?.count == businessYear.meetings.count)
        #expect(BusinessYear(councilYear, business: "nobody", review: review)?.business == nil)
    }
}
