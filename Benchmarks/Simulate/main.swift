import CouncilSimulation
import Foundation

// council-simulate [--seeds N] [--from S]: lives N generated years (seeds S..<S+N) and prints what was checked.
let arguments = CommandLine.arguments
func option(_ name: String) -> Int? { arguments.firstIndex(of: name).flatMap { Int(arguments[$0 + 1]) } }
if let seed = option("--show") {
    // One seed's council and year, to read beside a failure.
    let simulator = Simulator(seed: UInt64(seed), root: "/nonexistent")
    print(simulator.council.councilYAML)
    print(simulator.council.businessesCSV)
    for (index, step) in simulator.script.enumerated() { print("\(index): \(step)") }
    exit(0)
}
let count = option("--seeds") ?? 100, from = option("--from") ?? 0
let started = Date()
var years = 0, steps = 0, exports = 0, events = 0, failures = 0
for seed in UInt64(from)..<UInt64(from + count) {
    let root = NSTemporaryDirectory() + "council-simulate-\(seed)-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: root) }
    var simulator = Simulator(seed: seed, root: root)
    do {
        let outcome = try simulator.run()
        years += 1; steps += outcome.steps; exports += outcome.exports; events += outcome.events
    } catch {
        failures += 1
        print(error)
        // The reproduction: the council folder as it was when the check failed, and the steps that led there.
        let keep = "simulation-failures/seed-\(seed)"
        try? FileManager.default.removeItem(atPath: keep)
        try? FileManager.default.createDirectory(atPath: "simulation-failures", withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: root, toPath: keep)
        let steps = simulator.script.enumerated().map { "\($0.offset): \($0.element)" }.joined(separator: "\n")
        try? Data((steps + "\n\n" + "\(error)\n").utf8).write(to: URL(fileURLWithPath: "\(keep)/steps.txt"))
        print("reproduction: \(keep)")
    }
}
print("\(years) years passed, \(failures) failed; \(steps) steps, \(exports) exports, \(events) events checked in \(Int(Date().timeIntervalSince(started))) s")
exit(failures == 0 ? 0 : 1)
