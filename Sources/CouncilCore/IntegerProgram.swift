/// An integer program with a lexicographic objective: integer variables between 0 and an upper bound, linear
/// rows, and a cost vector per variable whose levels are minimised one after another — level 0 first, then
/// level 1 among the solutions best at level 0, and so on. No level can buy another, however large its
/// figures, so a cost of several priorities stays exact.
///
/// A value type with no solver in it: the domain writes its problem here, and a solver (the GLPK one in
/// `IntegerProgramming`) is handed in, as `RecurrenceExpanding` is for schedules.
public struct IntegerProgram: Sendable {
    public struct Variable: Hashable, Sendable {
        public let index: Int
    }

    /// `lower ≤ Σ coefficient × variable ≤ upper`; nil for no bound on that side.
    public struct Row: Sendable {
        public var terms: [(variable: Int, coefficient: Int)]
        public var lower: Int?
        public var upper: Int?
    }

    public let levels: Int
    public private(set) var upperBounds: [Int] = []
    /// By variable: (level, cost) for the levels where it costs something.
    public private(set) var costs: [[(level: Int, cost: Int64)]] = []
    public private(set) var rows: [Row] = []

    public init(levels: Int) {
        self.levels = levels
    }

    public var variableCount: Int { upperBounds.count }

    /// A new variable in 0…`upperBound`; `cost[i]` is its cost at level i (missing levels cost nothing).
    public mutating func addVariable(upperBound: Int = 1, cost: [Int64] = []) -> Variable {
        precondition(upperBound >= 0 && cost.count <= levels)
        upperBounds.append(upperBound)
        costs.append(cost.enumerated().compactMap { $0.element == 0 ? nil : ($0.offset, $0.element) })
        return Variable(index: upperBounds.count - 1)
    }

    public mutating func add(_ terms: [(Variable, Int)], atMost upper: Int) {
        rows.append(Row(terms: terms.map { ($0.0.index, $0.1) }, lower: nil, upper: upper))
    }

    public mutating func add(_ terms: [(Variable, Int)], exactly value: Int) {
        rows.append(Row(terms: terms.map { ($0.0.index, $0.1) }, lower: value, upper: value))
    }

    /// The cost of `values` at each level.
    public func objective(of values: [Int]) -> [Int64] {
        var total = [Int64](repeating: 0, count: levels)
        for (variable, entries) in costs.enumerated() where values[variable] != 0 {
            for entry in entries { total[entry.level] += entry.cost * Int64(values[variable]) }
        }
        return total
    }

    /// Whether `values` keep every bound and row.
    public func isFeasible(_ values: [Int]) -> Bool {
        guard values.count == variableCount, zip(values, upperBounds).allSatisfy({ 0 <= $0 && $0 <= $1 }) else {
            return false
        }
        return rows.allSatisfy { row in
            let sum = row.terms.reduce(0) { $0 + $1.coefficient * values[$1.variable] }
            return (row.lower.map { sum >= $0 } ?? true) && (row.upper.map { sum <= $0 } ?? true)
        }
    }
}

/// Solves an `IntegerProgram` exactly: a feasible solution that is best at level 0, then at level 1 among those,
/// and so on.
public protocol IntegerProgramSolving: Sendable {
    func solve(_ program: IntegerProgram) throws(IntegerProgramFailure) -> [Int]
}

/// The solver could not give an answer: the program has no solution, or the solver failed.
public struct IntegerProgramFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
