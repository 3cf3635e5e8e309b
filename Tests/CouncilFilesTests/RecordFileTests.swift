import CouncilCore
import Foundation
import Testing
import TextFormats

@testable import CouncilFiles

/// The record files read directly, each through the one CSV path (`ExcelCSV.Reader`): the same quoted line
/// break moves every file's later lines alike, and each field's column is counted alike.
@Suite("Record files: roster, rotation record, published schedule, progress")
struct RecordFileTests {
    /// A cell whose quotes hold a line break (Alt+Enter in Excel).
    let twoLines = "\"二行の\r\n備考\""

    @Test(
        "a cell read from its bytes is what trimming and restoring its text gives, for every space separator Unicode has and its neighbours"
    )
    func cellsFromBytes() {
        // Every Zs scalar by Swift's Unicode data, the tab, and the scalars just around each (same lead bytes).
        let spaces =
            (0...0x3100).compactMap(Unicode.Scalar.init).filter { $0.properties.generalCategory == .spaceSeparator } + [
                "\t"
            ]
        #expect(spaces.count == 18, "\(spaces.map { String($0.value, radix: 16) })")
        let neighbours = spaces.flatMap { [$0.value - 1, $0.value + 1] }.compactMap(Unicode.Scalar.init)
        let cores = ["", "kita", "出席", "'=SUM(A1)", "''+1", "'x", "。", "「連絡会」"]
        for edge in (spaces + neighbours).map(String.init) + ["", "'"] {
            for core in cores {
                for text in [edge + core, core + edge, edge + core + edge] {
                    let bytes = Array(text.utf8)
                    let cell = bytes.withUnsafeBytes { ExcelCSV.Reader.cell($0) }
                    #expect(
                        cell == ExcelCSV.restored(ExcelCSV.Reader.trimmed(text)),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
    }

    @Test("a line break inside quotes on line 2 puts the next row on line 4 in every record file")
    func sameLines() throws {
        let roster = "id,name,kind\r\nkita,\(twoLines),指定特定\r\nBAD,みなみ,指定特定\r\n"
        let rosterProblems = RosterFile.read(roster, file: "businesses.csv").1
        #expect(rosterProblems.map { [$0.line, $0.column] } == [[4, 1]], "\(rosterProblems)")

        let rotation = Rotation(
            id: "sv", title: "個別SV", kind: .individualSupervision, slots: .schedule(.dates([]), text: "", time: nil),
            venue: nil, pool: Invitation(kinds: [.designated]),
            leads: [Lead(id: "ito", name: "伊藤", affiliation: .wardOffice(section: nil))])
        let record =
            "slot,date,start,end,targets,leads,status,note\r\n2026-06-03,2026-06-03,,,kita,ito,実施,\(twoLines)\r\n2026-07-01,2026-07-01,,,nobody,ito,,\r\n"
        let recordProblems = RotationRecordFile.read(
            record, file: "rotation-sv-2026.csv", rotation: rotation, year: FiscalYear(2026), businesses: ["kita"]
        ).1
        #expect(
            recordProblems.map { [$0.line, $0.column] } == [[4, 25]],
            "the target column, after the 24 characters of 2026-07-01,2026-07-01,,,: \(recordProblems)")

        let published =
            PublishedScheduleFile.header.joined(separator: ",") + "\r\n"
            + "renrakukai,2026-04-14,2026-04-14,14:00,16:00,予定,\(twoLines),連絡会,連絡会,会議室,,kita,\r\n"
            + "renrakukai,2026-05-12,2026-05-12,14:00,16:00,予定,,連絡会,会合,会議室,,kita,\r\n"
        let publishedProblems = PublishedScheduleFile.read(
            published, file: "published-2026.csv", year: FiscalYear(2026)
        ).problems
        #expect(
            publishedProblems.map { [$0.line, $0.column] } == [[4, 54]],
            "the kind column, after 53 characters: \(publishedProblems)")

        let plan = Plan(
            year: FiscalYear(2026), title: "計画", tasks: [PlanTask(number: 1, title: "連絡会", schedule: .months([4]))])
        let progress = "task,month,status,note\r\n1,4月,実施,\(twoLines)\r\n1,13,実施,\r\n"
        guard
            case .failure(let progressProblems) = ProgressFile.read(
                Array(progress.utf8), file: "progress-2026.csv", plan: plan)
        else {
            Issue.record("month 13 is refused")
            return
        }
        #expect(progressProblems.problems.map { [$0.line, $0.column] } == [[4, 3]])
    }

    @Test("what council rotate writes reads back as it was: a note that looks like a formula and spans two lines")
    func roundTrips() throws {
        let rotation = Rotation(
            id: "sv", title: "個別SV", kind: .individualSupervision, slots: .schedule(.dates([]), text: "", time: nil),
            venue: nil, pool: Invitation(kinds: [.designated]),
            leads: [Lead(id: "ito", name: "伊藤", affiliation: .wardOffice(section: nil))])
        let day = CalendarDate(year: 2026, month: 6, day: 3)
        let assignments = [
            SlotAssignment(
                slot: RotationSlot(
                    rotation: "sv", originalDate: day, date: day.adding(days: 7),
                    time: TimeRange(start: ClockTime(hour: 15, minute: 0), end: ClockTime(hour: 16, minute: 0))),
                targets: ["kita"], leads: ["ito"], outcome: .postponed, note: "=会場の都合\n翌週へ")
        ]
        let text = String(decoding: RotationRecordFile.bytes(for: assignments), as: UTF8.self)
        let (record, problems) = RotationRecordFile.read(
            text, file: "r.csv", rotation: rotation, year: FiscalYear(2026), businesses: ["kita"])
        #expect(problems.isEmpty)
        #expect(record?.assignments == assignments)
    }
}

@Suite("AtomicFileSet: all or nothing")
struct AtomicFileSetTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("writes every file, reports an unchanged one as unchanged and leaves no temporary file")
    func writes() throws {
        let base = try folder()
        let first = try AtomicFileSet.write([
            ("\(base)/a.txt", Array("a".utf8)), ("\(base)/deep/er/b.txt", Array("b".utf8)),
        ])
        #expect(first.written.sorted() == ["\(base)/a.txt", "\(base)/deep/er/b.txt"])
        let second = try AtomicFileSet.write([
            ("\(base)/a.txt", Array("a".utf8)), ("\(base)/deep/er/b.txt", Array("B".utf8)),
        ])
        #expect(second.written == ["\(base)/deep/er/b.txt"] && second.unchanged == ["\(base)/a.txt"])
        #expect(FileManager.default.contents(atPath: "\(base)/deep/er/b.txt") == Data("B".utf8))
        let names = try #require(FileManager.default.enumerator(atPath: base)).compactMap { $0 as? String }
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
    }

