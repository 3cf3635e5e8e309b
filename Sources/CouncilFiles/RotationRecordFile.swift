import CouncilCore
import Foundation
import TextFormats

/// `rotation-<rotation-id>-<year>.csv`: who each slot of a rotation went to, kept in the plan folder.
///
/// `council rotate` writes it; the secretariat may edit it (swap two businesses, note a lead); export reads
/// it to put the slots into the feeds; the next `council rotate` keeps its past slots and as much of
/// its future as it can.
///
/// ```csv
/// slot,date,start,end,targets,leads,status,note
/// 2026-04-16,2026-04-16,15:00,16:00,nigatake,sato,実施,
/// 2026-05-21,2026-06-04,15:00,16:00,sakuragaoka,takahashi,延期,会場の都合
/// ```
/// `slot` is the date the slot's source gave it (its identity), `date` when it takes place (a postponed slot's
/// new day); several targets or leads are separated by `;`. `status` is empty while the slot is only planned,
/// else 実施, 延期, 事業所都合で中止 or 中止 (`council attend slot` writes it). Files written before `status`
/// existed (six columns) are read too. A ninth column, `issue`, is written only when a slot comes after a meeting
/// given again under a withdrawn meeting's identity (`RotationSlot.issue` 2 or more).
public enum RotationRecordFile {
    static let header = ["slot", "date", "start", "end", "targets", "leads", "status", "note"]
    static let headerBeforeStatus = Array(header.prefix(6))
    static let headerWithIssue = header + ["issue"]

    public static func fileName(_ rotation: RotationID, _ year: FiscalYear) -> String {
        "rotation-\(rotation)-\(year.startYear).csv"
    }

    /// The CSV for a plan, UTF-8 with a BOM so that Excel shows the Japanese comments right.
    public static func bytes(for assignments: [SlotAssignment]) -> [UInt8] {
        let issued = assignments.contains { $0.slot.issue > 1 }
        return ExcelCSV.bytes(
            [issued ? headerWithIssue : header]
                + assignments.sorted(by: { $0.slot < $1.slot }).map { assignment in
                    let slot = assignment.slot
                    return [
                        slot.originalDate.description, slot.date.description,
                        slot.time?.start.description ?? "", slot.time?.end.description ?? "",
                        assignment.targets.map(\.rawValue).joined(separator: ";"),
                        assignment.leads.map(\.rawValue).joined(separator: ";"),
                        assignment.outcome?.rawValue ?? "", assignment.note ?? "",
                    ] + (issued ? [slot.issue > 1 ? String(slot.issue) : ""] : [])
                })
    }

    /// Reads a record; ids are checked against the council's roster and the rotation's leads.
    static func read(_ text: String, file: String, rotation: Rotation, year: FiscalYear, businesses: Set<BusinessID>)
        -> (RotationRecord?, [PlanProblem])
    {
        var problems: [PlanProblem] = []
        guard let reader = try? ExcelCSV.Reader(text),
            reader.header == header || reader.header == headerBeforeStatus || reader.header == headerWithIssue
        else {
            return (
                nil,
                [
                    PlanProblem(
                        id: .csvColumns, file: file, line: 1, column: 1,
                        message: "見出し行が違います / the header row is not as written by council rotate",
                        expected: header.joined(separator: ","))
                ]
            )
        }
        let leads = Set(rotation.leads.map(\.id))
        var assignments: [SlotAssignment] = []
        while let record = reader.next() {
            let row = record.fields
            let line = record.line
            if record.isBlank { continue }
            func column(_ index: Int) -> Int { record.column(index) }
            guard row.count == reader.header.count else {
                problems.append(
                    PlanProblem(
                        id: .csvSyntax, file: file, line: line, column: 1, message: "列の数が違います / \(row.count) fields",
                        expected: "\(reader.header.count) fields"))
                continue
            }
            var outcome: SlotOutcome?
            if row.count > 6, !row[6].isEmpty {
                outcome = SlotOutcome(label: row[6].trimmingSpaces)
                if outcome == nil {
                    problems.append(
                        PlanProblem(
                            id: .badValue, file: file, line: line, column: column(6),
                            message: "状況「\(row[6])」を読めません / unknown status",
                            expected: "empty (予定), " + SlotOutcome.allCases.map(\.rawValue).joined(separator: ", ")))
                }
            }
            let note = row.count > 7 && !row[7].isEmpty ? row[7] : nil
            var issue = 1
            if row.count > 8, !row[8].isEmpty {
                guard let number = Int(row[8]), number >= 2 else {
                    problems.append(
                        PlanProblem(
                            id: .badNumber, file: file, line: line, column: column(8),
                            message: "issue「\(row[8])」は2以上の整数ではありません / issue must be 2 or more",
                            expected: "empty, or 2, 3 …"))
                    continue
                }
                issue = number
            }
            guard let slotDate = isoDate(row[0]), let date = isoDate(row[1]) else {
                problems.append(
                    PlanProblem(
                        id: .badDate, file: file, line: line, column: isoDate(row[0]) == nil ? 1 : column(1),
                        message: "日付を読めません / cannot read the date", expected: "YYYY-MM-DD"))
                continue
            }
            var time: TimeRange?
            if !row[2].isEmpty || !row[3].isEmpty {
                guard let start = clockTime(row[2]), let end = clockTime(row[3]), start < end else {
                    problems.append(
                        PlanProblem(
                            id: .badTime, file: file, line: line, column: column(2),
                            message: "時間を読めません / cannot read the times",
                            expected: "HH:MM in start and end, the end after the start"))
                    continue
                }
                time = TimeRange(start: start, end: end)
            }
            let targets = row[4].split(separator: ";").map { BusinessID(String($0).trimmingSpaces) }
            let slotLeads = row[5].split(separator: ";").map { LeadID(String($0).trimmingSpaces) }
            for target in targets where !businesses.contains(target) {
                problems.append(
                    PlanProblem(
                        id: .unknownBusiness, file: file, line: line, column: column(4),
                        message:
                            "事業所「\(target)」はありません / no business \"\(target)\".\(didYouMean(target.rawValue, among: businesses.map(\.rawValue).sorted()))",
                        expected: "ids from businesses.csv, separated by ;"))
            }
            for lead in slotLeads where !leads.contains(lead) {
                problems.append(
                    PlanProblem(
                        id: .unknownKey, file: file, line: line, column: column(5),
                        message:
                            "担当者「\(lead)」は「\(rotation.title)」にいません / no lead \"\(lead)\".\(didYouMean(lead.rawValue, among: leads.map(\.rawValue).sorted()))",
                        expected: "lead ids from council.yaml, separated by ;"))
            }
            assignments.append(
                SlotAssignment(
                    slot: RotationSlot(
                        rotation: rotation.id, originalDate: slotDate, date: date, time: time, issue: issue),
                    targets: targets, leads: slotLeads, outcome: outcome, note: note))
        }
        return (
            problems.isEmpty ? RotationRecord(rotation: rotation.id, year: year, assignments: assignments) : nil,
            problems
        )
    }
}
