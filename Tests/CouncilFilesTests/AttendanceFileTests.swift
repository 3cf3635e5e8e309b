import CouncilCore
import CouncilFiles
import CouncilTestSupport
import Foundation
import Testing

@Suite("Attendance files")
struct AttendanceFileTests {
    func council() async throws -> Council { try await PlanFixture().load().get() }

    // The fixture's 連絡会 meets on the 2nd Tuesday of even months: 2026-04-14, 06-09 …; 08-11 is 山の日,
    // so that meeting moves to 08-12.

    /// Read as a sheet to import (the record's own headings are among those recognised).
    func read(_ bytes: [UInt8], mapping: AttendanceSheet.ColumnMapping = .init()) async throws -> Result<
        [AttendanceEntry], PlanProblems
    > {
        let council = try await council()
        let years = CouncilYears(council: council, today: CalendarDate(year: 2026, month: 12, day: 1), expander: nil)
        return AttendanceSheet.read(bytes, file: "sheet.csv", years: years, options: .init(mapping: mapping)).map(
            \.entries)
    }

    @Test("UTF-8 with a BOM, ids or names, Japanese or English statuses, held or scheduled dates")
    func utf8() async throws {
        let text =
            "\u{FEFF}date,series,business,status,count,note\r\n2026-04-14,renrakukai,kita,出席,2,\r\n2026/4/14,相談支援事業所等連絡会,みなみ相談支援センター,online,,\r\n2026-08-12,renrakukai,kita,excused,,\"研修と重なり, 連絡済み\"\r\n2026-08-11,renrakukai,minami,欠席,,\r\n"
        let entries = try await read(Array(text.utf8)).get()
        #expect(entries.map(\.business) == ["kita", "minami", "kita", "minami"])
        #expect(entries.map(\.status) == [.present, .online, .excused, .absent])
        #expect(entries[0].headCount == 2)
        #expect(
            entries[2].originalDate == CalendarDate(year: 2026, month: 8, day: 11),
            "the moved meeting is named by its rule date")
        #expect(entries[2].note == "研修と重なり, 連絡済み")
    }

    @Test("spaces typed around fields, ASCII or full-width, are not part of them")
    func spaces() async throws {
        let text =
            " date , series,business ,status,count,note\n2026-04-14 , renrakukai,\u{3000}kita\u{3000},\t出席 , 2 ,\u{3000}遅れて参加 \n"
        let entries = try await read(Array(text.utf8)).get()
        #expect(entries.map(\.business) == ["kita"])
        #expect(entries.first?.status == .present)
        #expect(entries.first?.headCount == 2)
        #expect(entries.first?.note == "遅れて参加")
    }

    @Test("Shift_JIS (CP932) as Japanese Excel saves it, with a column mapping")
    func cp932() async throws {
        // 日付,会議,事業所,出欠 / 2026年6月9日,相談支援事業所等連絡会,きた相談室,出席 — encoded by Python's cp932 codec.
        let hex =
            "93fa95742c89ef8b632c8e968bc68f8a2c8f6f8c870d0a32303236944e368c8e3993fa2c918a926b8e7889878e968bc68f8a93999841978d89ef2c82ab82bd918a926b8eba2c8f6f90c80d0a"
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        let mapping = try #require(AttendanceSheet.ColumnMapping(parsing: "date=日付,series=会議,business=事業所,status=出欠"))
        let entries = try await read(bytes, mapping: mapping).get()
        #expect(entries.map(\.business) == ["kita"])
        #expect(entries.first?.originalDate == CalendarDate(year: 2026, month: 6, day: 9))
    }

    @Test("every bad row is reported at file:line:column, and nothing is returned")
    func badRows() async throws {
        let text =
            "date,series,business,status\n2026-04-14,renrakukai,kita,出席\n2026-04-14,renrakukai,nishi,出席\n2026-04-15,renrakukai,kita,出席\n2026-06-09,renrakukai,kita,遅刻\n2026-02-30,renrakukai,kita,出席\n"
        guard case .failure(let problems) = try await read(Array(text.utf8)) else {
            Issue.record("the sheet has bad rows")
            return
        }
        #expect(
            problems.problems.map { "\($0.line):\($0.column) \($0.id.rawValue)" } == [
                "3:23 unknown-business", "4:1 bad-date", "5:28 bad-value", "6:1 bad-date",
            ])
        #expect(problems.problems[0].description.hasPrefix("sheet.csv:3:23: error[unknown-business]"))
        #expect(problems.problems[1].description.contains("2026-04-14"), "suggests the meeting's real date")
    }

    /// Read as the council's own record: from its bytes, cell by cell through the memo.
    func readRecord(_ text: String) async throws -> Result<[AttendanceEntry], PlanProblems> {
        let years = CouncilYears(
            council: try await council(), today: CalendarDate(year: 2026, month: 12, day: 1), expander: nil)
        return AttendanceFile.read(Array(text.utf8), file: "sheet.csv", years: years)
    }

    @Test(
        "the record read from its bytes gives what the sheet reader gives: the same entries, the same problems at the same places"
    )
    func recordAsSheet() async throws {
        let header = "date,series,business,status,count,note,walk_in\r\n"
        let good = [
            "2026-04-14,renrakukai,kita,出席,2,,\r\n2026/4/14,相談支援事業所等連絡会,みなみ相談支援センター,online,,,\r\n",
            "2026-08-12,renrakukai,kita,excused,,\"研修と重なり, 連絡済み\",\r\n2026-08-11,renrakukai,minami,欠席,,'=連絡済み,\r\n",
            // Typed spaces, ASCII and full-width, around cells the memo has seen bare on the line before.
            "2026-06-09,renrakukai,kita,出席,,,\r\n 2026-06-09 ,\u{3000}renrakukai, minami ,\t出席 , ２名 ,\u{3000}遅れて参加 ,\r\n",
        ]
        for body in good {
            let record = try await readRecord(header + body).get()
            await #expect(record == (try read(Array((header + body).utf8)).get()), "\(body)")
        }
        let spaced = try await readRecord(header + good[2]).get()
        #expect(spaced.map(\.business) == ["kita", "minami"] && spaced[1].headCount == 2 && spaced[1].note == "遅れて参加")
        await #expect(
            try readRecord(header + good[1]).get()[1].note == "=連絡済み",
            "the apostrophe written before a formula is taken off")
        // A bad cell seen twice is reported on both lines; the good lines between do not hide it.
        let bad =
            header
            + "2026-04-14,renrakukai,nishi,出席,,,\r\n2026-04-14,renrakukai,kita,出席,,,\r\n2026-04-14,renrakukai,nishi,出席,,,\r\n2026-04-15,renrakukai,kita,出席,,,\r\n2026-06-09,renrakukai,kita,遅刻,,,\r\n2026-06-09,renrakukai,minami,出席,x,,\r\n"
        guard case .failure(let problems) = try await readRecord(bad),
            case .failure(let sheetProblems) = try await read(Array(bad.utf8))
        else {
            Issue.record("the record has bad rows")
            return
        }
        #expect(
            problems.problems.map { "\($0.line):\($0.column) \($0.id.rawValue)" } == [
                "2:23 unknown-business", "5:1 bad-date", "6:28 bad-value", "7:33 bad-number",
            ])
        #expect(problems.problems.first?.message.contains("2行: 2, 4") == true, "\(problems.problems)")
        #expect(problems.problems.map(\.description) == sheetProblems.problems.map(\.description))
    }

    @Test("a missing column is named, with how to map it or give the meeting")
    func missingColumn() async throws {
        guard case .failure(let problems) = try await read(Array("いつ,どこ,だれ,どう\n".utf8)) else {
            Issue.record("no column matches")
            return
        }
        #expect(problems.problems.count == 4)
        #expect(problems.problems[0].expected?.contains("--columns date=") == true)
        #expect(problems.problems[0].expected?.contains("--series ID --date YYYY-MM-DD") == true)
    }

    @Test("bytes that are neither UTF-8 nor Shift_JIS are refused")
    func undecodable() async throws {
        guard case .failure(let problems) = try await read([0x64, 0x61, 0xFF, 0xFE, 0x80, 0x80]) else {
            Issue.record("not text")
            return
        }
        #expect(problems.problems.first?.id == .unreadableFile)
    }
}
