import CouncilCore
import TextFormats

/// The secretariat's console: the answers to what is coming, and for each meeting held a check-in form.
enum ConsolePages {
    /// A held meeting as the console lists it: how much of it is recorded.
    struct Held {
        var item: ReplyItem
        var recorded: Int
        var invited: Int
    }

    /// Publishing that fails: since when, and every problem as the export reports it.
    struct PublishFailure {
        var since: LocalMoment
        var problems: String
    }

    /// `token` is the console's own, which its relative links start from. A publishing failure is shown first.
    static func console(_ council: Council, token: String, upcoming: [ReplyTally], held: [Held], day: CalendarDate, publishFailure: PublishFailure? = nil) -> String {
        let sections = upcoming.map(tallySection).joined(separator: "\n")
        let rows = held.map { meeting in
            let state = meeting.recorded == 0 ? "未記録" : "記録済み \(meeting.recorded)/\(meeting.invited)"
            return "<tr><td>\(htmlEscaped(meeting.item.date.japaneseDescription))</td><td>\(htmlEscaped(meeting.item.title))</td><td>\(state)</td><td><a href=\"\(checkInPath(meeting.item, token: token))\">受付・出欠の記録<span class=\"visually-hidden\">(\(htmlEscaped(meeting.item.title)) \(htmlEscaped(meeting.item.date.japaneseDescription)))</span></a></td></tr>"
        }.joined(separator: "\n")
        return htmlPage(title: "\(council.name) 事務局 回答と受付", style: AnswerPages.style + hidden, body: """
        <main>
        <h1>\(htmlEscaped(council.name)) 事務局 回答と受付</h1>
        \(publishFailure.map(failureNotice) ?? "")
        <p>\(htmlEscaped(day.japaneseDescription))時点。このページのURLは事務局の方だけで使ってください。URLが漏れたときは council.yaml の secretariat_revision を上げると、このURLは使えなくなります(新しいURLは council feed-url --secretariat で表示します)。</p>
        <h2>これからの会議・予定(事前の回答)</h2>
        \(sections.isEmpty ? "<p>これから60日の会議・予定はありません。</p>" : sections)
        <h2>開催した会議(受付・出欠の記録)</h2>
        \(held.isEmpty ? "<p>今年度に開催した会議はまだありません。</p>" : "<table><thead><tr><th>開催日</th><th>会議</th><th>出欠の記録</th><th>受付</th></tr></thead><tbody>\n\(rows)\n</tbody></table>")
        </main>
        """)
    }

    /// The notice at the top of the console while the plans do not publish: businesses see no change meanwhile.
    private static func failureNotice(_ failure: PublishFailure) -> String {
        """
        <section class="failure" role="alert" aria-labelledby="failure-heading">
        <h2 id="failure-heading">配信を更新できていません</h2>
        <p>\(htmlEscaped(failure.since.date.japaneseDescription)) \(failure.since.time)から、計画の変更が事業所のカレンダーに届いていません(日程の変更や中止も届きません)。次の問題を直すと、自動で配信を再開します。前回の配信ファイルが読めないときは、<code>council export 計画フォルダ --recover</code> で作り直してください。</p>
        <pre>\(htmlEscaped(failure.problems))</pre>
        </section>
        """
    }

    /// `<token>/checkin/renrakukai/2026-12-08`, relative to the console.
    static func checkInPath(_ item: ReplyItem, token: String) -> String {
        "\(token)/checkin/\(htmlEscaped(item.subject.id))/\(item.originalDate)"
    }

