import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import Foundation
import Testing

@Suite("The documents a secretariat hands out: the 計画案 and the 開催案内")
struct DocumentTests {
    let day = CalendarDate(year: 2026, month: 12, day: 1)

    func year(_ id: String) async throws -> CouncilYear {
        let council = try await PlanDirectory.load(
            ReviewReportTests.repository.appendingPathComponent("plans/\(id)").path, expander: LibicalRecurrence(),
            today: day
        ).get()
        return CouncilYears(council: council, today: day, expander: LibicalRecurrence()).year(FiscalYear(2026))
    }

    @Test(
        "the 計画案 holds every part of the seed's plan, in its order, in each format",
        arguments: ["aoba", "miyagino", "wakabayashi"])
    func plan(_ id: String) async throws {
        let councilYear = try await year(id)
        let plan = try #require(councilYear.plan)
        let document = PlanDocument(chart: try #require(GanttChart(councilYear)))
        for format in PlanDocument.Format.allCases {
            let text = document.render(format)
            let unescaped =
                format == .html
                ? text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&") : text
            let parts =
                ["令和7年度の取組"] + plan.previousWork + ["明らかになったこと"] + plan.findings + ["目標"] + plan.goals
                + plan.issues.flatMap { [$0.problem] + $0.actions + ($0.remarks.map { [$0] } ?? []) }
                + ["作業手順・スケジュール", "4月", "3月"] + ["その他計画案に関する特記事項"] + plan.notes
            var position = unescaped.startIndex
            for part in parts {
                // Text wraps nothing but the grid; each part is found after the one before.
                let range = try #require(
                    unescaped.range(of: part, range: position..<unescaped.endIndex),
                    "\(id) \(format): 「\(part.prefix(30))」 missing or out of order")
                position = range.upperBound
            }
            for task in plan.tasks where format == .html {
                #expect(unescaped.contains(task.title), "\(id): task \(task.number)")
            }
        }
        #expect(document.render(.html).contains("<table class=\"grid\">"))
    }

    @Test("the 計画案's heading names the council once: after a title without it, not again after one with it")
    func headingNamesTheCouncilOnce() async throws {
        let councilYear = try await year("aoba")
        var plan = try #require(councilYear.plan)
        let title = { (plan: Plan) in PlanDocument(chart: GanttChart(council: councilYear.council, plan: plan)).title }
        #expect(title(plan) == "令和8年度 指定特定相談支援事業所と関係機関のネットワーク強化に向けた計画案(青葉区障害者自立支援協議会)")
        plan.title = "令和8年度 青葉区障害者自立支援協議会 事業計画"
        #expect(title(plan) == "令和8年度 青葉区障害者自立支援協議会 事業計画")
        plan.title = "令和8年度 青葉区 事業計画"
        #expect(title(plan) == "令和8年度 青葉区 事業計画")
    }

    @Test("the 開催案内 of 青葉区's 12月 連絡会議: 令和 date and weekday, time, venue, the month's 取組, invitees, answer-by, contact")
    func notice() async throws {
        let councilYear = try await year("aoba")
        let meeting = try #require(
            councilYear.meetings.first {
                $0.series == "renrakukai" && $0.date == CalendarDate(year: 2026, month: 12, day: 8)
            })
        let issued = CalendarDate(year: 2026, month: 11, day: 20)
        let notice = MeetingNotice(council: councilYear.council, meeting: meeting, issued: issued)
        let text = notice.render(.text)
        for part in [
            "相談支援事業所等連絡会議の開催について(ご案内)", "令和8年11月20日(金)", "令和8年12月8日(火) 14:00〜16:00", "青葉区役所 4階 第1会議室",
            "① ちょこっとケースレビューの実施", "相談室ひろせ", "令和8年12月5日(土)までに", "022-000-1111",
        ] {
            #expect(text.contains(part), "「\(part)」")
        }
        // The series answers 3日前 (answer_by); without it, the last business day at least a week before.
        var withoutAnswerBy = councilYear.council
        withoutAnswerBy.series = withoutAnswerBy.series.map { series in
            var series = series
            series.answerDays = nil
            return series
        }
        #expect(
            MeetingNotice(council: withoutAnswerBy, meeting: meeting, issued: issued).render(.text).contains(
                "令和8年12月1日(火)までに"))
        #expect(!text.contains("② 新規事業所向け"), "a task of another series is not on the agenda")
        let html = notice.render(.html)
        #expect(html.contains("<h1 class=\"notice-title\">") && html.contains("令和8年12月8日(火)"))
        // 8月's 連絡会議 moved from 8月11日 (山の日): the notice says so.
        let moved = try #require(
            councilYear.meetings.first { $0.series == "renrakukai" && $0.occurrence.status == .moved })
        let movedText = MeetingNotice(council: councilYear.council, meeting: moved, issued: issued).render(.text)
        #expect(
            movedText.contains(
                "\(moved.occurrence.originalDate.japaneseDescription)に予定していた標記の会議は、日程を変更し、\(moved.date.japaneseDescription)に開催します(山の日のため翌営業日に変更)。ご多忙のところ"
            ), "\(movedText)")
        var cancelled = meeting
        cancelled.occurrence.status = .cancelled
        cancelled.occurrence.note = "会場の都合"
        let off = MeetingNotice(council: councilYear.council, meeting: cancelled, issued: issued).render(.text)
        #expect(off.contains("中止について(お知らせ)") && off.contains("中止します(会場の都合)") && !off.contains("出欠の回答"))
    }
}
