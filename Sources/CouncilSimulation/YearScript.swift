import BenchmarkSupport
import CivilCalendar

/// One thing that happens on a day of the simulated year. A step names its meeting by series, month and the k-th
/// meeting of that month, and is resolved against the plan as it is when it runs, so that any subset of a year's
/// steps is a year too (shrinking drops steps); a step that no longer applies does nothing.
public enum Step: Sendable, CustomStringConvertible {
    case export
    /// The series meets by another rule from this day (the first of a month) on; exceptions from today on go.
    case changeRule(series: Int, to: ModelRule)
    /// A meeting from tomorrow on moves to another business day of its month (`choice` picks which).
    case move(series: Int, month: Int, index: Int, choice: Int, reason: String)
    case cancel(series: Int, month: Int, index: Int, reason: String)
    /// A business opens `inDays` from today.
    case open(kind: String, name: String, inDays: Int)
    /// The business at `business` (modulo the roster) closes `inDays` from today.
    case close(business: Int, inDays: Int)
    /// An answer on the page or by `answers add`, for a meeting from tomorrow on.
    case answer(series: Int, month: Int, index: Int, business: Int, choice: Int)
    /// `council attend`: the attendance of the latest meeting held that nobody recorded yet; `pattern` gives each
    /// invited business's line (none, 出席, オンライン, 欠席, 欠席連絡あり).
    case attend(pattern: UInt64)
    /// `council year start`: next year's plan from this year's, in March.
    case yearStart
    /// `council rotate`: every rotation's slots from today on planned (anew, keeping what it can).
    case rotate

    public var description: String {
        switch self {
        case .export: return "export"
        case .changeRule(let series, let rule): return "change the rule of s\(series) to \(rule.text)"
        case .move(let series, let month, let index, let choice, _):
            return "move s\(series) \(month)月#\(index + 1) (choice \(choice))"
        case .cancel(let series, let month, let index, _): return "cancel s\(series) \(month)月#\(index + 1)"
        case .open(let kind, _, let days): return "a \(kind) business opens in \(days) days"
        case .close(let business, let days): return "business #\(business) closes in \(days) days"
        case .answer(let series, let month, let index, let business, let choice):
            return "answer s\(series) \(month)月#\(index + 1) by business #\(business) (\(choice))"
        case .attend(let pattern): return "record the attendance of the last meeting held (pattern \(pattern))"
        case .yearStart: return "start next year's plan"
        case .rotate: return "rotate"
        }
    }
}

/// A day of the year and what happens on it.
public struct ScriptedStep: Sendable, CustomStringConvertible {
    public var day: CalendarDate
    public var step: Step
    public var description: String { "\(day) \(step)" }
}

public enum YearScript {
    /// From April 1 to the next April 1: exports on the first and last day and on random days between, and edits
    /// (each often published the same day, as `council serve` does on every plan change).
    public static func generate(_ random: inout SplitMix64, council: GeneratedCouncil) -> [ScriptedStep] {
        let start = CalendarDate(year: council.year, month: 4, day: 1)
        var steps = [ScriptedStep(day: start, step: .export)]
        if !council.rotations.isEmpty { steps.insert(ScriptedStep(day: start, step: .rotate), at: 0) }
        var day = start
        let end = CalendarDate(year: council.year + 1, month: 4, day: 1)
        while true {
            day = day.adding(days: 1 + random.below(30))
            guard day < end else { break }
            let series = random.below(max(council.series.count, 1))
            let month = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3][random.below(12)]
            var edit: Step?
            switch random.below(12) {
            case 0:
                // A rule changes from the first of a month.
                let first = CalendarDate(year: day.year, month: day.month, day: 1)
                if first > steps.last!.day {
                    day = first
                    edit = .changeRule(series: series, to: ModelRule.generate(&random, year: council.year))
                }
            case 1, 2:
                edit = .move(
                    series: series, month: month, index: random.below(2), choice: random.below(40),
                    reason: RandomText.make(&random, maxLength: 30))
            case 3:
                edit = .cancel(
                    series: series, month: month, index: random.below(2),
                    reason: RandomText.make(&random, maxLength: 30))
            case 4:
                edit = .open(
                    kind: GeneratedCouncil.businessKinds[random.below(GeneratedCouncil.businessKinds.count)],
                    name: RandomText.make(&random, maxLength: 40), inDays: random.below(60))
            case 5: edit = .close(business: random.below(64), inDays: random.below(60))
            case 6:
                edit = .answer(
                    series: series, month: month, index: 0, business: random.below(64), choice: random.below(3))
            case 7, 8: edit = .attend(pattern: random.next())
            case 9 where !council.rotations.isEmpty: edit = .rotate
            default: break
            }
            if let edit { steps.append(ScriptedStep(day: day, step: edit)) }
            if edit == nil || random.below(2) == 0 { steps.append(ScriptedStep(day: day, step: .export)) }
        }
        steps.append(
            ScriptedStep(day: end.adding(days: -1 - random.below(20)).clamped(after: steps.last!.day), step: .yearStart)
        )
        steps.append(ScriptedStep(day: end, step: .export))
        return steps
    }
}

extension CalendarDate {
    /// This day, or `day` when that is later: steps stay in order.
    func clamped(after day: CalendarDate) -> CalendarDate { Swift.max(self, day) }
}
