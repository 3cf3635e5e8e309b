import CouncilTestSupport
import Foundation
import Testing

@Suite("council answers and the secretariat's console URL")
struct AnswersCommandTests {
    let today = ["COUNCIL_TODAY": "2026-06-01"]

    @Test(
        "an answer by phone is recorded as the command line's; the list shows it with the head count; --history every change; a bad line is refused at its place"
    )
    func answersByPhone() throws {
        let folder = try PlanFixture().write()
        let first = try Council.run(
            ["answers", "add", folder, "renrakukai", "2026-06-09", "kita", "出席", "--note", "電話で"], environment: today)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("きた相談室: 相談支援事業所等連絡会 令和8年6月9日(火) 出席"))
        #expect(
            try Council.run(
                ["answers", "add", folder, "相談支援事業所等連絡会", "2026-06-09", "きた相談室", "absent"], environment: today
            ).status == 0)
        let list = try Council.run(["answers", folder], environment: today)
        #expect(list.status == 0)
        #expect(list.output.contains("令和8年6月9日(火) 14:00–16:00 相談支援事業所等連絡会(会場 0 / オンライン 0 / 欠席 1 / 未回答 1)"))
        #expect(list.output.contains("みなみ相談支援センター  未回答"))
        let history = try Council.run(["answers", folder, "renrakukai", "2026-06-09", "--history"], environment: today)
        #expect(
            history.output.contains("出席") && history.output.contains("電話で") && history.output.contains("欠席")
                && history.output.contains("コマンド"))
        let record = String(
            decoding: FileManager.default.contents(atPath: "\(folder)/answers-2026.csv") ?? Data(), as: UTF8.self)
        #expect(
            record.contains(",2026-06-09,renrakukai,,kita,出席,電話で,cli")
                && record.contains(",2026-06-09,renrakukai,,kita,欠席,,cli"))
        // Not invited, not an answer, no such meeting: refused, nothing written.
        for arguments in [
            ["renrakukai", "2026-06-09", "nobody", "出席"], ["renrakukai", "2026-06-09", "kita", "たぶん"],
            ["renrakukai", "2026-06-10", "kita", "出席"],
        ] {
            let refused = try Council.run(["answers", "add", folder] + arguments, environment: today)
            #expect(refused.status != 0, "\(arguments)")
        }
        #expect(
            String(
                decoding: FileManager.default.contents(atPath: "\(folder)/answers-2026.csv") ?? Data(), as: UTF8.self)
                == record)
        // A hand edit that breaks the record is reported where it is.
        try (record + "2026-06-02T09:00:00+09:00,2026-06-09,renrakukai,,kita,たぶん,,cli\r\n").write(
            toFile: "\(folder)/answers-2026.csv", atomically: true, encoding: .utf8)
        let broken = try Council.run(["answers", folder], environment: today)
        #expect(
            broken.status == 1 && broken.errors.contains("answers-2026.csv:4:")
                && broken.errors.contains("回答「たぶん」はありません"))
    }

    @Test(
        "feed-url --secretariat prints the console's URL; raising secretariat_revision gives another; a bad answer_by is a located problem"
    )
    func consoleURL() throws {
        let folder = try PlanFixture().write()
        let key = ["COUNCIL_FEED_KEY": "a secret key of at least thirty-two bytes", "COUNCIL_TODAY": "2026-06-01"]
        let url = try Council.run(
            ["feed-url", folder, "--secretariat", "--base", "https://calendar.example.jp"], environment: key)
        #expect(
            url.status == 0 && url.output.hasPrefix("https://calendar.example.jp/demo/secretariat/")
                && url.output.count == "https://calendar.example.jp/demo/secretariat/".count + 33)
        try (PlanFixture.council + "secretariat_revision: 1\n").write(
            toFile: "\(folder)/council.yaml", atomically: true, encoding: .utf8)
        let raised = try Council.run(
            ["feed-url", folder, "--secretariat", "--base", "https://calendar.example.jp"], environment: key)
        #expect(raised.status == 0 && raised.output != url.output)
        try PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n", with: "    time: 14:00-16:00\n    answer_by: そのうち\n"
        ).write(toFile: "\(folder)/council.yaml", atomically: true, encoding: .utf8)
        let lint = try Council.run(["lint", folder], environment: key)
        #expect(
            lint.status == 1 && lint.errors.contains("council.yaml:11:16")
                && lint.errors.contains("answer_by「そのうち」を読めません"), "\(lint.errors)")
    }
}

@Suite("council answers in the terminal")
struct AnswersListingTests {
    @Test(
        "answers, notes, times and who are words: each column starts where its heading does, whatever the width of the line before"
    )
    func columnsAligned() throws {
        let folder = try PlanFixture().write()
        let today = ["COUNCIL_TODAY": "2026-06-01"]
        #expect(
            try Council.run(
                ["answers", "add", folder, "renrakukai", "2026-06-09", "kita", "オンライン", "--note", "子連れで参加"],
                environment: today
            ).status == 0)
        #expect(
            try Council.run(
                ["answers", "add", folder, "renrakukai", "2026-06-09", "minami", "欠席", "--note", "研修"],
                environment: today
            ).status == 0)
        let lines = try Council.run(["answers", folder, "renrakukai", "2026-06-09"], environment: today).output.split(
            separator: "\n"
        ).map(String.init)
        /// Display columns (East Asian wide characters count two) before `text` in `line`.
        func column(_ text: String, in line: String) -> Int? {
            line.range(of: text).map {
                line[..<$0.lowerBound].unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
            }
        }
        let header = try #require(lines.first { $0.contains("連絡事項") })
        let kita = try #require(lines.first { $0.contains("きた相談室") })
        let minami = try #require(lines.first { $0.contains("みなみ相談支援センター") })
        #expect(
            column("回答", in: header) == column("オンライン", in: kita)
                && column("回答", in: header) == column("欠席", in: minami), "\(lines)")
        #expect(
            column("連絡事項", in: header) == column("子連れで参加", in: kita)
                && column("連絡事項", in: header) == column("研修", in: minami), "\(lines)")
    }
}
