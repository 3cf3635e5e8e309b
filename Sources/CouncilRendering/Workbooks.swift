import CouncilCore
import Foundation
import Spreadsheet

/// The shared look of every workbook `council` writes: a bold title, ruled tables under a shaded header row,
/// numbers as numbers and rates as percentages, A4 when printed.
enum SheetKit {
    static let title = CellStyle(bold: true, fontSize: 14)
    static let note = CellStyle(fontColor: 0x555555)
    static let header = CellStyle(bold: true, fill: 0xEEF2F7, alignment: .center, wrap: true, border: true)
    static let text = CellStyle(wrap: true, border: true)
    static let centered = CellStyle(alignment: .center, wrap: true, border: true)
    static let number = CellStyle(alignment: .right, border: true)

    /// The file's creation time: the day the figures are as of, at midnight in Japan, so a workbook of the same
    /// day's figures is the same bytes.
    static func created(_ day: CalendarDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch) * 86_400 - 9 * 3_600)
    }

    /// A sheet of one table: the title, a note line, the header and the rows; the header stays in view and
    /// repeats on every printed page.
    static func table(
        _ name: String, title: String, note: String?, columns: [String], rows: [[Cell]], widths: [Double],
        landscape: Bool = false, taken: inout Set<String>
    ) -> Worksheet {
        let safe = Worksheet.safeName(name, taken: taken)
        taken.insert(safe)
        var cells: [[Cell]] = [
            [.text(title, SheetKit.title)], [.text(note ?? "", SheetKit.note)],
            columns.map { .text($0, SheetKit.header) },
        ]
        cells += rows.isEmpty ? [[.text("記録なし", SheetKit.text)]] : rows
        return Worksheet(
            name: safe, rows: cells, columnWidths: widths, rowHeights: rowHeights(cells, columnWidths: widths),
            frozen: .init(rows: 3, columns: 1),
            page: PageSetup(
                landscape: landscape, fitToPages: .init(width: 1, height: 0), repeatRows: 2...2, header: title))
    }

    /// Widths as a Japanese spreadsheet shows text: ■ ● ① and the like are as wide as 漢字.
    static let displayWidth = DisplayWidth(ambiguousIsWide: true)

    /// Excel's width of a column none is given for, in characters.
    static let defaultColumnWidth = 8.43

    /// The height in points of each row with text, enough for its tallest cell. Neither Excel nor LibreOffice
    /// fits a row to text it wraps when opening a file, so a row left at the default shows one line of it and
    /// clips the rest; and a Japanese font's line is taller than the default row, so even one line sits on the
    /// border.
    static func rowHeights(_ rows: [[Cell]], columnWidths: [Double]) -> [Int: Double] {
        var heights: [Int: Double] = [:]
        for (index, row) in rows.enumerated() {
            let needed = row.enumerated().compactMap { column, cell -> Double? in
                guard case .text(let text) = cell.value, !text.isEmpty else { return nil }
                let width = column < columnWidths.count ? columnWidths[column] : defaultColumnWidth
                return height(
                    lines: lines(text, wrappedAt: cell.style.wrap ? width : nil), fontSize: cell.style.fontSize ?? 11)
            }.max()
            if let needed { heights[index] = needed }
        }
        return heights
    }

    /// The lines `text` takes: its own line breaks, and with a column width (in characters, about a digit's width
    /// each) the lines it wraps into, counted by display width (全角 = 2), a character's room kept for the cell's
    /// margins.
    static func lines(_ text: String, wrappedAt width: Double?) -> Int {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let width else { return paragraphs.count }
        let room = max(2, Int(width.rounded(.down)) - 1)
        return paragraphs.reduce(0) { $0 + displayWidth.wrap($1, to: room).count }
    }

    /// `lines` lines of `fontSize`-point text, 1.6 times the font size each (a Japanese font's line, with room),
    /// and 4 points between the text and the borders; in whole pixels (0.75 pt), as Excel keeps heights.
    static func height(lines: Int, fontSize: Double) -> Double {
        ((Double(lines) * fontSize * 1.6 + 4) / 0.75).rounded(.up) * 0.75
    }

    /// The cells of a rate after the row's name, as `ReviewReport.rateColumns` heads them.
    static func rateCells(_ rate: ParticipationReview.Rate) -> [Cell] {
        [
            .number(rate.attended, number), .number(rate.online, number), .number(rate.excused, number),
            .number(rate.absent, number),
            .number(rate.unanswered, number), .number(rate.invited, number), .percent(rate.ratio, number),
            .percent(rate.replyRatio, number),
        ]
    }
}

