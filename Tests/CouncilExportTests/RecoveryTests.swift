import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilTestSupport
import ExportJob
import Foundation
import ICalendar
import Testing

/// A feed that cannot be read stops publishing loudly, and publishing recovers from it without lowering a SEQUENCE
/// or changing a past day.
@Suite("Recovering from previous feeds that do not read")
struct RecoveryTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 1)
    static func now(hour: Int) -> DateTimeValue {
        .dateTime(CalendarDate(year: 2026, month: 11, day: 30), ClockTime(hour: hour, minute: 0), .utc)
    }

    func export(_ folders: [String], to out: String, hour: Int, recover: Bool = false) async -> Result<
        FeedExport.Report, FeedExport.Failure
    > {
        var export = FeedExport(outputDirectory: out, now: Self.now(hour: hour), today: Self.today)
        export.recover = recover
        return await export.run(councilDirectories: folders)
    }

    /// Every file under `out`, by path, as bytes.
    func files(_ out: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for file in try #require(FileManager.default.enumerator(atPath: out)).compactMap({ $0 as? String })
        where file.hasSuffix(".ics") {
            result[file] = FileManager.default.contents(atPath: "\(out)/\(file)")
        }
        return result
    }

    /// Every event of every feed under `out`, by feed and UID, decoded, with its bytes.
    func events(_ out: String) throws -> [String: [String: (event: VEvent, bytes: String)]] {
        var result: [String: [String: (event: VEvent, bytes: String)]] = [:]
        for (file, data) in try files(out) {
            let calendar = try ICalendarDecoder().decode(bytes: Array(data), source: file)
            let text = String(decoding: data, as: UTF8.self)
            let blocks = text.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst().map {
                String($0[..<$0.range(of: "END:VEVENT\r\n")!.upperBound])
            }
            result[file] = Dictionary(uniqueKeysWithValues: zip(calendar.events, blocks).map { ($0.uid, ($0, $1)) })
        }
        return result
    }

    func edit(_ folder: String) throws {
        let file = "\(folder)/council.yaml"
        try (String(decoding: try #require(FileManager.default.contents(atPath: file)), as: UTF8.self) + "\n# edited\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test(
        "a feed written with libical 3.0.16's folds (\\r\\r\\n \\n) is read again and written clean at the next export")
    func libicalFolds() async throws {
        let folder = try BundledPlans.copy(["aoba"])[0]
        let out = (folder as NSString).deletingLastPathComponent + "/calendars"
        _ = try await export([folder], to: out, hour: 0).get()
        let before = try files(out)
        // What libical 3.0.16 writes when a line's last folded piece is 74 octets: its CRLF folded in two.
        let path = "aoba/businesses/hirose.ics"
        let text = String(decoding: try #require(before[path]), as: UTF8.self)
        let broken = text.replacingOccurrences(of: "\r\nLOCATION:", with: "\r\r\n \nLOCATION:")
        #expect(broken != text)
        try broken.write(toFile: "\(out)/\(path)", atomically: true, encoding: .utf8)
        #expect(throws: ICalendarDecodingError.self) { try ICalendarDecoder().decode(broken) }

        try edit(folder)
        let report = try await export([folder], to: out, hour: 1).get()
        #expect(report.recovered.isEmpty, "read with its folds repaired: nothing to recover")
        #expect(try files(out) == before, "every feed as it was before the folds broke, byte for byte")
    }

    @Test(
        "feeds made unreadable by hand: every one is named, nothing is written, and --recover restores them with no SEQUENCE lowered and the past as it was"
    )
    func unreadableByHand() async throws {
        let folders = try BundledPlans.copy(["aoba", "miyagino"])
        let out = (folders[0] as NSString).deletingLastPathComponent + "/calendars"
        _ = try await export(folders, to: out, hour: 0).get()
        let original = try events(out)
        // A slot's own copy lives in one business feed only: lose that whole feed, and parts of two others.
        let slotFeed = try #require(
            original.first {
                $0.key.hasPrefix("miyagino/businesses/") && $0.value.keys.contains { $0.contains("kobetsu") }
            }?.key)
        try Data("not a calendar".utf8).write(to: URL(fileURLWithPath: "\(out)/\(slotFeed)"))
        for path in ["aoba/council.ics", "aoba/businesses/hirose.ics"] {
            var bytes = try #require(FileManager.default.contents(atPath: "\(out)/\(path)"))
            bytes.replaceSubrange(bytes.count / 2..<(bytes.count / 2 + 3), with: Data([0x01, 0xFF, 0x0A]))
            try bytes.write(to: URL(fileURLWithPath: "\(out)/\(path)"))
        }
        let broken = try files(out)
        for folder in folders { try edit(folder) }

        guard case .failure(let failure) = await export(folders, to: out, hour: 1) else {
            Issue.record("an export over unreadable feeds must stop")
            return
        }
        for path in ["aoba/council.ics", "aoba/businesses/hirose.ics", slotFeed] {
            #expect(failure.description.contains("\(out)/\(path):"), "names \(path) with its line")
        }
        #expect(failure.description.contains("--recover"))
        #expect(try files(out) == broken, "nothing written")

        let report = try await export(folders, to: out, hour: 2, recover: true).get()
        #expect(report.recovered.count == 3)
        let recovered = try events(out)
        for (feed, events) in original {
            let after = try #require(recovered[feed])
            for (uid, before) in events {
                guard let now = after[uid] else {
                    Issue.record("\(feed): \(uid) is gone")
                    continue
                }
                #expect((now.event.sequence ?? 0) >= (before.event.sequence ?? 0), "\(feed): \(uid) SEQUENCE lowered")
                if feed != slotFeed, before.event.start.date < Self.today {
                    #expect(now.bytes == before.bytes, "\(feed): \(uid) on a past day changed")
                }
                if feed == slotFeed {
                    #expect(
                        now.event.summary == before.event.summary && now.event.start == before.event.start,
                        "\(feed): \(uid) rebuilt from the plans")
                }
            }
        }
        let third = try await export(folders, to: out, hour: 3).get()
        #expect(third.outcome.written.isEmpty, "publishing goes on as usual: an unchanged export writes nothing")
    }
}
