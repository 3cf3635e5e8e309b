import CouncilCore
import Foundation

/// A council's folder, `plans/<council-id>/`:
///
/// ```
/// plans/aoba/
///   council.yaml      the council, its secretariat and meeting series
///   businesses.csv    the roster of businesses (UTF-8, Excel-friendly)
///   plan-2026.yaml    the plan for 令和8年度 (one file per fiscal year)
/// ```
public enum PlanDirectory {
    public static let councilFileName = "council.yaml"
    public static let rosterFileName = "businesses.csv"

    /// Loads a council with every plan, or every problem of every file at once. `expander` (libical,
    /// from the iCalendar module) lets exceptions to RRULE schedules be checked against the rule's dates.
    public static func load(_ path: String, expander: (any RecurrenceExpanding)? = nil) -> Result<Council, PlanProblems> {
        let directory = path.hasSuffix("/") ? String(path.dropLast()) : path
        let directoryName = (directory as NSString).lastPathComponent
        var problems: [PlanProblem] = []

        let councilPath = "\(directory)/\(councilFileName)"
        var councilFile: CouncilFile?
        if let text = read(councilPath, into: &problems) {
            let reader = YAMLReader(file: councilPath)
            councilFile = CouncilFile.read(text, reader: reader, directoryName: directoryName, expander: expander)
            problems += reader.problems
            // References into a council.yaml with mistakes would only repeat them as "unknown series".
            if !reader.problems.isEmpty { councilFile = nil }
        }

        let rosterPath = "\(directory)/\(rosterFileName)"
        var roster: RosterFile?
        if let text = read(rosterPath, into: &problems) {
            let (file, found) = RosterFile.read(text, file: rosterPath)
            roster = file
            problems += found
        }

        var plans: [Plan] = []
        for (year, planPath) in planFiles(in: directory) {
            guard let text = read(planPath, into: &problems) else { continue }
            let reader = YAMLReader(file: planPath)
            if let planFile = PlanFile.read(text, reader: reader, fileYear: year) {
                plans.append(planFile.plan)
                if let councilFile {
                    // A task may be carried out by a meeting series or by a rotation.
                    let known = Set(councilFile.council.series.map(\.id) + councilFile.council.rotations.map { SeriesID($0.id.rawValue) })
                    for (id, node) in planFile.seriesNodes where !known.contains(id) {
                        let hint = didYouMean(id.rawValue, among: known.map(\.rawValue).sorted())
                        reader.report(.unknownSeries, at: node, "会議体「\(id)」はcouncil.yamlにありません / no series \"\(id)\" in council.yaml.\(hint)", expected: "one of: \(known.map(\.rawValue).sorted().joined(separator: ", "))")
                    }
                }
            }
            problems += reader.problems
        }

        if let councilFile, let roster {
            let known = Set(roster.businesses.map(\.id))
            let reader = YAMLReader(file: councilPath)
            for (id, node) in councilFile.seriesEntries.flatMap(\.businessNodes) + councilFile.rotationBusinessNodes where !known.contains(id) {
                let hint = didYouMean(id.rawValue, among: known.map(\.rawValue).sorted())
                reader.report(.unknownBusiness, at: node, "事業所「\(id)」は\(rosterFileName)にありません / no business \"\(id)\" in the roster.\(hint)", expected: "an id from \(rosterFileName)")
            }
            problems += reader.problems
        }

        var records: [RotationRecord] = []
        if let councilFile, let roster {
            let businesses = Set(roster.businesses.map(\.id))
            for rotation in councilFile.council.rotations {
                for year in Set(plans.map(\.year)).sorted() {
                    let path = "\(directory)/\(RotationRecordFile.fileName(rotation.id, year))"
                    guard FileManager.default.fileExists(atPath: path), let text = read(path, into: &problems) else { continue }
                    let (record, found) = RotationRecordFile.read(text, file: path, rotation: rotation, year: year, businesses: businesses)
                    if let record { records.append(record) }
                    problems += found
                }
            }
        }

        guard problems.isEmpty, var council = councilFile?.council, let roster else {
            return .failure(PlanProblems(problems.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }))
        }
        council.businesses = roster.businesses
        council.plans = plans.sorted { $0.year < $1.year }
        council.rotationRecords = records
        return .success(council)
    }

    /// The council folders below `path`: `path` itself when it holds a council.yaml, else its sub-folders that do.
    public static func councilDirectories(in path: String) -> [String] {
        let manager = FileManager.default
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        if manager.fileExists(atPath: "\(base)/\(councilFileName)") { return [base] }
        let children = (try? manager.contentsOfDirectory(atPath: base)) ?? []
        return children.sorted().map { "\(base)/\($0)" }.filter { manager.fileExists(atPath: "\($0)/\(councilFileName)") }
    }

    /// `plan-YYYY.yaml` files, by year.
    static func planFiles(in directory: String) -> [(Int, String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("plan-"), name.hasSuffix(".yaml"),
                  let year = Int(name.dropFirst(5).dropLast(5)) else { return nil }
            return (year, "\(directory)/\(name)")
        }.sorted { $0.0 < $1.0 }
    }

    private static func read(_ path: String, into problems: inout [PlanProblem]) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            problems.append(PlanProblem(
                id: exists ? .unreadableFile : .missingFile, file: path, line: 1, column: 1,
                message: exists ? "ファイルを読めません / cannot read the file" : "ファイルがありません / the file is missing",
                expected: exists ? "a readable file" : "\((path as NSString).lastPathComponent) in the council's folder"
            ))
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            problems.append(PlanProblem(id: .unreadableFile, file: path, line: 1, column: 1, message: "UTF-8ではありません(Shift_JISで保存されていませんか?) / the file is not UTF-8", expected: "UTF-8 text (Excel: 「CSV UTF-8」で保存)"))
            return nil
        }
        return text
    }
}