    private static func tallySection(_ tally: ReplyTally) -> String {
        let item = tally.item
        let rows = tally.lines.map { line in
            let reply = line.reply
            return "<tr><th scope=\"row\">\(htmlEscaped(line.business.name))</th><td>\(reply.map { htmlEscaped($0.choice.rawValue) } ?? "未回答")</td><td>\(htmlEscaped(reply?.note ?? ""))</td><td>\(reply.map { AnswerPages.given($0.at) } ?? "")</td></tr>"
        }.joined(separator: "\n")
        let unanswered = tally.unanswered.map(\.name)
        return """
        <section class="item" aria-labelledby="\(AnswerPages.anchor(item))-h">
        <h3 id="\(AnswerPages.anchor(item))-h">\(htmlEscaped(AnswerPages.when(item))) \(htmlEscaped(item.title))</h3>
        <p class="counts">会場 \(tally.count(.present)) / オンライン \(tally.count(.online)) / 欠席 \(tally.count(.absent)) / 未回答 \(unanswered.count)</p>
        <table><thead><tr><th>事業所</th><th>回答</th><th>連絡事項</th><th>回答日時</th></tr></thead><tbody>
        \(rows)
        </tbody></table>
        <p>未回答(個別の声掛け): \(unanswered.isEmpty ? "なし" : htmlEscaped(unanswered.joined(separator: "、")))</p>
        </section>
        """
    }

    /// One held meeting's check-in form: each invited business with its answer, pre-filled from what is recorded or,
    /// where nothing is, from its answer (欠席 as 欠席連絡あり). `version` is the record as the form was made.
    static func checkIn(_ council: Council, tally: ReplyTally, recorded: [BusinessID: AttendanceEntry], version: String, formToken: String, back: String, saved: Bool) -> String {
        let item = tally.item
        let rows = tally.lines.map { line -> String in
            let chosen = recorded[line.business.id]?.status ?? line.reply?.choice.expectedAttendance
            let options = (["<option value=\"\"\(chosen == nil ? " selected" : "")>—(記録しない)</option>"] + AttendanceStatus.allCases.map { status in
                "<option value=\"\(status.identifier)\"\(chosen == status ? " selected" : "")>\(status.rawValue)</option>"
            }).joined()
            let answer = line.reply.map { $0.choice.rawValue + ($0.note.map { "・\($0)" } ?? "") } ?? "未回答"
            let id = "\(AnswerPages.Field.statusPrefix)\(line.business.id)"
            return "<tr><th scope=\"row\"><label for=\"\(htmlEscaped(id))\">\(htmlEscaped(line.business.name))</label></th><td>\(htmlEscaped(answer))</td><td>\(recorded[line.business.id].map { htmlEscaped($0.status.rawValue) } ?? "—")</td><td><select id=\"\(htmlEscaped(id))\" name=\"\(htmlEscaped(id))\">\(options)</select></td></tr>"
        }.joined(separator: "\n")
        return htmlPage(title: "受付: \(item.title) \(item.date.japaneseDescription)", style: AnswerPages.style, body: """
        <main>
        <h1>受付: \(htmlEscaped(item.title))</h1>
        <p>\(htmlEscaped(AnswerPages.when(item)))\(item.venue.map { "・" + htmlEscaped($0) } ?? "")</p>
        \(saved ? "<p class=\"saved\" role=\"status\">出欠を記録しました。参加状況のまとめ(council review)にそのまま数えられます。</p>" : "")
        <p>事前の回答から出欠を入れてあります(記録済みのものは記録のとおり)。当日の様子に合わせて直し、「出欠を記録する」を押してください。「—」の事業所は記録しません。</p>
        <form method="post" action="">
        <input type="hidden" name="\(AnswerPages.Field.formToken)" value="\(formToken)">
        <input type="hidden" name="\(AnswerPages.Field.version)" value="\(version)">
        <table><thead><tr><th>事業所</th><th>事前の回答</th><th>記録</th><th>出欠</th></tr></thead><tbody>
        \(rows)
        </tbody></table>
        <p><button type="submit">出欠を記録する</button></p>
        </form>
        <p><a href="\(htmlEscaped(back))">回答と受付の一覧に戻る</a></p>
        </main>
        """)
    }

    private static let hidden = """
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .failure { border: 3px solid #b00020; background: #fff4f4; color: #000; padding: 0.5em 1em; margin: 1em 0; }
    .failure h2 { color: #8a0018; margin-top: 0.3em; }
    .failure pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.9em; }
    """
}
