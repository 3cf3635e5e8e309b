import CouncilCore

/// `council answers`: each meeting's or slot's answers in the terminal (business, answer, note, when, by whom), with
/// its head count, or every change of one business's answer.
public struct ReplyListing: Sendable {
    public let tallies: [ReplyTally]
    /// Every answer given to the items, oldest first, when the whole history is asked for.
    public let history: [Reply]?

    public init(tallies: [ReplyTally], history: [Reply]? = nil) {
        self.tallies = tallies
        self.history = history
    }

    public func render(names: (BusinessID) -> String, markdown: Bool = false) -> String {
        let sections = TextSections(markdown: markdown)
        guard !tallies.isEmpty else { return "回答を受け付ける会議・予定はありません / nothing to answer\n" }
        var out: [String] = []
        for tally in tallies {
            let item = tally.item
            let heading =
                "\(item.date.japaneseDescription)\(item.time.map { " \($0)" } ?? "") \(item.title)(会場 \(tally.count(.present)) / オンライン \(tally.count(.online)) / 欠席 \(tally.count(.absent)) / 未回答 \(tally.unanswered.count))"
            if let history {
                let changes = history.filter { $0.subject == item.subject && $0.originalDate == item.originalDate }
                out += sections.table(
                    heading, ["事業所", "回答", "連絡事項", "日時", "回答者"],
                    changes.map {
                        [names($0.business), $0.choice.rawValue, $0.note ?? "", Self.when($0.at), Self.who($0.by)]
                    }, empty: "回答なし")
            } else {
                out += sections.table(
                    heading, ["事業所", "回答", "連絡事項", "日時", "回答者"],
                    tally.lines.map { line in
                        [
                            line.business.name, line.reply?.choice.rawValue ?? "未回答", line.reply?.note ?? "",
                            line.reply.map { Self.when($0.at) } ?? "", line.reply.map { Self.who($0.by) } ?? "",
                        ]
                    })
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `2026-12-01 19:04`.
    static func when(_ moment: LocalMoment) -> String {
        "\(moment.date) \(ClockTime(hour: moment.time.hour, minute: moment.time.minute))"
    }

    /// `事業所のページ(r1)`, `コマンド`.
    static func who(_ source: ReplySource) -> String {
        switch source {
        case .page(let revision): return "事業所のページ(r\(revision))"
        case .commandLine: return "コマンド"
        }
    }
}
