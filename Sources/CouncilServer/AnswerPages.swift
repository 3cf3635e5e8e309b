import CouncilCore
import TextFormats

/// The answer forms of a business's page, the secretariat's console and its check-in page: plain HTML forms that
/// work without JavaScript, in Japanese.
enum AnswerPages {
    /// A form's fields: what every POST carries besides its answer.
    enum Field {
        static let formToken = "form_token"
        static let kind = "kind"
        static let id = "id"
        static let date = "date"
        static let answer = "answer"
        static let note = "note"
        static let version = "version"
        /// `s-<business>`: a business's attendance on the check-in form.
        static let statusPrefix = "s-"
    }

    /// The longest note kept with an answer, in UTF-16 code units as the form's `maxlength` counts them: 200字 of
    /// Japanese, fewer of characters outside the BMP (an emoji counts 2).
    static let noteLimit = 200

    /// What its form's `kind` field says an item is: `meeting` or `slot`.
    static func kind(_ item: ReplyItem) -> String {
        item.subject.isSlot ? "slot" : "meeting"
    }

    /// `a-m-renrakukai-2026-12-08`: where an item's form is on the page.
    static func anchor(_ item: ReplyItem) -> String {
        "a-\(item.subject.isSlot ? "s" : "m")-\(item.subject.id.replacingOccurrences(of: ":", with: "-"))-\(item.originalDate)"
    }

    /// `令和8年12月8日(火) 14:00–16:00`.
    static func when(_ item: ReplyItem) -> String {
        item.date.japaneseDescription + (item.time.map { " \($0)" } ?? "")
    }

    /// `12月1日 19:04`: when an answer was given.
    static func given(_ moment: LocalMoment) -> String {
        "\(moment.date.month)月\(moment.date.day)日 \(ClockTime(hour: moment.time.hour, minute: moment.time.minute))"
    }

    static func deadlineText(_ deadline: ReplyDeadline) -> String {
        switch deadline {
        case .endOfDay(let day): return "\(day.japaneseDescription)まで回答・変更できます"
        case .start(let day, let time): return "\(day.japaneseDescription) \(time)の開始まで回答・変更できます"
        }
    }

    /// The business's upcoming meetings and slots, each with its answer and, while answers are taken, a form.
    /// `page` is the page's own URL (relative), where the forms post.
    /// `formToken` gives each item's form its own token.
    static func businessSection(_ items: [(item: ReplyItem, reply: Reply?)], now: LocalMoment, formToken: (ReplyItem) -> String, page: String, saved: String?) -> String {
        let cards = items.map { item, reply in
            itemCard(item, reply: reply, open: !item.cancelled && item.deadline.isOpen(at: now), formToken: formToken(item), page: page, saved: saved == anchor(item))
        }
        return """
        <h2 id="answers">これからの会議・予定への回答</h2>
        <p>出席・オンライン・欠席をこのページで回答できます。回答は事務局に届き、期限までは何度でも変更できます(最後の回答が有効です)。</p>
        \(cards.isEmpty ? "<p>これからの会議・予定はありません。</p>" : cards.joined(separator: "\n"))
        """
    }

    private static func itemCard(_ item: ReplyItem, reply: Reply?, open: Bool, formToken: String, page: String, saved: Bool) -> String {
        let id = anchor(item)
        let current = reply.map { "現在の回答: <strong>\(htmlEscaped($0.choice.rawValue))</strong>(\(given($0.at))回答)" + ($0.note.map { "・\(htmlEscaped($0))" } ?? "") } ?? "現在の回答: <strong>未回答</strong>"
        var lines = ["<section class=\"item\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">", "<h3 id=\"\(id)-h\">\(htmlEscaped(when(item))) \(htmlEscaped(item.title))</h3>"]
        if let venue = item.venue { lines.append("<p>会場: \(htmlEscaped(venue))</p>") }
        if saved { lines.append("<p class=\"saved\" role=\"status\">回答を受け付けました。</p>") }
        lines.append("<p class=\"current\">\(current)</p>")
        if item.cancelled {
            lines.append("<p class=\"closed\">この会議・予定は中止になりました。</p>")
        } else if !open {
            lines.append("<p class=\"closed\">回答の期限を過ぎました。変更は事務局へご連絡ください。</p>")
        } else {
            lines.append("<p class=\"deadline\">\(htmlEscaped(deadlineText(item.deadline)))</p>")
            lines.append(answerForm(item, reply: reply, formToken: formToken, page: page))
        }
        lines.append("</section>")
        return lines.joined(separator: "\n")
    }

    private static func answerForm(_ item: ReplyItem, reply: Reply?, formToken: String, page: String) -> String {
        let id = anchor(item)
        let choices = ReplyChoice.allCases.filter { $0 != .online || item.onlineURL != nil }.map { choice in
            let label = choice == .present ? "出席(会場)" : choice.rawValue
            return "<label><input type=\"radio\" name=\"\(Field.answer)\" value=\"\(choice.identifier)\"\(reply?.choice == choice ? " checked" : "") required> \(label)</label>"
        }.joined(separator: "\n")
        return """
        <form method="post" action="\(htmlEscaped(page))#\(id)">
        <input type="hidden" name="\(Field.formToken)" value="\(formToken)">
        <input type="hidden" name="\(Field.kind)" value="\(kind(item))">
        <input type="hidden" name="\(Field.id)" value="\(htmlEscaped(item.subject.id))">
        <input type="hidden" name="\(Field.date)" value="\(item.originalDate)">
        <fieldset><legend>出欠</legend>
        \(choices)
        </fieldset>
        <p><label for="\(id)-note">連絡事項(任意・\(noteLimit)字まで)</label><br>
        <textarea id="\(id)-note" name="\(Field.note)" rows="2" cols="40" maxlength="\(noteLimit)">\(htmlEscaped(reply?.note ?? ""))</textarea></p>
        <p><button type="submit">\(reply == nil ? "回答する" : "回答を変更する")</button></p>
        </form>
        """
    }

    /// A refused POST, as a page that says why and leads back.
    static func refusal(_ message: String, back: String?) -> String {
        htmlPage(title: "受け付けできませんでした", style: style, body: """
        <main>
        <h1>受け付けできませんでした</h1>
        <p role="alert">\(htmlEscaped(message))</p>
        \(back.map { "<p><a href=\"\(htmlEscaped($0))\">もとのページに戻る</a></p>" } ?? "")
        </main>
        """)
    }

    /// A meeting's box and its form, on a business's page and on the console.
    static let itemStyle = """
    section.item { border: 1px solid #bbb; border-radius: 6px; padding: 0.2rem 1rem 0.4rem; margin: 1rem 0; }
    section.item h3 { font-size: 1.05rem; margin: 0.6rem 0 0.2rem; }
    section.item p { margin: 0.3rem 0; }
    fieldset { border: 1px solid #999; margin: 0.4rem 0; }
    fieldset label { margin-right: 1.2rem; white-space: nowrap; }
    button { font-size: 1rem; padding: 0.3rem 1.2rem; }
    .saved { background: #e3f1e3; color: #1f4d1f; padding: 0.2rem 0.6rem; }
    .closed { color: #5c5c5c; }
    """

    static let style = """
    body { margin: 2rem auto; max-width: 760px; padding: 0 1rem; line-height: 1.7; }
    \(itemStyle)
    table { border-collapse: collapse; margin: 0.4rem 0 1rem; }
    th, td { border: 1px solid #999; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
    td.num { text-align: right; }
    .counts { font-weight: bold; }
    """
}
