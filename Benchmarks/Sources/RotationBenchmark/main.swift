// Rotation at scale: 1,000 businesses × 12 monthly slots × 50 leads, planned, then re-planned in
// October after 10 businesses are added (the stability path). Run with
//   swift run -c release rotation-benchmark
// Prints wall time per phase and the peak resident set size.
import BenchmarkSupport
import CouncilCore
import Foundation
import IntegerProgramming

func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(label.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%8.3f s", seconds))
    return result
}

var random = SplitMix64(state: 2026)
let year = FiscalYear(2026)
@MainActor func makeBusinesses(_ range: Range<Int>) -> [Business] {
    range.map { i in
        Business(
            id: BusinessID(String(format: "b%04d", i)), name: "事業所\(i)", kind: .designated,
            openedOn: CalendarDate(year: 2010 + random.below(17), month: 1 + random.below(12), day: 1),
            staffCount: 1 + random.below(5))
    }
}
let businesses = makeBusinesses(0..<1_000)
let leads = (0..<50).map { i in
    Lead(
        id: LeadID("lead\(i)"), name: "主任\(i)",
        affiliation: i % 5 == 0 ? .wardOffice(section: nil) : .business(businesses[random.below(businesses.count)].id))
}
var unavailable: [BusinessID: Set<Int>] = [:]
for business in businesses where random.below(10) == 0 {
    unavailable[business.id] = [1 + random.below(12), 1 + random.below(12)]
}
let rotation = Rotation(
    id: "gsv", title: "GSV", kind: .groupSupervision, slots: .after(series: "renrakukai", minutes: 60),
    targetsPerSlot: 84, pool: Invitation(kinds: [.designated]), leads: leads, leadsPerSlot: 4,
    unavailableMonths: unavailable)
let slots = year.months.map { month -> RotationSlot in
    let date = nthWeekday(3, 4, year: month.year, month: month.month)
    return RotationSlot(rotation: "gsv", originalDate: date, date: date, time: nil)
}
let council = Council(id: "bench", name: "ベンチマーク協議会", shortName: "ベンチ", businesses: businesses, rotations: [rotation])

print(
    "rotation: \(businesses.count) businesses × \(slots.count) slots (\(rotation.targetsPerSlot) targets each) × \(leads.count) leads"
)
let planner = RotationPlanner(council: council, rotation: rotation, year: year)
let first = try measure("plan the year") {
    try planner.plan(
        slots: slots, previous: [], today: CalendarDate(year: 2026, month: 3, day: 31), solver: GLPKSolver()
    ).get()
}
var grown = council
grown.businesses += makeBusinesses(1_000..<1_010)
let replanner = RotationPlanner(council: grown, rotation: rotation, year: year)
let second = try measure("re-plan in October with 10 more businesses") {
    try replanner.plan(
        slots: slots, previous: first.assignments, today: CalendarDate(year: 2026, month: 9, day: 30),
        solver: GLPKSolver()
    ).get()
}
let moved = zip(first.assignments, second.assignments).reduce(0) { count, pair in
    count + Set(pair.0.targets).symmetricDifference(pair.1.targets).count / 2
}
print("turns: \(Set(first.assignments.flatMap(\.targets)).count) businesses reached; re-plan moved \(moved) targets")
print(String(format: "peak RSS %.1f MB", peakResidentMegabytes()))
