import CouncilCore
import HTMLTemplates

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
    static func console(
        _ council: Council, token: String, upcoming: [ReplyTally], held: [Held], day: CalendarDate,
        publishFailure: PublishFailure? = nil
    ) -> String {
        let rows = held.map { meeting -> [String: Any] in
            [
                "date": meeting.item.date.japaneseDescription,
                "meeting": meeting.item.title,
                "state": meeting.recorded == 0 ? "未記録" : "記録済み \(meeting.recorded)/\(meeting.invited)",
                "path": checkInPath(meeting.item, token: token),
            ]
        }
        let failure = publishFailure.map { failure -> [String: Any] in
            ["since": "\(failure.since.date.japaneseDescription) \(failure.since.time)", "problems": failure.problems]
        }
        return HTMLTemplate.render(
            .consolePage,
            [
                "title": "\(council.name) 事務局 回答と受付",
                "style": AnswerPages.style + hidden,
                "name": council.name,
                "failure": HTMLTemplate.section(failure),
                "day": day.japaneseDescription,
                "tallies": upcoming.map(tally),
                "held": rows,
                "hasHeld": !rows.isEmpty,
            ])
    }

    /// `<token>/checkin/renrakukai/2026-12-08`, relative to the console.
    static func checkInPath(_ item: ReplyItem, token: String) -> String {
        "\(token)/checkin/\(item.subject.id)/\(item.originalDate)"
    }

    /// What is coming, with its answers (`HTMLTemplate.Name.tally`).
    private static func tally(_ tally: ReplyTally) -> [String: Any] {
        let item = tally.item
        let lines = tally.lines.map { line -> [String: Any] in
            let reply = line.reply
            return [
                "business": line.business.name,
                "answer": reply?.choice.rawValue ?? "未回答",
                "note": reply?.note ?? "",
                "given": reply.map { AnswerPages.given($0.at) } ?? "",
            ]
        }
        let unanswered = tally.unanswered.map(\.name)
        let count: [String: Any] = [
            "present": tally.count(.present), "online": tally.count(.online), "absent": tally.count(.absent),
            "unanswered": unanswered.count,
        ]
        return [
            "anchor": AnswerPages.anchor(item),
            "when": AnswerPages.when(item),
            "meeting": item.title,
            "count": count,
            "lines": lines,
            "unanswered": unanswered.isEmpty ? "なし" : unanswered.joined(separator: "、"),
        ]
    }

    /// One held meeting's check-in form: each invited business with its answer, pre-filled from what is recorded or,
    /// where nothing is, from its answer (欠席 as 欠席連絡あり). `version` is the record as the form was made.
    static func checkIn(
        _ council: Council, tally: ReplyTally, recorded: [BusinessID: AttendanceEntry], version: String,
        formToken: String, back: String, saved: Bool
    ) -> String {
        let item = tally.item
        let rows = tally.lines.map { line -> [String: Any] in
            let chosen = recorded[line.business.id]?.status ?? line.reply?.choice.expectedAttendance
            let none: [String: Any] = ["value": "", "label": "—(記録しない)", "selected": chosen == nil]
            let options =
                [none]
                + AttendanceStatus.allCases.map { status -> [String: Any] in
                    ["value": status.identifier, "label": status.rawValue, "selected": chosen == status]
                }
            return [
                "id": "\(AnswerPages.Field.statusPrefix)\(line.business.id)",
                "business": line.business.name,
                "answer": line.reply.map { $0.choice.rawValue + ($0.note.map { "・\($0)" } ?? "") } ?? "未回答",
                "recorded": recorded[line.business.id]?.status.rawValue ?? "—",
                "options": options,
            ]
        }
        return HTMLTemplate.render(
            .checkInPage,
            [
                "title": "受付: \(item.title) \(item.date.japaneseDescription)",
                "style": AnswerPages.style,
                "meeting": item.title,
                "when": AnswerPages.when(item),
                "venue": HTMLTemplate.section(item.venue),
                "saved": saved,
                "field": AnswerPages.Field.names,
                "formToken": formToken,
                "version": version,
                "rows": rows,
                "back": back,
            ])
    }

    private static let hidden = """
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .failure { border: 3px solid #b00020; background: #fff4f4; color: #000; padding: 0.5em 1em; margin: 1em 0; }
        .failure h2 { color: #8a0018; margin-top: 0.3em; }
        .failure pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.9em; }
        """
}
