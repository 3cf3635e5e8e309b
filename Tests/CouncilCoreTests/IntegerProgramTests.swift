import CouncilCore
import IntegerProgramming
import Testing

@Suite("GLPK solves lexicographic integer programs exactly")
struct IntegerProgramTests {
    /// A small linear congruential generator: the same programs on every run.
    struct Random {
        var state: UInt64
        mutating func below(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    /// Every assignment of the variables, the lexicographically least feasible objective; nil when none is feasible.
    func bruteForce(_ program: IntegerProgram) -> [Int64]? {
        var best: [Int64]?
        var values = [Int](repeating: 0, count: program.variableCount)
        func visit(_ index: Int) {
            if index == values.count {
                guard program.isFeasible(values) else { return }
                let objective = program.objective(of: values)
                if best.map({ objective.lexicographicallyPrecedes($0) }) ?? true { best = objective }
                return
            }
            for value in 0...program.upperBounds[index] {
                values[index] = value
                visit(index + 1)
            }
        }
        visit(0)
        return best
    }

    @Test("300 random programs: GLPK's answer is feasible and as good, level by level, as trying every assignment")
    func againstEnumeration() throws {
        var random = Random(state: 2026)
        var solved = 0
        for _ in 0..<300 {
            let levels = 1 + random.below(4)
            var program = IntegerProgram(levels: levels)
            let variables = (0..<(3 + random.below(6))).map { _ in
                program.addVariable(
                    upperBound: random.below(4) == 0 ? 2 : 1, cost: (0..<levels).map { _ in Int64(random.below(7)) - 2 }
                )
            }
            for _ in 0..<(1 + random.below(5)) {
                let terms = variables.filter { _ in random.below(2) == 0 }.map { ($0, random.below(5) - 1) }
                let bound = random.below(4)
                switch random.below(3) {
                case 0: program.add(terms, exactly: bound)
                default: program.add(terms, atMost: bound)
                }
            }
            let expected = bruteForce(program)
            do {
                let values = try GLPKSolver().solve(program)
                #expect(program.isFeasible(values))
                #expect(
                    program.objective(of: values) == expected,
                    "GLPK \(program.objective(of: values)) vs every assignment \(String(describing: expected))")
                solved += 1
            } catch {
                #expect(expected == nil, "GLPK found no solution, but \(String(describing: expected)) exists: \(error)")
            }
        }
        #expect(solved > 100, "most random programs have a solution: \(solved)")
    }

    @Test("a later level never buys an earlier one, however large its costs")
    func levelsAreStrict() throws {
        var program = IntegerProgram(levels: 2)
        let cheapFirst = program.addVariable(cost: [1, 1_000_000_000])
        let cheapSecond = program.addVariable(cost: [2, 0])
        program.add([(cheapFirst, 1), (cheapSecond, 1)], exactly: 1)
        #expect(try GLPKSolver().solve(program) == [1, 0])
    }
}
