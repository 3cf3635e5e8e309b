import CouncilCore

/// The plan grid (作業手順・スケジュール) of one council and year, in the forms a secretariat uses.
///
/// Text form at 100 columns, ambiguous characters narrow:
///
/// ```
/// 令和8年度 青葉区障害者自立支援協議会 作業手順・スケジュール
///
/// No  取組                                          │  4月 5月 6月 7月 8月 9月10月11月12月 1月 2月 3月
/// ──────────────────────────────────────────────────┼─────────────────────────────────────────────────
/// ①  ちょこっとケースレビューの実施                │  ■   ■   ■   ■   ■   ■   ■   ■   ■   ■   ■   ■
/// ③  新規事業所への訪問等での自立協の説明・顔つ…  │  ○   ○   ○   ○   ○   ○   ○   ○   ○   ○   ○   ○
///
/// ■ 実施予定  ○ 随時(必要に応じて)
/// ```
public struct GanttChart: Sendable {
    public var council: Council
    public var plan: Plan
    /// With progress, the grid shows plan against actual: done, missed and cancelled months.
    public var progress: PlanProgress?

    public init(council: Council, plan: Plan, progress: PlanProgress? = nil) {
        self.council = council
        self.plan = plan
        self.progress = progress
    }

    public var title: String {
        "\(plan.year.japaneseName) \(council.name) 作業手順・スケジュール" + (progress == nil ? "" : "(計画と実績)")
    }

    public func render(_ options: GanttOptions = GanttOptions()) -> String {
        switch options.format {
        case .text, .ascii: return GanttTextRenderer(chart: self, options: options).render()
        case .markdown: return GanttMarkdownRenderer(chart: self).render()
        case .csv: return GanttCSVRenderer(chart: self).render()
        case .html: return GanttHTMLRenderer(chart: self).render()
        }
    }

    /// One mark per month of the fiscal year, April first.
    var rows: [Row] {
        plan.tasks.map { task in
            let actual = progress?.tasks.first { $0.task.number == task.number }
            return Row(
                label: task.numberLabel,
                title: task.title,
                cells: plan.year.months.enumerated().map { index, month in
                    switch actual?.months[index].state {
                    case .done?, .doneUnplanned?: return .done
                    case .missed?: return .missed
                    case .cancelled?: return .cancelled
                    default: break
                    }
                    switch task.schedule {
                    case .asNeeded: return .asNeeded
                    case .atLeast: return task.schedule.isPlanned(month: month.month) ? .atLeast : nil
                    case .months, .everyMonth: return task.schedule.isPlanned(month: month.month) ? .planned : nil
                    }
                }
            )
        }
    }

    /// The marks the grid uses, in legend order.
    var marksUsed: [Mark] {
        let used = Set(rows.flatMap { $0.cells.compactMap { $0 } })
        return Mark.allCases.filter(used.contains)
    }

    var monthLabels: [String] { plan.year.months.map { "\($0.month)月" } }

    /// The legend entries, e.g. `■ 実施予定`.
    func legend(ascii: Bool) -> [String] {
        let times = Set(plan.tasks.compactMap { task -> Int? in
            if case .atLeast(let times, _) = task.schedule { return times }
            return nil
        })
        return marksUsed.map { "\($0.symbol(ascii: ascii)) \($0.meaning(atLeastTimes: times.count == 1 ? times.first : nil))" }
    }

    struct Row {
        var label: String
        var title: String
        var cells: [Mark?]
    }

    enum Mark: CaseIterable, Hashable {
        case planned, asNeeded, atLeast, done, missed, cancelled

        func symbol(ascii: Bool) -> String {
            switch self {
            case .planned: return ascii ? "#" : "■"
            case .asNeeded: return ascii ? "o" : "○"
            case .atLeast: return ascii ? "+" : "□"
            case .done: return ascii ? "*" : "●"
            case .missed: return ascii ? "x" : "×"
            case .cancelled: return ascii ? "-" : "−"
            }
        }

        /// What the mark means; `atLeastTimes` is the N of "N回以上" when every such task shares it.
        func meaning(atLeastTimes: Int?) -> String {
            switch self {
            case .planned: return "実施予定"
            case .asNeeded: return "随時(必要に応じて)"
            case .atLeast: return atLeastTimes.map { "この期間に\($0)回以上" } ?? "この期間に所定の回数以上"
            case .done: return "実施"
            case .missed: return "未実施"
            case .cancelled: return "中止"
            }
        }
    }
}

public struct GanttOptions: Hashable, Sendable {
    /// The narrowest grid: number, a 12-column title, the rule and twelve 4-column months.
    public static let minimumWidth = 70

    public var format: GanttFormat
    /// The whole width in terminal columns (text and ascii forms); at least `minimumWidth`.
    public var width: Int
    /// Whether East Asian ambiguous characters (■ ○ ① ─) take two columns, as in CJK-configured terminals.
    public var ambiguousIsWide: Bool

    public init(format: GanttFormat = .text, width: Int = 100, ambiguousIsWide: Bool = false) {
        self.format = format
        self.width = width
        self.ambiguousIsWide = ambiguousIsWide
    }
}

public enum GanttFormat: String, CaseIterable, Hashable, Sendable {
    case text, ascii, markdown, csv, html
}
