// Exercises every path of the GLPK wrapper that holds C memory — a network-shaped program solved by simplex
// alone, one that needs branch and bound (an odd cycle), an infeasible one. GLPK lists every block it
// allocates in its environment, so a problem the wrapper forgot to delete stays reachable and LeakSanitizer
// would not report it: the count of GLPK's blocks must come back to where it was after every round. Run
// under -sanitize=address by scripts/leak-check.sh, for the wrapper's own memory.
import CouncilCore
import IntegerProgramming

let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 50
let solver = GLPKSolver()
var solved = 0
var baseline: Int?
for round in 0..<rounds {
    // Three of six places, two levels: integral at every level.
    var network = IntegerProgram(levels: 2)
    let places = (0..<6).map { network.addVariable(cost: [Int64($0 % 3), Int64(round % 5)]) }
    network.add(places.map { ($0, 1) }, exactly: 3)
    network.add([(places[0], 1), (places[1], 1)], atMost: 1)
    let chosen = try solver.solve(network)
    precondition(chosen.reduce(0, +) == 3)

    // An odd cycle: the relaxation's optimum is ½ each, so the level is branched and then kept by a row.
    var cycle = IntegerProgram(levels: 2)
    let nodes = (0..<3).map { _ in cycle.addVariable(cost: [-1, 1]) }
    for i in 0..<3 { cycle.add([(nodes[i], 1), (nodes[(i + 1) % 3], 1)], atMost: 1) }
    let independent = try solver.solve(cycle)
    precondition(independent.reduce(0, +) == 1)

    // No solution: two places of at most 1 cannot make 3.
    var impossible = IntegerProgram(levels: 1)
    let pair = (0..<2).map { _ in impossible.addVariable(cost: [1]) }
    impossible.add(pair.map { ($0, 1) }, exactly: 3)
    do {
        _ = try solver.solve(impossible)
        preconditionFailure("an infeasible program was solved")
    } catch {
        solved += 1
    }
    solved += 2
    // The first round sets up GLPK's environment; from then on every block is given back.
    let blocks = GLPKSolver.allocatedBlocks
    precondition(
        baseline.map { $0 == blocks } ?? true,
        "GLPK holds \(blocks) blocks after round \(round), \(baseline ?? 0) after the first: a problem was not deleted")
    baseline = baseline ?? blocks
}
print("integer-programming leak check: \(rounds) rounds, \(solved) programs")
