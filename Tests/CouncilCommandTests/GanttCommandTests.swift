import CouncilTestSupport
import Foundation
import Testing

/// The grids `make run` prints, and commands run from inside a council's folder.
@Suite("council gantt and relative folders")
struct GanttCommandTests {
    let today = ["COUNCIL_TODAY": "2026-12-01"]

    @Test(
        "every bundled grid shows each task name whole and the day of each of its meetings", arguments: BundledPlans.ids
    )
    func wholeNamesAndDays(id: String) throws {
        let folder = BundledPlans.repository.appendingPathComponent("plans/\(id)").path
        let grid = try Council.run(["gantt", folder, "--year", "2026"], environment: today)
        #expect(grid.status == 0, "\(grid.errors)")
        // Rows, their wrapped lines joined: a row starts with its number, its other lines with spaces.
        var rows: [(title: String, cells: String)] = []
        for line in grid.output.split(separator: "\n") where line.contains("│") && !line.hasPrefix("No") {
            let parts = line.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false)
            // The label (①, or 市 for a city's row) is the first word; a wrapped line has none.
            let title = String(line.hasPrefix("    ") ? parts[0] : parts[0].drop { !$0.isWhitespace })
                .trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("    "), !rows.isEmpty {
                rows[rows.count - 1].title += title
                rows[rows.count - 1].cells += " " + parts[1]
            } else {
                rows.append((title, String(parts[1])))
            }
        }
        let schedule = try Council.run(["schedule", folder, "--year", "2026", "--format", "tsv"], environment: today)
            .output
        // date, start, end, series, status, original date: a cancelled meeting shows the day it was to be held.
        var days: [String: [Int]] = [:]
        for line in schedule.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let date = fields[4] == "cancelled" ? fields[5] : fields[0]
            days[fields[3], default: []].append(Int(date.suffix(2))!)
        }
        let plan = String(
            decoding: try #require(FileManager.default.contents(atPath: "\(folder)/plan-2026.yaml")), as: UTF8.self)
        var taskSeries: [String?] = []
        for line in plan.split(separator: "\n") {
            if line.hasPrefix("  - title:") { taskSeries.append(nil) }
            if line.hasPrefix("    series:"), !taskSeries.isEmpty {
                taskSeries[taskSeries.count - 1] = String(line.dropFirst(11)).trimmingCharacters(in: .whitespaces)
            }
        }
        // The plan's rows, then one row for each series of the council above (仙台市) its businesses are invited to.
        var citySeries: [String] = []
        for line in schedule.split(separator: "\n") {
            let series = String(line.split(separator: "\t", omittingEmptySubsequences: false)[3])
            if series.hasPrefix("sendai:"), !citySeries.contains(series) { citySeries.append(series) }
        }
        #expect(rows.count == taskSeries.count + citySeries.count)
        #expect(
            id == "sendai" || citySeries.count == (["aoba", "miyagino"].contains(id) ? 4 : 3), "\(id): \(citySeries)")
        #expect(
            rows.dropFirst(taskSeries.count).allSatisfy { $0.title.hasPrefix("【仙台市】") || $0.title.hasPrefix("【共催】") })
        #expect(!grid.output.contains("…"), "nothing is cut")
        for (row, series) in zip(rows, taskSeries.map { $0 } + citySeries.map { Optional($0) }) {
            guard let series, let meetingDays = days[series] else { continue }
            let shown = Set(row.cells.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) })
            #expect(Set(meetingDays).isSubset(of: shown), "\(id) \(row.title): \(meetingDays) in \(row.cells)")
        }
    }

    @Test("a council above's rows are labelled with its short name (a 圏域's own, not 市), the column as wide as it needs")
    func rowsOfTheCouncilAbove() throws {
        let folders = try BundledPlans.copy(BundledPlans.ids)
        let plans = (folders[0] as NSString).deletingLastPathComponent
        let file = "\(plans)/sendai/council.yaml"
        let yaml = String(decoding: try #require(FileManager.default.contents(atPath: file)), as: UTF8.self)
        try yaml.replacingOccurrences(of: "short_name: 仙台市", with: "short_name: 東部圏域").write(
            toFile: file, atomically: true, encoding: .utf8)
        let grid = try Council.run(
            ["gantt", "\(plans)/miyagino", "--year", "2026", "--width", "120"], environment: today)
        #expect(grid.status == 0, "\(grid.errors)")
        let rows = grid.output.split(separator: "\n").filter { $0.contains("【東部圏域】") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.hasPrefix("東部圏域 【東部圏域】") }, "\(rows)")
        #expect(!grid.output.split(separator: "\n").contains { $0.hasPrefix("市") })
        let widths = Set(
            grid.output.split(separator: "\n").filter { $0.contains("│") }.map { line in
                // ①… are East Asian Ambiguous: one column here, as the grid counts them by default.
                line.prefix { $0 != "│" }.unicodeScalars.reduce(0) {
                    $0 + ($1.isASCII || (0x2460...0x2473).contains($1.value) ? 1 : 2)
                }
            })
        #expect(widths.count == 1, "every row's rule in one column: \(widths)")
    }

    @Test("lint . works from inside each bundled council's folder", arguments: BundledPlans.ids)
    func lintHere(id: String) throws {
        let folder = BundledPlans.repository.appendingPathComponent("plans/\(id)").path
        let lint = try Council.run(["lint", "."], environment: today, in: folder)
        #expect(lint.status == 0, "\(lint.output)")
        let schedule = try Council.run(["schedule", "."], environment: today, in: folder)
        #expect(schedule.status == 0)
    }
}
