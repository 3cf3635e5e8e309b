import CouncilTestSupport
import Foundation
import Testing

/// Attendance from the forms and sheets people really use, imported with no hand edit (fixtures in `Forms/`
/// shaped like real exports), and every refusal leaving every file as it was.
@Suite("Attendance from forms and sheets")
struct IntakeTests {
    static let forms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Forms").path
    let today = ["COUNCIL_TODAY": "2026-12-01"]

    /// The fixture council with two more businesses: 扇相談支援事業所 (invited as 指定特定) and a 地域包括 the
    /// 連絡会 does not invite; and the council's own wording of one answer.
    func council() throws -> String {
        var fixture = PlanFixture()
        fixture.files["businesses.csv"] =
            PlanFixture.roster + "ougi,扇相談支援事業所,指定特定,2020-04-01,2,\nhikari,ひかり地域包括支援センター,地域包括,,5,\n"
        fixture.files["council.yaml"] = PlanFixture.council + "attendance_answers:\n  会場で参加します: 出席\n  後日録画を視聴: 欠席連絡あり\n"
        return try fixture.write()
    }

    func run(_ arguments: String...) throws -> Council.Run {
        try Council.run(arguments, environment: today)
    }

    func record(_ folder: String) -> String {
        String(decoding: FileManager.default.contents(atPath: "\(folder)/attendance-2026.csv") ?? Data(), as: UTF8.self)
    }