extension GanttChart {
    /// The grid as an Excel sheet: 取組 as rows, 4月…3月 as columns with their marks and days, the legend below;
    /// printed on one A4 landscape page.
    public func workbook(created day: CalendarDate) -> Workbook {
        let months = monthLabels
        let columns = 2 + months.count
        let today = todayIndex
        var header: [Spreadsheet.Cell] = [.text("No", SheetKit.header), .text("取組", SheetKit.header)]
        header += months.enumerated().map { index, label in
            var style = SheetKit.header
            if index == today { style.fill = 0xFFF4C2 }
            return .text(index == today ? "\(label)\n▲今日" : label, style)
        }
        var rows: [[Spreadsheet.Cell]] = [[.text(title, SheetKit.title)], header]
        for row in self.rows {
            var line: [Spreadsheet.Cell] = [.text(row.label, SheetKit.centered), .text(row.title, SheetKit.text)]
            line += row.cells.map { cell in
                var style = SheetKit.centered
                style.fontColor = cell.mark.map(Self.color)
                return .text(cell.text(ascii: false, dates: true), style)
            }
            rows.append(line)
        }
        rows.append([])
        let legend = self.legend(ascii: false, dates: true)
        rows += legend.map { [.text($0, SheetKit.note)] }
        let last = rows.count - 1
        let merges =
            [CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: columns - 1)]
            + legend.indices.map {
                CellRange(
                    firstRow: last - legend.count + 1 + $0, firstColumn: 0, lastRow: last - legend.count + 1 + $0,
                    lastColumn: columns - 1)
            }
        let widths: [Double] = [5, 44] + Array(repeating: 8, count: months.count)
        let sheet = Worksheet(
            name: "作業手順・スケジュール", rows: rows, columnWidths: widths,
            rowHeights: SheetKit.rowHeights(rows, columnWidths: widths),
            merges: merges, frozen: .init(rows: 2, columns: 2),
            page: PageSetup(
                landscape: true, fitToPages: .init(width: 1, height: 1),
                printArea: CellRange(firstRow: 0, firstColumn: 0, lastRow: last, lastColumn: columns - 1))
        )
        return Workbook(title: title, author: council.name, created: SheetKit.created(day), sheets: [sheet])
    }

    /// The same colours as the HTML grid; the mark itself says what it is.
    static func color(_ mark: Mark) -> UInt32 {
        switch mark {
        case .planned: return 0x1F4E99
        case .asNeeded: return 0x2E6B30
        case .atLeast: return 0x8A4B00
        case .done: return 0x1F6B1F
        case .missed: return 0xB3261E
        case .unrecorded: return 0x6B4700
        case .cancelled: return 0x595959
        }
    }
}

