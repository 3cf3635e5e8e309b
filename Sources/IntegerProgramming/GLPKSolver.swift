internal import CGLPK
import CouncilCore

/// Solves an `IntegerProgram` with GLPK, level by level; the only place that holds GLPK's pointers.
///
/// Each level is solved as a linear program first (simplex, warm from the level before). When its optimum is
/// integral it is also the integer optimum, and the solutions as good at this level are exactly those that
/// keep complementary slackness with its duals: variables with a non-zero reduced cost stay at the bound they
/// are on, rows with a non-zero dual stay tight. Those are fixed, which keeps the next level's problem a face
/// of this one (a face of an integral polytope is integral), so network-shaped problems never branch. When the
/// optimum is fractional, GLPK's branch and bound gives the integer optimum and a row keeps the level at it.
public struct GLPKSolver: IntegerProgramSolving {
    public init() {}

    /// The memory blocks GLPK holds on this thread now. GLPK keeps every block it allocates on a list of its
    /// environment, so a problem never deleted is still reachable and LeakSanitizer cannot see it; this count can.
    public static var allocatedBlocks: Int {
        var count: Int32 = 0
        var peak: Int32 = 0
        var total: Int = 0
        var totalPeak: Int = 0
        glp_mem_usage(&count, &peak, &total, &totalPeak)
        return Int(count)
    }

    public func solve(_ program: IntegerProgram) throws(IntegerProgramFailure) -> [Int] {
        let count = program.variableCount
        guard count > 0 else { return [] }
        guard let problem = glp_create_prob() else { throw IntegerProgramFailure("GLPK could not create a problem") }
        defer { glp_delete_prob(problem) }
        load(program, into: problem)
        let lastWasBranching = try solveLevels(of: program, in: problem)
        let values = (1...Int32(count)).map { column in
            Int((lastWasBranching ? glp_mip_col_val(problem, column) : glp_get_col_prim(problem, column)).rounded())
        }
        guard program.isFeasible(values) else {
            throw IntegerProgramFailure("GLPK's answer breaks a row (numerical trouble)")
        }
        return values
    }

    /// The program's columns (integer, bounded) and rows into GLPK's problem, to be minimised.
    private func load(_ program: IntegerProgram, into problem: OpaquePointer) {
        glp_set_obj_dir(problem, GLP_MIN)
        glp_add_cols(problem, Int32(program.variableCount))
        for (index, upper) in program.upperBounds.enumerated() {
            let column = Int32(index + 1)
            glp_set_col_bnds(problem, column, upper == 0 ? GLP_FX : GLP_DB, 0, Double(upper))
            glp_set_col_kind(problem, column, GLP_IV)
        }
        guard !program.rows.isEmpty else { return }
        glp_add_rows(problem, Int32(program.rows.count))
        // GLPK's arrays count from 1; element 0 is ignored.
        var rowIndices: [Int32] = [0]
        var columnIndices: [Int32] = [0]
        var values: [Double] = [0]
        for (index, row) in program.rows.enumerated() {
            let number = Int32(index + 1)
            switch (row.lower, row.upper) {
            case (let lower?, let upper?) where lower == upper:
                glp_set_row_bnds(problem, number, GLP_FX, Double(lower), Double(upper))
            case (let lower?, let upper?): glp_set_row_bnds(problem, number, GLP_DB, Double(lower), Double(upper))
            case (let lower?, nil): glp_set_row_bnds(problem, number, GLP_LO, Double(lower), 0)
            case (nil, let upper?): glp_set_row_bnds(problem, number, GLP_UP, 0, Double(upper))
            case (nil, nil): glp_set_row_bnds(problem, number, GLP_FR, 0, 0)
            }
            // GLPK refuses a column twice in a row: coefficients of one variable are summed first.
            var merged: [Int: Int] = [:]
            for term in row.terms { merged[term.variable, default: 0] += term.coefficient }
            for (variable, coefficient) in merged.sorted(by: { $0.key < $1.key }) where coefficient != 0 {
                rowIndices.append(number)
                columnIndices.append(Int32(variable + 1))
                values.append(Double(coefficient))
            }
        }
        glp_load_matrix(problem, Int32(values.count - 1), &rowIndices, &columnIndices, &values)
    }