    @Test("one file that cannot be written: no file changes, no temporary file stays, the error names the path")
    func failure() throws {
        let base = try folder()
        _ = try AtomicFileSet.write([("\(base)/a.txt", Array("old".utf8))])
        // A file where a folder must go.
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(base)/blocked"))
        #expect {
            _ = try AtomicFileSet.write([
                ("\(base)/a.txt", Array("new".utf8)), ("\(base)/blocked/c.txt", Array("c".utf8)),
            ])
        } throws: { error in
            (error as? FileWriteError)?.description.contains("\(base)/blocked") == true
        }
        #expect(
            FileManager.default.contents(atPath: "\(base)/a.txt") == Data("old".utf8), "the first file is as it was")
        let names = try FileManager.default.contentsOfDirectory(atPath: base)
        #expect(names.sorted() == ["a.txt", "blocked"], "\(names)")
    }

    @Test("a byte memo works each distinct cell out once, and finds every one again as it grows")
    func byteMemo() {
        var memo = ByteMemo<Int>()
        var computed = 0
        let cells = (0..<500).map { Array("b\($0)".utf8) } + [[], Array("出席".utf8)]
        for round in 0..<2 {
            for (index, cell) in cells.enumerated() {
                let value = cell.withUnsafeBytes { bytes in
                    memo.value(bytes) {
                        computed += 1
                        return index
                    }
                }
                #expect(value == index, "round \(round), cell \(index)")
            }
        }
        #expect(computed == cells.count)
    }
}