extension ReviewReport {
    /// The review as a workbook: 概要, then one sheet per section (会議体別, 月別, 種別, 事業所別, 未記録, 声掛け,
    /// 飛び入り, the council above's meetings counted apart such as 仙台市の会議, 計画と実績); counts as numbers,
    /// rates as percentages.
    public func workbook() -> Workbook {
        let review = self.review
        var taken: Set<String> = []
        let rateColumns = ReviewReport.rateColumns
        let widths: [Double] = [34] + Array(repeating: 11, count: rateColumns.count)
        func percentRow(_ label: String, _ ratio: Double?, _ numerator: Int, _ denominator: Int, _ what: String)
            -> [Cell]
        {
            [
                .text(label, SheetKit.text), .percent(ratio, SheetKit.number), .number(numerator, SheetKit.number),
                .number(denominator, SheetKit.number), .text(what, SheetKit.text),
            ]
        }
        let overall = review.overall
        var summary = [
            percentRow("参加率", overall.ratio, overall.attended, overall.invited, "出席 ÷ 案内"),
            percentRow("回答率", overall.replyRatio, overall.replied, overall.invited, "回答 ÷ 案内"),
            percentRow("オンライン比率", overall.onlineRatio, overall.online, overall.attended, "オンライン ÷ 出席"),
            percentRow("到達率", review.reach.ratio, review.reach.attended, review.reach.invited, "参加した事業所 ÷ 案内した事業所"),
        ]
        if let replies = review.priorReplies {
            summary.insert(
                percentRow("事前回答率", replies.ratio, replies.answered, replies.invited, "事前に回答した案内 ÷ 案内"), at: 2)
        }
        if let previous {
            summary.append(
                percentRow(
                    "\(previous.year.japaneseName)の参加率", previous.overall.ratio, previous.overall.attended,
                    previous.overall.invited, "出席 ÷ 案内"))
        }
        if let progress, progress.overall.due > 0 {
            summary.append(
                percentRow("計画の達成率", progress.overallRate, progress.overall.done, progress.overall.due, "実施 ÷ 予定"))
        }
        var sheets = [
            SheetKit.table(
                "概要", title: title, note: subtitle, columns: ["項目", "率", "分子", "分母", "数え方"], rows: summary,
                widths: [24, 10, 10, 10, 34], taken: &taken)
        ]
        func rates(
            _ name: String, _ first: String, _ rows: [(String, ParticipationReview.Rate)], heading: String? = nil
        ) -> Worksheet {
            SheetKit.table(
                name, title: heading ?? "\(title) \(name)", note: subtitle, columns: [first] + rateColumns,
                rows: rows.map { [.text($0.0, SheetKit.text)] + SheetKit.rateCells($0.1) }, widths: widths,
                landscape: true, taken: &taken)
        }
        sheets.append(rates("会議体別", "会議体", review.bySeries.map { ($0.series.title, $0.rate) }))
        sheets.append(monthSheet(taken: &taken))
        sheets.append(rates("種別", "種別", review.byKind.map { ($0.kind, $0.rate) }))
        sheets.append(
            SheetKit.table(
                "事業所別", title: "\(title) 事業所別", note: subtitle, columns: ["事業所", "種別"] + rateColumns,
                rows: review.byBusiness.map {
                    [.text($0.business.name, SheetKit.text), .text($0.business.kindName, SheetKit.text)]
                        + SheetKit.rateCells($0.rate)
                },
                widths: [34, 12] + Array(repeating: 11, count: rateColumns.count), landscape: true, taken: &taken))
        sheets.append(
            SheetKit.table(
                "未記録", title: "出欠の記録がない会議(未記録。記録されるまでどの率にも数えません)", note: subtitle, columns: ["会議体", "開催日"],
                rows: review.unrecorded.map {
                    [.text(seriesTitle($0.series), SheetKit.text), .text($0.date.japaneseDescription, SheetKit.text)]
                }, widths: [40, 22], taken: &taken))
        sheets.append(
            SheetKit.table(
                "声掛け", title: "声掛けが必要な事業所(\(followUpMonths)か月以上参加なし・今年度未参加)", note: subtitle,
                columns: ["事業所", "状況", "案内", "優先"],
                rows: review.followUps(months: followUpMonths).map {
                    [
                        .text($0.business.name, SheetKit.text), .text(lastSeen($0), SheetKit.text),
                        .number($0.invited, SheetKit.number), .text(flags($0), SheetKit.text),
                    ]
                },
                widths: [34, 22, 8, 18], taken: &taken))
        if let replies = review.priorReplies {
            sheets.append(
                SheetKit.table(
                    "回答と記録", title: ReviewReport.noShowHeading, note: subtitle, columns: ReviewReport.noShowColumns,
                    rows: noShowRows(replies).map { $0.map { .text($0, SheetKit.text) } },
                    widths: [34, 34, 14, 10, 14], taken: &taken))
        }
        if !review.walkIns.isEmpty {
            sheets.append(
                SheetKit.table(
                    "飛び入り", title: "飛び入り参加(参加率には数えません)", note: subtitle, columns: ["事業所", "会議", "開催日"],
                    rows: review.walkIns.map {
                        [
                            .text($0.business.name, SheetKit.text),
                            .text(seriesTitle($0.meeting.series), SheetKit.text),
                            .text($0.meeting.date.japaneseDescription, SheetKit.text),
                        ]
                    },
                    widths: [34, 34, 22], taken: &taken))
        }
        for above in apart {
            let rows = above.review.bySeries.map { ($0.series.title, $0.rate) } + [("計", above.review.overall)]
            sheets.append(rates("\(above.council)の会議", "会議体", rows, heading: apartHeading(above)))
        }
        if let progress {
            sheets.append(
                SheetKit.table(
                    "計画と実績", title: "計画と実績(達成率 \(overallProgress(progress)))", note: subtitle,
                    columns: ["No", "取組", "実施", "予定", "達成率", "状態"],
                    rows: progress.tasks.map { task in
                        [
                            .text(task.task.numberLabel, SheetKit.centered), .text(task.task.title, SheetKit.text),
                            .number(task.done, SheetKit.number),
                            task.due.map { .number($0, SheetKit.number) } ?? .empty(SheetKit.number),
                            .percent(task.isPending ? nil : task.rate, SheetKit.number),
                            .text(doneOverDue(task), SheetKit.text),
                        ]
                    }, widths: [5, 50, 8, 8, 10, 22], landscape: true, taken: &taken))
        }
        return Workbook(
            title: title, author: review.council.name, created: SheetKit.created(review.asOf), sheets: sheets)
    }
}

