import CouncilSimulation
import Foundation

// council-simulate [--seeds N] [--from S]: lives N generated years (seeds S..<S+N) and prints what was checked.
// council-simulate --progress N: print the totals every N years.
// council-simulate --first: stop at the first failing year (to see how far a bug lets the simulator get).
// council-simulate --show S: seed S's council and steps. A failure is shrunk to the fewest steps that still fail and
// written, council folder and steps, to simulation-failures/seed-S.
let arguments = CommandLine.arguments
/// A line at a time, unbuffered also into a file: a long run's progress can be read as it goes.
func say(_ line: Any) { FileHandle.standardOutput.write(Data("\(line)\n".utf8)) }
/// The number after `name`; nil when it is absent or not followed by one.
func option(_ name: String) -> Int? { value(name).flatMap { Int($0) } }
func value(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}

if let seed = option("--show") {
    let simulator = Simulator(seed: UInt64(seed), root: "/nonexistent")
    say(simulator.council.councilYAML)
    say(simulator.council.businessesCSV)
    for (index, step) in simulator.script.enumerated() { say("\(index): \(step)") }
    exit(0)
}

/// Lives `seed`'s year with the steps `keep` chooses, in a folder of its own; the failure, if any.
func live(_ seed: UInt64, keep: Set<Int>? = nil, leaveAt: String? = nil) async -> (
    Simulator.Outcome?, Simulator.Failure?, [String]
) {
    let root = NSTemporaryDirectory() + "council-simulate-\(seed)-\(getpid())"
    try? FileManager.default.removeItem(atPath: root)
    defer { try? FileManager.default.removeItem(atPath: root) }
    var simulator = Simulator(seed: seed, keep: keep.map { kept in { kept.contains($0) } }, root: root)
    let steps = simulator.script.map(\.description)
    do {
        return (try await simulator.run(), nil, steps)
    } catch {
        if let leaveAt {
            try? FileManager.default.removeItem(atPath: leaveAt)
            try? FileManager.default.createDirectory(
                atPath: (leaveAt as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.copyItem(atPath: root, toPath: leaveAt)
        }
        return (nil, error, steps)
    }
}

let count = option("--seeds") ?? 100
let from = option("--from") ?? 0
// --steps 0,4,9: only those steps of each year (a shrunk reproduction).
let only = value("--steps").map { Set($0.split(separator: ",").compactMap { Int($0) }) }
let started = Date()
var years = 0
var steps = 0
var exports = 0
var events = 0
var failures = 0
for seed in UInt64(from)..<UInt64(from + count) {
    let (outcome, failure, _) = await live(seed, keep: only)
    if let outcome {
        years += 1
        steps += outcome.steps
        exports += outcome.exports
        events += outcome.events
        // --progress N: the running totals every N years.
        if let every = option("--progress"), years % every == 0 {
            say(
                "… seed \(seed): \(years) years passed, \(failures) failed; \(steps) steps, \(exports) exports, \(events) events in \(Int(Date().timeIntervalSince(started))) s"
            )
        }
        continue
    }
    failures += 1
    say(failure!)
    let all = Simulator(seed: seed, root: "/nonexistent").script.map(\.description)
    // Shrink: drop each step (the first stays) whose absence still fails the same way (the same kind of first
    // problem, so that shrinking does not wander to another failure).
    func kind(_ failure: Simulator.Failure?) -> String? {
        failure.flatMap { $0.problems.first }.map { problem in
            [
                "should not be there", "is missing", "changed", "is gone", "differs", "review:", "rotate:",
                "export failed", "expected", "should say", "not a business day", "not RFC 5545", "libical",
            ]
            .first { problem.contains($0) } ?? "other"
        }
    }
    let original = only ?? Set(all.indices)
    var kept = original
    for index in original.sorted().dropFirst().reversed() {
        var fewer = kept
        fewer.remove(index)
        if let again = await live(seed, keep: fewer).1, kind(again) == kind(failure) { kept = fewer }
    }
    let keep = "simulation-failures/seed-\(seed)"
    let (_, shrunk, _) = await live(seed, keep: kept, leaveAt: keep)
    let list = kept.sorted().map(String.init).joined(separator: ",")
    let text =
        kept.sorted().map { "\($0): \(all[$0])" }.joined(separator: "\n")
        + "\n\nsteps kept of \(all.count): \(list)\n\n\(shrunk.map { "\($0)" } ?? "")\n"
    try? Data(text.utf8).write(to: URL(fileURLWithPath: "\(keep)/steps.txt"))
    say(
        "shrunk to \(kept.count) of \(all.count) steps; reproduction: \(keep) (council-simulate --seeds 1 --from \(seed) --steps \(list))"
    )
    if arguments.contains("--first") {
        say(
            "the first failure: seed \(seed), after \(years) years passed (\(steps) steps) and \(failure!.step + 1) steps of this one"
        )
        break
    }
}
say(
    "\(years) years passed, \(failures) failed; \(steps) steps, \(exports) exports, \(events) events checked in \(Int(Date().timeIntervalSince(started))) s"
)
exit(failures == 0 ? 0 : 1)
