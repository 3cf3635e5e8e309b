import CouncilCore
import Foundation
import TextFormats

/// The annual review of participation for the 運営会議: rates, reach, who to call, plan against actual.
///
/// Text form:
///
/// ```
/// 令和8年度 泉区障害者自立支援協議会 参加状況(2026-11-22 時点・指定特定)
///
/// 参加率 53%(出席 64 / 案内 120)  前年度 45% → 53%(+8ポイント)
/// 到達率 86%(参加した事業所 12 / 案内した事業所 14)
/// …
/// ```
public struct ReviewReport: Sendable {
    public var review: ParticipationReview
    /// The same figures for an earlier year, for 前年度比.
    public var previous: ParticipationReview?
    public var progress: PlanProgress?
    /// How many months without attending puts a business on the follow-up list.
    public var followUpMonths: Int
    /// Whether to show, for each task, the months counted and why, and how 達成率 is computed.
    public var explain: Bool
    /// The meetings of the councils above (仙台市) that this council's businesses were invited to, counted apart
    /// from its own figures; empty when they are counted in (`--with-city`) or there are none.
    public var apart: [Apart] = []

    /// A council above's meetings as this council's businesses took part in them, under that council's name.
    public struct Apart: Sendable {
        /// Its short name, e.g. 仙台市.
        public var council: String
        public var review: ParticipationReview

        public init(council: String, review: ParticipationReview) {
            self.council = council
            self.review = review
        }
    }