extension ReviewReport {
    /// 月別: each month's figures, and a month whose meetings are all 未記録 with 未記録 for its rates; a column
    /// of how many meetings of the month are not recorded when some are.
    func monthSheet(taken: inout Set<String>) -> Worksheet {
        let months = self.months
        let columns = monthColumns(months)
        let counted = ReviewReport.rateColumns.count
        let unrecordedColumn = columns.count > counted + 1
        let rows = months.map { figures -> [Cell] in
            let rates =
                figures.rate.map(SheetKit.rateCells)
                ?? Array(repeating: .empty(SheetKit.number), count: counted - 2) + [
                    .text("未記録", SheetKit.centered), .text("未記録", SheetKit.centered),
                ]
            let unrecorded: [Cell] =
                unrecordedColumn
                ? [figures.unrecorded > 0 ? .number(figures.unrecorded, SheetKit.number) : .empty(SheetKit.number)] : []
            return [.text("\(figures.month.month)月", SheetKit.text)] + rates + unrecorded
        }
        return SheetKit.table(
            "月別", title: "\(title) 月別", note: subtitle, columns: columns, rows: rows,
            widths: [34] + Array(repeating: 11, count: columns.count - 1), landscape: true, taken: &taken)
    }
}

extension BusinessYearReport {
    /// A business's year as a workbook: 概要 (its rate beside the council's), 会議と出欠, これからの会議,
    /// スーパービジョン・訪問.
    public func workbook() -> Workbook {
        var taken: Set<String> = []
        var comparison = [(year.business.name, year.rate), ("協議会全体", year.councilRate)]
        if let kind = year.kindRate { comparison.append(("\(year.business.kindName)全体", kind)) }
        let summary = SheetKit.table(
            "概要", title: title, note: subtitle, columns: ["対象"] + ReviewReport.rateColumns,
            rows: comparison.map { [.text($0.0, SheetKit.text)] + SheetKit.rateCells($0.1) },
            widths: [34] + Array(repeating: 11, count: ReviewReport.rateColumns.count), landscape: true, taken: &taken)
        let past = year.meetings.filter { $0.state != .upcoming }
        let meetings = SheetKit.table(
            "会議と出欠", title: "\(title) 会議と出欠", note: subtitle, columns: ["開催日", "会議", "記録", "数え方"],
            rows: past.map {
                [
                    .text($0.meeting.date.japaneseDescription, SheetKit.text),
                    .text($0.meeting.announcement.title, SheetKit.text), .text(Self.label($0.state), SheetKit.centered),
                    .text(Self.meaning($0.state), SheetKit.text),
                ]
            },
            widths: [22, 40, 14, 44], landscape: true, taken: &taken)
        let upcoming = SheetKit.table(
            "これからの会議", title: "\(title) これからの会議", note: subtitle, columns: ["開催日", "時間", "会議", "会場"],
            rows: year.upcoming.map {
                [
                    .text($0.meeting.date.japaneseDescription, SheetKit.text), .text(time($0.meeting), SheetKit.text),
                    .text($0.meeting.announcement.title, SheetKit.text), .text(place($0.meeting), SheetKit.text),
                ]
            },
            widths: [22, 14, 40, 34], landscape: true, taken: &taken)
        let slots = SheetKit.table(
            "スーパービジョン・訪問", title: "\(title) スーパービジョン・訪問", note: subtitle, columns: ["日付", "種類", "役割", "担当", "状況"],
            rows: year.slots.map { slotCells($0).map { .text($0, SheetKit.text) } }, widths: [22, 24, 18, 28, 18],
            landscape: true, taken: &taken)
        return Workbook(
            title: title, author: review.council.name, created: SheetKit.created(review.asOf),
            sheets: [summary, meetings, upcoming, slots])
    }
}
