import CouncilCore
import HTMLTemplates

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

        /// The names as the forms' templates take them (`{{field.note}}`).
        static var names: [String: Any] {
            [
                "formToken": formToken, "kind": kind, "id": id, "date": date, "answer": answer, "note": note,
                "version": version,
            ]
        }
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

    /// The business's upcoming meetings and slots, each with its answer and, while answers are taken, a form
    /// (`HTMLTemplate.Name.answers`). `page` is the page's own URL (relative), where the forms post.
    /// `formToken` gives each item's form its own token.
    static func businessSection(
        _ items: [(item: ReplyItem, reply: Reply?)], now: LocalMoment, formToken: (ReplyItem) -> String, page: String,
        saved: String?
    ) -> [String: Any] {
        [
            "items": items.map { item, reply in
                itemCard(
                    item, reply: reply, open: !item.cancelled && item.deadline.isOpen(at: now),
                    formToken: formToken(item), page: page, saved: saved == anchor(item))
            }
        ]
    }

    private static func itemCard(
        _ item: ReplyItem, reply: Reply?, open: Bool, formToken: String, page: String, saved: Bool
    ) -> [String: Any] {
        let current = reply.map { reply -> [String: Any] in
            ["choice": reply.choice.rawValue, "given": given(reply.at), "note": HTMLTemplate.section(reply.note)]
        }
        let form = open && !item.cancelled ? answerForm(item, reply: reply, formToken: formToken, page: page) : nil
        return [
            "anchor": anchor(item),
            "when": when(item),
            "title": item.title,
            "venue": HTMLTemplate.section(item.venue),
            "saved": saved,
            "current": HTMLTemplate.section(current),
            "cancelled": item.cancelled,
            "closed": !item.cancelled && !open,
            "form": HTMLTemplate.section(form),
        ]
    }

    /// The form of `HTMLTemplate.Name.answerForm`: the choices (オンライン only where the item has a link).
    private static func answerForm(_ item: ReplyItem, reply: Reply?, formToken: String, page: String) -> [String: Any] {
        let choices = ReplyChoice.allCases.filter { $0 != .online || item.onlineURL != nil }.map {
            choice -> [String: Any] in
            [
                "identifier": choice.identifier, "label": choice == .present ? "出席(会場)" : choice.rawValue,
                "checked": reply?.choice == choice,
            ]
        }
        return [
            "deadline": deadlineText(item.deadline),
            "page": page,
            "formToken": formToken,
            "kind": kind(item),
            "subject": item.subject.id,
            "date": "\(item.originalDate)",
            "choices": choices,
            "limit": noteLimit,
            "note": reply?.note ?? "",
            "button": reply == nil ? "回答する" : "回答を変更する",
        ]
    }

    /// A refused POST, as a page that says why and leads back.
    static func refusal(_ message: String, back: String?) -> String {
        HTMLTemplate.render(
            .refusalPage,
            ["title": "受け付けできませんでした", "style": style, "message": message, "back": HTMLTemplate.section(back)])
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