    public init(
        review: ParticipationReview, previous: ParticipationReview? = nil, progress: PlanProgress? = nil,
        followUpMonths: Int = 3, explain: Bool = false
    ) {
        self.review = review
        self.previous = previous
        self.progress = progress
        self.followUpMonths = followUpMonths
        self.explain = explain
    }

    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, csv, json, html
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: return ReviewTextRenderer(report: self, markdown: false).render()
        case .markdown: return ReviewTextRenderer(report: self, markdown: true).render()
        case .csv: return ReviewTableRenderer(report: self).csv()
        case .json: return ReviewTableRenderer(report: self).json()
        case .html: return ReviewHTMLRenderer(report: self).render()
        }
    }

    var scope: String {
        review.kinds.isEmpty && review.labels.isEmpty
            ? "全事業所" : (review.kinds.map(\.rawValue) + review.labels).sorted().joined(separator: "・")
    }

    var title: String {
        "\(review.year.japaneseName) \(review.council.name) 参加状況の振り返り"
    }

    var subtitle: String {
        "\(review.asOf.japaneseDescription)時点・対象: \(scope)・記録のある会議 \(meetingsInScope) 回"
    }

    /// Meetings with an attendance record that invited at least one business in scope.
    var meetingsInScope: Int {
        Set(review.invitations.map { MeetingKey($0.meeting) }).count
    }

    /// The change of the council-year rate from the earlier year, in percentage points as shown.
    var pointChange: Int? {
        guard let previous, let before = previous.overall.ratio, let now = review.overall.ratio else { return nil }
        return Percent.points(now) - Percent.points(before)
    }

    /// `令和7年度 45% → 令和8年度 53%(+8ポイント)`, or nil without an earlier year.
    var comparison: String? {
        guard let previous, let points = pointChange else { return nil }
        return
            "\(previous.year.japaneseName) \(previous.overall.percent) → \(review.year.japaneseName) \(review.overall.percent)(\(points >= 0 ? "+" : "")\(points)ポイント)"
    }

    func flags(_ followUp: ParticipationReview.FollowUp) -> String {
        [followUp.isNew ? "新規" : nil, followUp.isOnePerson ? "一人事業所" : nil].compactMap { $0 }.joined(separator: "・")
    }

    func seriesTitle(_ id: SeriesID) -> String {
        review.council.series(id)?.title ?? id.rawValue
    }

    /// `回答 96 / 案内 120:出席 64・欠席連絡あり 20・欠席 12・無回答 24`.
    func replies(_ rate: ParticipationReview.Rate) -> String {
        "回答 \(rate.replied) / 案内 \(rate.invited):出席 \(rate.attended)・欠席連絡あり \(rate.excused)・欠席 \(rate.absent)・無回答 \(rate.unanswered)"
    }

    /// The columns of a rate in the tables, after the row's name.
    static let rateColumns = ["出席", "うちオンライン", "欠席連絡あり", "欠席", "無回答", "案内", "参加率", "回答率"]

    static func rateCells(_ rate: ParticipationReview.Rate) -> [String] {
        [
            "\(rate.attended)", "\(rate.online)", "\(rate.excused)", "\(rate.absent)", "\(rate.unanswered)",
            "\(rate.invited)", rate.percent, rate.replyPercent,
        ]
    }

    /// A month of the monthly table: the figures of its counted meetings (nil when it has none) and how many of
    /// its held meetings have no attendance line (未記録).
    struct MonthFigures {
        var month: YearMonth
        var rate: ParticipationReview.Rate?
        var unrecorded: Int
    }

    /// The months with a counted meeting or a held one not recorded, in the order of the fiscal year (by the day
    /// held, as `byMonth`): a month whose meetings are all 未記録 says so instead of being left out.
    var months: [MonthFigures] {
        let rates = Dictionary(uniqueKeysWithValues: review.byMonth.map { ($0.month, $0.rate) })
        let unrecorded = Dictionary(grouping: review.unrecorded) { YearMonth(year: $0.date.year, month: $0.date.month) }
            .mapValues(\.count)
        return review.year.months.compactMap { month in
            rates[month] == nil && unrecorded[month] == nil
                ? nil : MonthFigures(month: month, rate: rates[month], unrecorded: unrecorded[month] ?? 0)
        }
    }

    /// The monthly table's columns: the month, the rate's, and 未記録 when some month has a meeting not recorded.
    func monthColumns(_ months: [MonthFigures]) -> [String] {
        ["月"] + Self.rateColumns + (months.contains { $0.unrecorded > 0 } ? ["未記録"] : [])
    }

    /// A month's row as the text forms show it: `11月 … 100% 100% 1回`; a month with no meeting recorded has
    /// 未記録 for its rates.
    func monthCells(_ figures: MonthFigures, unrecordedColumn: Bool) -> [String] {
        let rates =
            figures.rate.map(Self.rateCells) ?? Array(repeating: "", count: Self.rateColumns.count - 2) + [
                "未記録", "未記録",
            ]
        return ["\(figures.month.month)月"] + rates
            + (unrecordedColumn ? [figures.unrecorded > 0 ? "\(figures.unrecorded)回" : ""] : [])
    }

    /// `実施 8 / 予定 9`, `実施 1 / 2回以上(実施中)`, `実施 3回(随時)`.
    func doneOverDue(_ task: PlanProgress.TaskProgress) -> String {
        switch task.task.schedule {
        case .asNeeded: return "\(task.done)回(随時)"
        case .atLeast(let times, _): return "\(min(task.done, times))/\(times)回以上" + (task.isPending ? "(実施中)" : "")
        case .months, .everyMonth: return "\(task.done)/\(task.due ?? 0)"
        }
    }

    func taskRate(_ task: PlanProgress.TaskProgress) -> String {
        if task.isPending { return "実施中" }
        return Percent.text(task.rate)
    }

    /// 達成率 of the whole plan, as shown.
    func overallProgress(_ progress: PlanProgress) -> String {
        Percent.text(progress.overallRate)
    }

    /// For each task, each month as counted and why, then how the task's and the plan's 達成率 are computed.
    func explanation(_ progress: PlanProgress) -> [String] {
        var lines: [String] = []
        for task in progress.tasks {
            let when = scheduleText(task.task.schedule)
            let title = task.task.title.contains("(\(when))") ? task.task.title : "\(task.task.title)(\(when))"
            lines.append(
                "\(task.task.numberLabel) \(title)" + (task.task.series.map { " ← \(activityName($0))" } ?? ""))
            let current = YearMonth(year: progress.asOf.year, month: progress.asOf.month)
            for detail in task.details
            where detail.state != .unplanned || !detail.activities.isEmpty || detail.mark != nil {
                lines.append(
                    "    \(detail.month.month)月 \(stateLabel(detail.state)): \(reason(detail, current: current))")
            }
            lines.append("    → " + formula(task))
        }
        let overall = progress.overall
        let counted = progress.tasks.filter { ($0.due ?? 0) > 0 }.map(\.task.numberLabel).joined()
        lines.append(
            "計画全体の達成率 = 各取組の 実施 ÷ 予定 の合計 = \(overall.done) ÷ \(overall.due) = \(overallProgress(progress))(数えた取組: \(counted.isEmpty ? "なし" : counted)。随時と実施中の「N回以上」は数えません)"
        )
        return lines
    }

    private func activityName(_ id: SeriesID) -> String {
        if let series = review.council.series(id) { return "会議体「\(series.title)」" }
        if let rotation = review.council.rotation(RotationID(id.rawValue)) { return "ローテーション「\(rotation.title)」" }
        return id.rawValue
    }

    private func scheduleText(_ schedule: TaskSchedule) -> String {
        switch schedule {
        case .asNeeded: return "随時"
        case .everyMonth: return "毎月"
        case .months(let months): return monthList(months)
        case .atLeast(let times, let months): return (months.isEmpty ? "年度内に" : monthList(months) + "に") + "\(times)回以上"
        }
    }

    /// `4月・6月・12月・2月`: the months in the order of the fiscal year.
    private func monthList(_ months: Set<Int>) -> String {
        review.year.months.map(\.month).filter(months.contains).map { "\($0)月" }.joined(separator: "・")
    }

    private func stateLabel(_ state: PlanProgress.MonthState) -> String {
        switch state {
        case .done: return "● 実施"
        case .doneUnplanned: return "● 実施(予定外の月)"
        case .missed: return "× 未実施"
        case .cancelled: return "− 中止"
        case .unrecorded: return "△ 未記録"
        case .upcoming: return "■ 予定"
        case .unplanned: return "(予定なし)"
        }
    }

    private func reason(_ detail: PlanProgress.MonthDetail, current: YearMonth) -> String {
        var parts: [String] = []
        let byState = Dictionary(grouping: detail.activities, by: \.state)
        func days(_ state: PlanProgress.Activity.State) -> String? {
            byState[state].map { activities in
                activities.map { activity in
                    activity.date.shortJapaneseDescription + (activity.makesUpFor.map { "(\($0.month)月分の振替)" } ?? "")
                }.joined(separator: "・")
            }
        }
        if let held = days(.held) { parts.append("\(held) 開催・記録あり") }
        if let unrecorded = days(.unrecorded) { parts.append("\(unrecorded) 開催日を過ぎたが記録なし") }
        if let cancelled = days(.cancelled) { parts.append("\(cancelled) 中止") }
        if let scheduled = days(.scheduled) { parts.append("\(scheduled) 予定") }
        switch detail.mark {
        case .done?: parts.append("進捗の記録(progress)で実施")
        case .cancelled?: parts.append("進捗の記録(progress)で中止")
        case nil: break
        }
        if parts.isEmpty {
            switch detail.state {
            case .missed: parts.append("予定の月が終わり、開催も進捗の記録もなし")
            case .upcoming: parts.append(detail.month == current ? "今月(まだ終わっていません)" : "これからの月")
            default: parts.append("開催・記録なし")
            }
        }
        return parts.joined(separator: "。")
    }

    private func formula(_ task: PlanProgress.TaskProgress) -> String {
        switch task.task.schedule {
        case .asNeeded:
            return "随時のため達成率はありません(実施 \(task.done)回。未実施にはなりません)"
        case .atLeast(let times, _):
            if task.isPending { return "実施中: \(task.done)回 / \(times)回以上。期間が終わるか\(times)回に達するまで達成率に数えません" }
            return "達成率 = min(実施 \(task.done), \(times)) ÷ \(times) = \(taskRate(task))"
        case .months, .everyMonth:
            let missed = (task.due ?? 0) - task.done
            return
                "達成率 = 実施 \(task.done) ÷ (実施 \(task.done) + 未実施 \(missed)) = \(taskRate(task))(中止・未記録・これからの月は数えません。未記録の月は記録されると実施になります)"
        }
    }

    /// `仙台市の会議(別集計…)`: the heading of a council above's part.
    static let noShowHeading = "出席と回答して欠席した事業所(事前の回答と出欠の記録の食い違い)"
    static let noShowColumns = ["事業所", "会議", "開催日", "回答", "記録"]

    /// What 事前回答率 counts: `回答 12 / 案内 19`.
    func priorReplyCounts(_ replies: ParticipationReview.PriorReplies) -> String {
        "回答 \(replies.answered) / 案内 \(replies.invited)"
    }

    /// Each business that answered 出席 or オンライン and was recorded absent: business, meeting, day, answer, record.
    func noShowRows(_ replies: ParticipationReview.PriorReplies) -> [[String]] {
        replies.noShows.map {
            [
                $0.invitation.business.name, seriesTitle($0.invitation.meeting.series),
                $0.invitation.meeting.date.shortJapaneseDescription, $0.reply.choice.rawValue,
                $0.invitation.entry?.status.rawValue ?? "無回答",
            ]
        }
    }

    func apartHeading(_ above: Apart) -> String {
        "\(above.council)の会議(別集計。この協議会の参加率には含めません。--with-city で含めます)"
    }

    func lastSeen(_ followUp: ParticipationReview.FollowUp) -> String {
        followUp.lastAttended.map { "最終参加 \($0.shortJapaneseDescription)" } ?? "今年度未参加"
    }
}