    /// Each level's cost minimised in turn, keeping every earlier level's optimum; returns whether the last
    /// level needed branch and bound (whose values are then GLPK's integer solution, not the simplex's).
    private func solveLevels(of program: IntegerProgram, in problem: OpaquePointer) throws(IntegerProgramFailure)
        -> Bool
    {
        var simplex = glp_smcp()
        glp_init_smcp(&simplex)
        simplex.msg_lev = GLP_MSG_OFF
        var byLevel = [[(column: Int32, cost: Double)]](repeating: [], count: program.levels)
        for (index, entries) in program.costs.enumerated() {
            for entry in entries { byLevel[entry.level].append((Int32(index + 1), Double(entry.cost))) }
        }
        var costed = Set<Int32>()
        var lastWasBranching = false
        var solvedOnce = false
        for level in byLevel.indices where !byLevel[level].isEmpty || !solvedOnce {
            for column in costed { glp_set_obj_coef(problem, column, 0) }
            costed.removeAll(keepingCapacity: true)
            for (column, cost) in byLevel[level] {
                glp_set_obj_coef(problem, column, cost)
                costed.insert(column)
            }
            let status = glp_simplex(problem, &simplex)
            guard status == 0 else {
                throw IntegerProgramFailure("GLPK simplex failed at level \(level) (code \(status))")
            }
            switch glp_get_status(problem) {
            case GLP_OPT: break
            case GLP_NOFEAS, GLP_INFEAS: throw IntegerProgramFailure("no solution satisfies every row")
            default:
                throw IntegerProgramFailure(
                    "GLPK found no optimum at level \(level) (status \(glp_get_status(problem)))")
            }
            solvedOnce = true
            lastWasBranching = !isIntegral(problem, program.variableCount)
            if lastWasBranching {
                try branch(problem, level: level, costs: byLevel[level])
            } else {
                keepOptimalFace(problem, columns: program.variableCount, rows: Int(glp_get_num_rows(problem)))
            }
        }
        return lastWasBranching
    }

    /// Branch and bound for a level whose relaxation is fractional; its integer optimum is then kept by a row,
    /// Σ cost × variable ≤ optimum.
    private func branch(_ problem: OpaquePointer, level: Int, costs: [(column: Int32, cost: Double)])
        throws(IntegerProgramFailure)
    {
        var branching = glp_iocp()
        glp_init_iocp(&branching)
        branching.msg_lev = GLP_MSG_OFF
        // Cutting planes: without them a small council whose leads all belong to one business of a three-business
        // pool (a slot can never target it) ran for more than 13 minutes at a fairness level; with them, 0.1 s.
        // Found by the year simulator (seed 5163). (Not cover or clique cuts: GLPK prints those to standard output
        // whatever msg_lev says, into `council rotate`'s own output.)
        branching.gmi_cuts = GLP_ON
        branching.mir_cuts = GLP_ON
        branching.tm_lim = Self.branchingMilliseconds
        let status = glp_intopt(problem, &branching)
        if status == GLP_ETMLIM {
            throw IntegerProgramFailure(
                "GLPK did not finish level \(level) within \(Self.branchingMilliseconds / 1000) s (GLPKで\(Self.branchingMilliseconds / 1000)秒以内に解けませんでした)"
            )
        }
        guard status == 0, glp_mip_status(problem) == GLP_OPT else {
            throw IntegerProgramFailure(
                glp_mip_status(problem) == GLP_NOFEAS
                    ? "no integer solution satisfies every row"
                    : "GLPK branch and bound failed at level \(level) (code \(status))")
        }
        let optimum = glp_mip_obj_val(problem).rounded()
        let row = glp_add_rows(problem, 1)
        var columns: [Int32] = [0] + costs.map(\.column)
        var values: [Double] = [0] + costs.map(\.cost)
        glp_set_mat_row(problem, row, Int32(costs.count), &columns, &values)
        glp_set_row_bnds(problem, row, GLP_UP, 0, optimum)
    }

    /// How long one level's branch and bound may take before it is given up with a failure, not a hang.
    static let branchingMilliseconds: Int32 = 60_000

    private func isIntegral(_ problem: OpaquePointer, _ count: Int) -> Bool {
        (1...Int32(count)).allSatisfy { column in
            let value = glp_get_col_prim(problem, column)
            return abs(value - value.rounded()) < 1e-6
        }
    }

    /// Fixes what every solution as good at this level must keep (complementary slackness with the duals).
    private func keepOptimalFace(_ problem: OpaquePointer, columns: Int, rows: Int) {
        let tolerance = 1e-6
        for column in 1...Int32(columns) where glp_get_col_type(problem, column) != GLP_FX {
            let reducedCost = glp_get_col_dual(problem, column)
            if reducedCost > tolerance {
                let lower = glp_get_col_lb(problem, column)
                glp_set_col_bnds(problem, column, GLP_FX, lower, lower)
            } else if reducedCost < -tolerance {
                let upper = glp_get_col_ub(problem, column)
                glp_set_col_bnds(problem, column, GLP_FX, upper, upper)
            }
        }
        guard rows > 0 else { return }
        for row in 1...Int32(rows) where glp_get_row_type(problem, row) != GLP_FX {
            if abs(glp_get_row_dual(problem, row)) > tolerance {
                let activity = glp_get_row_prim(problem, row).rounded()
                glp_set_row_bnds(problem, row, GLP_FX, activity, activity)
            }
        }
    }
}