    /// Every file of the council's folder, to show that a refusal changed none.
    func files(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") {
            result[name] = FileManager.default.contents(atPath: "\(folder)/\(name)")
        }
        return result
    }

    @Test("a Google Forms export for one meeting: BOM, タイムスタンプ, full-width brackets, a business answering twice")
    func googleForms() throws {
        let folder = try council()
        let run = try run(
            "attend", "import", folder, "\(Self.forms)/google-forms.csv", "--series", "renrakukai", "--date",
            "2026-06-09")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("3 added"))
        #expect(run.errors.contains("「㈱髙橋ケア　扇相談支援事業所」を「扇相談支援事業所」(ougi)として読みました"))
        #expect(run.errors.contains("「きた相談室」は2026-06-09の会議に2回回答しています。新しい回答(5行目)を採用しました"))
        let lines = record(folder)
        #expect(lines.contains("2026-06-09,renrakukai,ougi,出席,2,"))
        #expect(lines.contains("2026-06-09,renrakukai,minami,オンライン,1,"))
        #expect(lines.contains("2026-06-09,renrakukai,kita,出席,1,予定が変わりました"), "the latest answer wins")
        // The same answers saved from Excel as CP932 with CRLF are the same record: nothing to add.
        let again = try self.run(
            "attend", "import", folder, "\(Self.forms)/google-forms-excel-cp932.csv", "--series", "相談支援事業所等連絡会",
            "--date", "2026-06-09")
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.contains("0 added, 0 corrected, 0 removed, 3 already recorded"))
    }

    @Test("a LoGoフォーム export: 受付番号 and 回答日時, a heading with its explanation and a required mark")
    func logoForm() throws {
        let folder = try council()
        let run = try run(
            "attend", "import", folder, "\(Self.forms)/logo-form.csv", "--series", "renrakukai", "--date", "2026-10-13")
        #expect(run.status == 0, "\(run.errors)")
        let lines = record(folder)
        #expect(lines.contains("2026-10-13,renrakukai,minami,出席,,"))
        #expect(lines.contains("2026-10-13,renrakukai,kita,オンライン,,"))
        #expect(lines.contains("2026-10-13,renrakukai,ougi,欠席連絡あり,,所用のため"))
    }

    @Test("a hand-made Excel sheet whose date and meeting cells are left blank under the first of a block")
    func excelSheet() throws {
        let folder = try council()
        let run = try run("attend", "import", folder, "\(Self.forms)/excel-sheet.csv")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("5 added"))
        let lines = record(folder)
        #expect(lines.contains("2026-08-12,renrakukai,minami,欠席連絡あり,,"))
        #expect(lines.contains("2026-08-12,renrakukai,ougi,オンライン,,"), "half-width ｵﾝﾗｲﾝ")
        #expect(lines.contains("2026-10-13,renrakukai,ougi,出席,2,"))
    }

    @Test(
        "refused, located and with nothing written: a later meeting, a business not invited, a day without a meeting, a mismatch with --date"
    )
    func refusals() throws {
        let folder = try council()
        let before = try files(folder)
        let sheet = "\(folder)/../refused.csv"
        func refused(_ text: String, _ arguments: [String], _ expected: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: sheet))
            let run = try Council.run(["attend", "import", folder, sheet] + arguments, environment: today)
            #expect(run.status == 1, "\(text)")
            #expect(run.errors.contains(expected), "\(run.errors)")
            #expect(run.errors.contains("nothing was written"))
            #expect(try files(folder) == before, "no file changed")
        }
        try refused(
            "事業所名,出欠\nきた相談室,出席\n", ["--series", "renrakukai", "--date", "2026-12-08"],
            "refused.csv:2:1: error[not-yet-held]: 2026-12-08の「相談支援事業所等連絡会」はまだ開かれていません(今日は2026-12-01) / the meeting has not been held yet (expected: a meeting held on or before today (COUNCIL_TODAY or --today))"
        )
        try refused(
            "事業所名,出欠\nひかり地域包括支援センター,出席\n", ["--series", "renrakukai", "--date", "2026-06-09"],
            "refused.csv:2:1: error[not-invited]: ひかり地域包括支援センターは2026-06-09の「相談支援事業所等連絡会」に案内されていません / the business was not invited to that meeting (expected: a business invited to the meeting, or --walk-in to record it as 飛び入り)"
        )
        try refused(
            "日付,事業所名,出欠\n2026/6/10,きた相談室,出席\n", ["--series", "renrakukai"],
            "refused.csv:2:1: error[bad-date]: 2026-06-10に「相談支援事業所等連絡会」は開かれていません。今の規則「偶数月の第2火曜日」では6月は2026-06-09です")
        try refused(
            "日付,事業所名,出欠\n2026/6/9,きた相談室,出席\n", ["--series", "renrakukai", "--date", "2026-08-12"],
            "refused.csv:2:1: error[bad-date]: 日付2026-06-09が--date 2026-08-12と違います / the date differs from --date")
        try refused(
            "事業所名,出欠\nきた相談室・みなみ相談支援センター,出席\n", ["--series", "renrakukai", "--date", "2026-06-09"],
            "refused.csv:2:1: error[ambiguous-business]: 事業所「きた相談室・みなみ相談支援センター」はどれか決められません: きた相談室(kita)、みなみ相談支援センター(minami)"
        )
        try refused(
            "事業所名,出欠\n扇相談支援事務所,出席\n", ["--series", "renrakukai", "--date", "2026-06-09"],
            "「扇相談支援事業所」(ougi)ではありませんか?")
        try refused(
            "事業所名,出欠\nきた相談室,たぶん\n", ["--series", "renrakukai", "--date", "2026-06-09"],
            "refused.csv:2:7: error[bad-value]: 出欠「たぶん」を読めません / unknown answer")
        // The same mistake on 28 lines is one message.
        try refused(
            "事業所名,出欠\n" + String(repeating: "どこかの相談室,出席\n", count: 28),
            ["--series", "renrakukai", "--date", "2026-06-09"],
            "(同じ問題が28行: 2, 3, 4, 5, 6 … / on 28 lines)")
        let grouped = try Council.run(
            ["attend", "import", folder, sheet, "--series", "renrakukai", "--date", "2026-06-09"], environment: today)
        #expect(grouped.errors.components(separatedBy: "error[unknown-business]").count == 2, "one message, not 28")
    }

    @Test("--walk-in records an uninvited business as 飛び入り, shown apart in the review and counted in no rate")
    func walkIn() throws {
        let folder = try council()
        let run = try run(
            "attend", folder, "renrakukai", "2026-06-09", "--present", "ひかり地域包括支援センター", "kita", "--walk-in")
        #expect(run.status == 0, "\(run.errors)")
        #expect(record(folder).contains("2026-06-09,renrakukai,hikari,出席,,,飛び入り"))
        let review = try self.run("review", folder, "--year", "2026")
        #expect(review.status == 0, "\(review.errors)")
        #expect(review.output.contains("■ 飛び入り参加"))
        #expect(review.output.contains("ひかり地域包括支援センター"))
        #expect(
            review.output.contains("参加率      33%(出席 1 / 案内 3)"), "the walk-in is in neither count: \(review.output)")
        #expect(try self.run("lint", folder).status == 0, "the record with its walk_in column reads back")
    }

    @Test("a longer heading holding a column's word is that column, unless several do")
    func longerHeadings() throws {
        let folder = try council()
        let sheet = "\(folder)/../headings.csv"
        try Data("タイムスタンプ,所属事業所名,ご出欠（会場/オンライン）をお知らせください\n2026/4/1 9:00,きた相談室,出席\n".utf8).write(
            to: URL(fileURLWithPath: sheet))
        let run = try run("attend", "import", folder, sheet, "--series", "renrakukai", "--date", "2026-04-14")
        #expect(run.status == 0, "\(run.errors)")
        try Data("事業所名称,事業所の電話番号,出欠\nきた相談室,022,出席\n".utf8).write(to: URL(fileURLWithPath: sheet))
        let two = try self.run("attend", "import", folder, sheet, "--series", "renrakukai", "--date", "2026-04-14")
        #expect(
            two.status == 1 && two.errors.contains("error[csv-columns]: businessの列がどれか決められません: 事業所名称, 事業所の電話番号"),
            "\(two.errors)")
    }

    @Test("the council's own wording from council.yaml, and the built-in ones after normalisation")
    func answerWords() throws {
        let folder = try council()
        try Data("事業所名,出欠\nきた相談室,会場で参加します\nみなみ相談支援センター,後日録画を視聴\n扇相談支援事業所,ＺＯＯＭ\n".utf8).write(
            to: URL(fileURLWithPath: "\(folder)/../words.csv"))
        let run = try run(
            "attend", "import", folder, "\(folder)/../words.csv", "--series", "renrakukai", "--date", "2026-04-14")
        #expect(run.status == 0, "\(run.errors)")
        let lines = record(folder)
        #expect(lines.contains("2026-04-14,renrakukai,kita,出席"))
        #expect(lines.contains("2026-04-14,renrakukai,minami,欠席連絡あり"))
        #expect(lines.contains("2026-04-14,renrakukai,ougi,オンライン"))
    }

    @Test("correct and remove, all or nothing, and --dry-run on every writing command")
    func correctAndRemove() throws {
        let folder = try council()
        #expect(
            try run("attend", folder, "renrakukai", "2026-06-09", "--present", "kita", "--absent", "minami").status == 0
        )
        let written = record(folder)
        let conflict = try run("attend", folder, "renrakukai", "2026-06-09", "--excused", "minami")
        #expect(
            conflict.status == 1 && conflict.errors.contains("記録済み「欠席」、今回「欠席連絡あり」")
                && conflict.errors.contains("council attend correct"))
        #expect(
            !conflict.errors.contains("取り込むファイル") && !conflict.errors.contains("(command line):"),
            "the command line is not called a file")
        let dry = try run("attend", "correct", folder, "renrakukai", "2026-06-09", "--excused", "minami", "--dry-run")
        #expect(
            dry.status == 0 && dry.output.contains("~ 2026-06-09 renrakukai minami 欠席 → 欠席連絡あり")
                && dry.output.contains("dry run"))
        #expect(record(folder) == written)
        #expect(try run("attend", "correct", folder, "renrakukai", "2026-06-09", "--excused", "minami").status == 0)
        #expect(record(folder).contains("2026-06-09,renrakukai,minami,欠席連絡あり"))
        let missing = try run("attend", "remove", folder, "renrakukai", "2026-06-09", "kita", "ougi")
        #expect(missing.status == 1 && missing.errors.contains("nothing is recorded for them"))
        #expect(
            try run("attend", "remove", folder, "renrakukai", "2026-06-09", "kita", "--dry-run").output.contains(
                "- 2026-06-09 renrakukai kita 出席"))
        #expect(record(folder).contains("2026-06-09,renrakukai,kita,出席"))
        #expect(try run("attend", "remove", folder, "renrakukai", "2026-06-09", "kita").status == 0)
        #expect(!record(folder).contains("renrakukai,kita,"))
        let unknown = try run("attend", folder, "renrakukai", "2026-06-09", "--present", "nishi")
        #expect(unknown.status == 1 && unknown.errors.contains("--present nishi: error[unknown-business]"))
        let recordDry = try run("attend", folder, "renrakukai", "2026-06-09", "--present", "kita", "--dry-run")
        #expect(recordDry.status == 0 && recordDry.output.contains("+ 2026-06-09 renrakukai kita 出席"))
        #expect(!record(folder).contains("renrakukai,kita,"))
    }
}