/// Text and Markdown: one section after another, numbers right-aligned by display width.
struct ReviewTextRenderer {
    let report: ReviewReport
    let markdown: Bool
    let width = DisplayWidth()

    func render() -> String {
        let review = report.review
        var out: [String] = []
        out.append(markdown ? "# \(report.title)" : report.title)
        out.append(markdown ? "\n\(report.subtitle)\n" : "(\(report.subtitle))\n")
        out.append(
            line("参加率", "\(review.overall.percent)(出席 \(review.overall.attended) / 案内 \(review.overall.invited))"))
        if let comparison = report.comparison { out.append(line("前年度比", comparison)) }
        out.append(line("回答率", "\(review.overall.replyPercent)(\(report.replies(review.overall)))"))
        if let replies = review.priorReplies {
            out.append(line("事前回答率", "\(replies.percent)(\(report.priorReplyCounts(replies)))"))
        }
        out.append(
            line(
                "オンライン",
                "\(review.overall.onlinePercent)(オンライン \(review.overall.online) / 出席 \(review.overall.attended))"))
        out.append(
            line("到達率", "\(review.reach.percent)(参加した事業所 \(review.reach.attended) / 案内した事業所 \(review.reach.invited))"))
        out.append("")
        let columns = ReviewReport.rateColumns
        out += table(
            "会議体別", ["会議体"] + columns, review.bySeries.map { [$0.series.title] + ReviewReport.rateCells($0.rate) })
        let months = report.months
        let monthColumns = report.monthColumns(months)
        out += table(
            "月別", monthColumns,
            months.map { report.monthCells($0, unrecordedColumn: monthColumns.count > columns.count + 1) })
        out += table("種別", ["種別"] + columns, review.byKind.map { [$0.kind] + ReviewReport.rateCells($0.rate) })
        out += table(
            "事業所別", ["事業所", "種別"] + columns,
            review.byBusiness.map { [$0.business.name, $0.business.kindName] + ReviewReport.rateCells($0.rate) })
        out += table(
            "出欠の記録がない会議(未記録。記録されるまでどの率にも数えません)", ["会議体", "開催日"],
            review.unrecorded.map { [report.seriesTitle($0.series), $0.date.shortJapaneseDescription] }, empty: "なし")
        let followUps = review.followUps(months: report.followUpMonths)
        out += table(
            "声掛けが必要な事業所(\(report.followUpMonths)か月以上参加なし・今年度未参加)", ["事業所", "状況", "案内", "優先"],
            followUps.map { [$0.business.name, report.lastSeen($0), "\($0.invited)", report.flags($0)] }, empty: "該当なし")
        if let replies = review.priorReplies {
            out += table(
                ReviewReport.noShowHeading, ReviewReport.noShowColumns, report.noShowRows(replies), empty: "なし")
        }
        if !review.walkIns.isEmpty {
            out += table(
                "飛び入り参加(案内していない会議への参加。参加率には数えません)", ["事業所", "会議", "開催日"],
                review.walkIns.map {
                    [$0.business.name, report.seriesTitle($0.meeting.series), $0.meeting.date.shortJapaneseDescription]
                })
        }
        for above in report.apart {
            out += table(
                report.apartHeading(above), ["会議体"] + columns,
                above.review.bySeries.map { [$0.series.title] + ReviewReport.rateCells($0.rate) } + [
                    ["計"] + ReviewReport.rateCells(above.review.overall)
                ])
        }
        if let progress = report.progress {
            let rows = progress.tasks.map { task -> [String] in
                [
                    task.task.numberLabel + " " + width.truncate(task.task.title, to: 40), report.doneOverDue(task),
                    report.taskRate(task),
                    task.unrecorded.isEmpty ? "" : task.unrecorded.map { "\($0.month.month)月" }.joined(separator: "・"),
                ]
            }
            out += table("計画と実績(達成率 \(report.overallProgress(progress)))", ["取組", "実施/予定", "達成率", "未記録"], rows)
            if report.explain {
                out.append(markdown ? "## 達成率の数え方\n" : "■ 達成率の数え方")
                out += report.explanation(progress).map {
                    markdown ? "- " + $0.trimmingCharacters(in: .whitespaces) : "  " + $0
                }
                out.append("")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func line(_ label: String, _ value: String) -> String {
        TextSections(markdown: markdown).line(label, value)
    }

    private func table(_ heading: String, _ columns: [String], _ rows: [[String]], empty: String = "記録なし") -> [String] {
        TextSections(markdown: markdown).table(heading, columns, rows, empty: empty)
    }
}

/// CSV (UTF-8 with BOM, for Excel) and JSON of the same figures.
struct ReviewTableRenderer {
    let report: ReviewReport

    static let header = [
        "section", "key", "name", "attended", "invited", "rate", "online", "excused", "absent", "replied", "reply_rate",
    ]

    /// `section,key,name,attended,invited,rate,online,excused,absent,replied,reply_rate`, one line a figure.
    var rows: [[String]] {
        let review = report.review
        func ratio(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
        func figure(_ section: String, _ key: String, _ name: String, _ r: ParticipationReview.Rate) -> [String] {
            [
                section, key, name, "\(r.attended)", "\(r.invited)", ratio(r.ratio), "\(r.online)", "\(r.excused)",
                "\(r.absent)", "\(r.replied)",
                ratio(r.invited == 0 ? nil : Double(r.replied) / Double(r.invited)),
            ]
        }
        func plain(_ cells: [String]) -> [String] { cells + ["", "", "", "", ""] }
        var rows: [[String]] = [figure("overall", "\(review.year.startYear)", report.scope, review.overall)]
        if let previous = report.previous {
            rows.append(figure("overall", "\(previous.year.startYear)", report.scope, previous.overall))
        }
        rows.append(
            plain([
                "reach", "\(review.year.startYear)", report.scope, "\(review.reach.attended)",
                "\(review.reach.invited)", ratio(review.reach.ratio),
            ]))
        if let replies = review.priorReplies {
            rows.append(
                plain([
                    "prior-replies", "\(review.year.startYear)", report.scope, "\(replies.answered)",
                    "\(replies.invited)",
                    ratio(replies.invited == 0 ? nil : Double(replies.answered) / Double(replies.invited)),
                ]))
            rows += replies.noShows.map {
                plain([
                    "no-show", $0.invitation.business.id.rawValue, $0.invitation.business.name, "0", "1",
                    $0.invitation.meeting.date.description,
                ])
            }
        }
        rows += review.bySeries.map { figure("series", $0.series.id.rawValue, $0.series.title, $0.rate) }
        rows += review.byMonth.map {
            figure("month", String(format: "%04d-%02d", $0.month.year, $0.month.month), "\($0.month.month)月", $0.rate)
        }
        rows += review.byKind.map {
            figure("kind", BusinessKind(label: $0.kind)?.identifier ?? $0.kind, $0.kind, $0.rate)
        }
        rows += review.byBusiness.map { figure("business", $0.business.id.rawValue, $0.business.name, $0.rate) }
        rows += review.unrecorded.map {
            plain(["unrecorded", $0.series.rawValue, report.seriesTitle($0.series), "", "", $0.date.description])
        }
        rows += review.followUps(months: report.followUpMonths).map {
            plain([
                "follow-up", $0.business.id.rawValue, $0.business.name, "0", "\($0.invited)",
                $0.lastAttended?.description ?? "",
            ])
        }
        rows += review.walkIns.map {
            plain(["walk-in", $0.business.id.rawValue, $0.business.name, "1", "0", $0.meeting.date.description])
        }
        rows += report.apart.flatMap { above in
            above.review.bySeries.map { figure("above", $0.series.id.rawValue, $0.series.title, $0.rate) }
        }
        if let progress = report.progress {
            rows += progress.tasks.map {
                plain([
                    "task", "\($0.task.number)", $0.task.title, "\($0.done)", $0.due.map(String.init) ?? "",
                    $0.rate.map { String(format: "%.4f", $0) } ?? ($0.isPending ? "pending" : ""),
                ])
            }
        }
        return rows
    }

    func csv() -> String {
        ExcelCSV.text([Self.header] + rows)
    }

    func json() -> String {
        struct Figure: Encodable {
            var section, key, name: String
            var attended: Int?
            var invited: Int?
            var rate: Double?
            var online, excused, absent, replied: Int?
            var replyRate: Double?
            var lastAttended: String?
            var date: String?
            var pending: Bool?
        }
        let figures = rows.map { row -> Figure in
            let dated = row[0] == "follow-up" || row[0] == "walk-in" || row[0] == "unrecorded" || row[0] == "no-show"
            return Figure(
                section: row[0], key: row[1], name: row[2], attended: Int(row[3]), invited: Int(row[4]),
                rate: dated ? nil : Double(row[5]), online: Int(row[6]), excused: Int(row[7]), absent: Int(row[8]),
                replied: Int(row[9]),
                replyRate: Double(row[10]), lastAttended: row[0] == "follow-up" && !row[5].isEmpty ? row[5] : nil,
                date: dated && row[0] != "follow-up" ? row[5] : nil, pending: row[5] == "pending" ? true : nil)
        }
        struct Document: Encodable {
            var council: String
            var year: Int
            var asOf: String
            var scope: String
            var figures: [Figure]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            council: report.review.council.id, year: report.review.year.startYear, asOf: report.review.asOf.description,
            scope: report.scope, figures: figures)
        // Encoding strings, numbers and optionals cannot fail.
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }
}
