/// Fills a rotation's future slots with target businesses and leads, chosen together, optimally for a
/// documented cost.
///
/// One integer program (`IntegerProgram`), solved exactly by the solver handed in, so a set-up that only a
/// joint choice satisfies (leads' caps, conflicts of interest, pairs) is solved rather than reported
/// infeasible. Its variables: business b takes its r-th turn of the year in open slot s; lead l leads slot s
/// (in a role, for pairs); lead l's u-th slot of the year. A business is a target of a slot at most once and
/// takes each turn once; a slot takes `targetsPerSlot` targets and its leads; a lead never leads a slot whose
/// targets include their own business and never exceeds `maxPerLead`; a pair is one 区職員 and one 事業所職員.
/// The cost, in strict order of importance (each level is minimised among the best of the levels above):
///
/// 0. *unfilled places*: every slot is filled with targets and leads if any choice can fill it (a target place
///    outweighs the slot's lead places);
/// 1. *early turns*: the year's places (a slot has one per target) fall into rounds of as many places as the
///    pool has businesses; a business's n-th turn (counting held ones) placed before round n costs the rounds
///    it is early — none when any full assignment avoids it, so every business gets a turn before anyone gets
///    a second (only a pool that cannot fill a round, e.g. a business not yet open, brings a turn forward);
/// 2. *turns*: an n-th turn costs n, so turns are spread as evenly as the places allow;
/// 3. *lateness*: a first turn pushed past its round (every slot of the round falls in a month the business
///    cannot do) costs the rounds it is late;
/// 4. *share*: each turn costs (9 − weight) × (pool + 1) + the business's place in id order, so when there
///    are fewer places than businesses those left without a turn are the lowest in priority, and the spare
///    places of later rounds go to the highest — a business added mid-year takes its turn from a
///    lower-priority one, never from a higher;
/// 5. *stability*: a business not in the slot it had in the previous plan costs 1 — so a re-run moves as
///    few future slots as it can;
/// 6. *order*: a slot's position in its round times the business's weight, so higher priority means an
///    earlier slot; ties by id;
/// 7. *balance*: a lead's u-th slot of the year costs u;
/// 8. *lead stability*: a lead not kept from the previous plan costs 1;
/// 9. a lead's place in id order, so the same input always gives the same plan.
///
/// The weight of a business is 1 + 8 (no turn this year in the council's other rotations) + 4 (昨年度未実施: no turn in
/// any rotation last year) + 2 (新規事業所) + 1 (一人事業所): fairness across the council's rotations first, then
/// across years, then the new and the one-person businesses — so scarce turns do not go to the same businesses
/// in every rotation and every year.
///
/// Held slots — those of the previous plan on or before `today`, and those whose outcome is recorded — are
/// kept as they were and count towards turns and loads, except a slot the council called off (中止), whose
/// targets get a turn again.
public struct RotationPlanner: Sendable {
    public var council: Council
    public var rotation: Rotation
    public var year: FiscalYear
    /// Businesses reached last year (a turn in any of the council's rotations last year); nil when unknown.
    public var reachedLastYear: Set<BusinessID>?
    /// Businesses with a turn this year in the council's other rotations; nil when there is no other.
    public var turnsElsewhere: Set<BusinessID>?

    public init(
        council: Council, rotation: Rotation, year: FiscalYear, reachedLastYear: Set<BusinessID>? = nil,
        turnsElsewhere: Set<BusinessID>? = nil
    ) {
        self.council = council
        self.rotation = rotation
        self.year = year
        self.reachedLastYear = reachedLastYear
        self.turnsElsewhere = turnsElsewhere
    }

    /// The businesses that take turns, in id order: those the pool names that are open on some day of the year.
    public var pool: [Business] {
        council.businesses.filter { rotation.pool.invites($0) && $0.isOpen(onSomeDayOf: year) }.sorted { $0.id < $1.id }
    }

    /// Why a business comes early, in the order of their weight, e.g. `ほかの順番なし・新規事業所`; empty when it has
    /// no priority.
    public func priorityReasons(_ business: Business) -> [String] {
        var reasons: [String] = []
        if let elsewhere = turnsElsewhere, !elsewhere.contains(business.id) { reasons.append("今年度ほかの順番なし") }
        if let reached = reachedLastYear, !reached.contains(business.id) { reasons.append("昨年度未実施") }
        if business.isNew(in: year) { reasons.append("新規事業所") }
        if business.isOnePerson { reasons.append("一人事業所") }
        return reasons
    }

    /// Why a business comes late: the priorities it does not have, e.g. `今年度ほかの順番あり・昨年度実施`.
    public func laterReasons(_ business: Business) -> [String] {
        var reasons: [String] = []
        if let elsewhere = turnsElsewhere, elsewhere.contains(business.id) { reasons.append("今年度ほかの順番あり") }
        if let reached = reachedLastYear, reached.contains(business.id) { reasons.append("昨年度実施") }
        if !business.isNew(in: year) && !business.isOnePerson { reasons.append("新規でも一人事業所でもない") }
        return reasons
    }

    /// 1 + 8 (no turn elsewhere this year) + 4 (not reached last year) + 2 (new) + 1 (one-person): a strict order.
    public func weight(_ business: Business) -> Int64 {
        var weight: Int64 = 1
        if let elsewhere = turnsElsewhere, !elsewhere.contains(business.id) { weight += 8 }
        if let reached = reachedLastYear, !reached.contains(business.id) { weight += 4 }
        if business.isNew(in: year) { weight += 2 }
        if business.isOnePerson { weight += 1 }
        return weight
    }

    static let maxWeight: Int64 = 16
    static let levels = 10

    /// Plans `slots`, keeping `previous` for slots on or before `today`.
    public func plan(
        slots: [RotationSlot], previous: [SlotAssignment], today: CalendarDate, solver: any IntegerProgramSolving
    ) -> Result<RotationPlan, RotationInfeasible> {
        let previousBySlot = Dictionary(
            previous.map { ($0.slot.identity, $0) }, uniquingKeysWith: { first, _ in first })
        var held: [SlotAssignment] = []
        var open: [RotationSlot] = []
        for slot in slots.sorted() {
            if let before = previousBySlot[slot.identity], before.outcome != nil || slot.date <= today {
                var kept = before
                // A recorded slot keeps the day it was recorded on (a postponed one its new day).
                if before.outcome == nil { kept.slot = slot }
                kept.isHeld = true
                held.append(kept)
            } else {
                open.append(slot)
            }
        }
        let pool = self.pool
        var problems: [String] = []
        if !open.isEmpty && pool.isEmpty {
            problems.append("「\(rotation.title)」の対象事業所がいません / the pool is empty (check pool: kinds and businesses)")
        }
        if !open.isEmpty && rotation.leads.isEmpty {
            problems.append("「\(rotation.title)」の担当者(leads)がいません / no leads are listed")
        }
        guard problems.isEmpty else { return .failure(RotationInfeasible(rotation: rotation.id, reasons: problems)) }

        // Early turns are rarely needed: the program without them is much smaller and, when it fills every
        // target and lead place, its answer is the full program's — those are exactly the full program's
        // choices that are best at levels 0 and 1 (nothing empty, nothing early).
        var model = Model(
            planner: self, open: open, pool: pool, held: held, previous: previousBySlot, allowingEarlyTurns: false)
        var values: [Int]
        do {
            values = try solver.solve(model.program)
            if model.leavesPlacesEmpty(values) {
                model = Model(
                    planner: self, open: open, pool: pool, held: held, previous: previousBySlot,
                    allowingEarlyTurns: true)
                values = try solver.solve(model.program)
            }
        } catch {
            return .failure(
                RotationInfeasible(rotation: rotation.id, reasons: ["割り当てを計算できません / the solver failed: \(error)"]))
        }
        let (targets, leads) = model.read(values)
        problems = model.unfilled(values, targets: targets, leads: leads)
        guard problems.isEmpty else { return .failure(RotationInfeasible(rotation: rotation.id, reasons: problems)) }

        let planned = open.enumerated().map { index, slot in
            SlotAssignment(slot: slot, targets: targets[index], leads: leads[index])
        }
        let assignments = (held + planned).sorted { $0.slot < $1.slot }
        let turned = Set(assignments.filter(\.countsAsTurn).flatMap(\.targets))
        let without = pool.filter { !turned.contains($0.id) }.map(\.id)
        return .success(RotationPlan(rotation: rotation.id, year: year, assignments: assignments, withoutTurn: without))
    }

    private enum Role {
        case any, ward, staff
    }

    /// The integer program of one planning run, and how to read its answer back.
    private struct Model {
        let planner: RotationPlanner
        let open: [RotationSlot]
        let pool: [Business]
        let leads: [Lead]
        let roles: [(role: Role, needed: Int)]
        var program = IntegerProgram(levels: RotationPlanner.levels)
        /// (business index, slot index, variable) for every turn a business may take in a slot.
        var turns: [(business: Int, slot: Int, variable: IntegerProgram.Variable)] = []
        var leading: [(lead: Int, slot: Int, variable: IntegerProgram.Variable)] = []
        var unfilledTargets: [IntegerProgram.Variable] = []
        var unfilledLeads: [[IntegerProgram.Variable]] = []
        let heldTargets: Set<BusinessID>

        init(
            planner: RotationPlanner, open: [RotationSlot], pool: [Business], held: [SlotAssignment],
            previous: [RotationSlot.Identity: SlotAssignment], allowingEarlyTurns: Bool
        ) {
            self.planner = planner
            self.open = open
            self.pool = pool
            heldTargets = Set(held.filter(\.countsAsTurn).flatMap(\.targets))
            let rotation = planner.rotation
            leads = rotation.leads.sorted { $0.id < $1.id }
            roles = rotation.requiresPair ? [(.ward, 1), (.staff, 1)] : [(.any, rotation.leadsPerSlot)]
            guard !open.isEmpty else { return }
            let byBusinessSlot = addTargets(held: held, previous: previous, allowingEarlyTurns: allowingEarlyTurns)
            addLeads(held: held, previous: previous, byBusinessSlot: byBusinessSlot)
        }

        /// Target places: a variable for each turn a business may take in a slot, in rounds over the year;
        /// returns the variables of each (business, slot), for the rows that keep a lead off their own business.
        private mutating func addTargets(
            held: [SlotAssignment], previous: [RotationSlot.Identity: SlotAssignment], allowingEarlyTurns: Bool
        ) -> [Int: [(IntegerProgram.Variable, Int)]] {
            let rotation = planner.rotation
            let k = rotation.targetsPerSlot
            // Rounds over the whole year: the slots' places, one per target, taken in order, form rounds of
            // as many places as the pool has businesses. A slot may straddle two rounds.
            let counted = held.filter(\.countsAsTurn)
            let firstOpen = counted.count
            func firstRound(ofSlot s: Int) -> Int { (firstOpen + s) * k / pool.count }
            func lastRound(ofSlot s: Int) -> Int { ((firstOpen + s + 1) * k - 1) / pool.count }
            // With early turns allowed (a pool that cannot fill the rounds), a business may need more turns than
            // there are rounds: up to one in every open slot; the turns level still spreads them evenly.
            let rounds =
                allowingEarlyTurns
                ? max(lastRound(ofSlot: open.count - 1) + 1, open.count) : lastRound(ofSlot: open.count - 1) + 1
            let n = Int64(pool.count)
            let heldTurns = Dictionary(counted.flatMap(\.targets).map { ($0, 1) }, uniquingKeysWith: +)

            var bySlot = open.map { _ in [(IntegerProgram.Variable, Int)]() }
            var byBusinessSlot: [Int: [(IntegerProgram.Variable, Int)]] = [:]
            for (b, business) in pool.enumerated() {
                let already = heldTurns[business.id] ?? 0
                let weight = planner.weight(business)
                let share = (RotationPlanner.maxWeight - weight) * (n + 1) + Int64(b)
                let coefficient = weight * (n + 1) + (n - Int64(b))
                for r in 0..<rounds {
                    // The r-th turn of this year (counting held ones) should not come before round r.
                    let turnNumber = already + r
                    var turn: [(IntegerProgram.Variable, Int)] = []
                    for (s, slot) in open.enumerated()
                    where (allowingEarlyTurns || lastRound(ofSlot: s) >= turnNumber)
                        && !planner.cannotDo(business, slot)
                    {
                        let kept = previous[slot.identity]?.targets.contains(business.id) ?? false
                        let position = Int64((firstOpen + s) * k % pool.count)
                        let variable = program.addVariable(cost: [
                            0,
                            Int64(max(0, turnNumber - lastRound(ofSlot: s))),  // early: before its round
                            Int64(turnNumber),
                            Int64(max(0, firstRound(ofSlot: s) - turnNumber)),
                            share,
                            kept ? 0 : 1,
                            position * coefficient,
                        ])
                        turns.append((b, s, variable))
                        turn.append((variable, 1))
                        bySlot[s].append((variable, 1))
                        byBusinessSlot[b * open.count + s, default: []].append((variable, 1))
                    }
                    if turn.count > 1 { program.add(turn, atMost: 1) }
                }
            }
            // A business is a target of a slot at most once.
            for terms in byBusinessSlot.values where terms.count > 1 { program.add(terms, atMost: 1) }
            for s in open.indices {
                // An empty target place costs more than all of a slot's lead places: a slot is first of all its targets'.
                let unfilled = program.addVariable(upperBound: k, cost: [Int64(rotation.leadsPerSlot + 1)])
                unfilledTargets.append(unfilled)
                program.add(bySlot[s] + [(unfilled, 1)], exactly: k)
            }
            return byBusinessSlot
        }

        /// Lead places: who leads each slot, in which role; a lead's load, each further slot costing more.
        private mutating func addLeads(
            held: [SlotAssignment], previous: [RotationSlot.Identity: SlotAssignment],
            byBusinessSlot: [Int: [(IntegerProgram.Variable, Int)]]
        ) {
            let rotation = planner.rotation
            let heldLoad = Dictionary(
                held.filter { !($0.outcome?.isCancelled ?? false) }.flatMap(\.leads).map { ($0, 1) },
                uniquingKeysWith: +)
            let poolIndex = Dictionary(pool.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            var demand = open.map { _ in roles.map { _ in [(IntegerProgram.Variable, Int)]() } }
            for (i, lead) in leads.enumerated() {
                var load: [(IntegerProgram.Variable, Int)] = []
                for (s, slot) in open.enumerated() {
                    for (r, role) in roles.enumerated() {
                        switch role.role {
                        case .ward where !lead.isWardOffice: continue
                        case .staff where lead.business == nil: continue
                        default: break
                        }
                        let kept = previous[slot.identity]?.leads.contains(lead.id) ?? false
                        let variable = program.addVariable(cost: [0, 0, 0, 0, 0, 0, 0, 0, kept ? 0 : 1, Int64(i)])
                        leading.append((i, s, variable))
                        demand[s][r].append((variable, 1))
                        load.append((variable, 1))
                        // Never a slot for their own business (利益相反).
                        if let own = lead.business.flatMap({ poolIndex[$0] }),
                            let owns = byBusinessSlot[own * open.count + s]
                        {
                            program.add([(variable, 1)] + owns, atMost: 1)
                        }
                    }
                }
                let already = heldLoad[lead.id] ?? 0
                let room = max(0, min(rotation.maxPerLead.map { $0 - already } ?? open.count, open.count))
                let units = (0..<room).map { unit in
                    program.addVariable(cost: [0, 0, 0, 0, 0, 0, 0, Int64(already + unit)])
                }
                program.add(load + units.map { ($0, -1) }, exactly: 0)
            }
            for s in open.indices {
                var unfilled: [IntegerProgram.Variable] = []
                for (r, role) in roles.enumerated() {
                    let missing = program.addVariable(upperBound: role.needed, cost: [1])
                    unfilled.append(missing)
                    program.add(demand[s][r] + [(missing, 1)], exactly: role.needed)
                }
                unfilledLeads.append(unfilled)
            }
        }

        /// Whether a target or lead place stays empty.
        func leavesPlacesEmpty(_ values: [Int]) -> Bool {
            (unfilledTargets + unfilledLeads.flatMap { $0 }).contains { values[$0.index] > 0 }
        }

        func read(_ values: [Int]) -> (targets: [[BusinessID]], leads: [[LeadID]]) {
            var targets = open.map { _ in [BusinessID]() }
            for turn in turns where values[turn.variable.index] > 0 {
                targets[turn.slot].append(pool[turn.business].id)
            }
            var chosen = open.map { _ in [LeadID]() }
            for lead in leading where values[lead.variable.index] > 0 { chosen[lead.slot].append(leads[lead.lead].id) }
            return (targets.map { $0.sorted() }, chosen.map { $0.sorted() })
        }

        /// What could not be filled, slot by slot, and why.
        func unfilled(_ values: [Int], targets: [[BusinessID]], leads chosen: [[LeadID]]) -> [String] {
            let rotation = planner.rotation
            let k = rotation.targetsPerSlot
            var problems: [String] = []
            for (s, slot) in open.enumerated() where values[unfilledTargets[s].index] > 0 {
                let blocked = pool.filter { planner.cannotDo($0, slot) }
                let why =
                    blocked.count == pool.count
                    ? "対象の全事業所が\(slot.date.month)月は不可(または開設前・廃止後)です / every business in the pool is unavailable in month \(slot.date.month) or not open that day"
                    : "この時点で順番を受けられる事業所が\(k)か所に足りません(担当者の上限・利益相反も含めて) / not enough businesses can take it with a lead free of them (\(pool.count - blocked.count) could in that month)"
                problems.append("\(slot.date.japaneseDescription)の「\(rotation.title)」に対象事業所を割り当てられません: \(why)")
            }
            for (s, slot) in open.enumerated() where unfilledLeads[s].contains(where: { values[$0.index] > 0 }) {
                let conflicted = leads.filter { lead in lead.business.map(targets[s].contains) ?? false }.map(\.name)
                var why: [String] = []
                if !conflicted.isEmpty {
                    why.append("\(conflicted.joined(separator: "・"))は対象事業所の所属です(利益相反) / own business")
                }
                if let cap = rotation.maxPerLead {
                    why.append("他の担当者は上限\(cap)回に達しています / the others reached max_per_lead")
                }
                if rotation.requiresPair { why.append("区職員1名と事業所職員1名のペアが必要です / a pair needs one 区職員 and one 事業所職員") }
                if why.isEmpty { why.append("担当者が\(rotation.leadsPerSlot)名に足りません / fewer leads than leads_per_slot") }
                problems.append(
                    "\(slot.date.japaneseDescription)の「\(rotation.title)」に担当者を割り当てられません: \(why.joined(separator: "; "))"
                )
            }
            if open.count * k >= pool.count {
                let turned = Set(targets.flatMap { $0 }).union(heldTargets)
                let months = Set(open.map(\.date.month)).sorted()
                for business in pool
                where !turned.contains(business.id) && open.allSatisfy({ planner.cannotDo(business, $0) }) {
                    problems.append(
                        "\(business.name)(\(business.id))に順番を割り当てられません: 残りのスロットの月(\(months.map { "\($0)月" }.joined(separator: "・")))がすべて不可です / every remaining slot falls in a month it cannot do"
                    )
                }
            }
            return problems
        }
    }

    /// Whether `business` cannot be a target of `slot`: a month it cannot do, or a day it is not open.
    func cannotDo(_ business: Business, _ slot: RotationSlot) -> Bool {
        (rotation.unavailableMonths[business.id]?.contains(slot.date.month) ?? false) || !business.isOpen(on: slot.date)
    }

}

/// A year of a rotation: every slot with its targets and leads, and who had no turn.
public struct RotationPlan: Hashable, Sendable {
    public var rotation: RotationID
    public var year: FiscalYear
    public var assignments: [SlotAssignment]
    /// Pool businesses with no turn this year (more businesses than slots).
    public var withoutTurn: [BusinessID]
}

/// No assignment satisfies the constraints; each reason names the slot or business and what blocks it.
public struct RotationInfeasible: Error, Hashable, Sendable, CustomStringConvertible {
    public var rotation: RotationID
    public var reasons: [String]

    public var description: String { reasons.map { "\(rotation): \($0)" }.joined(separator: "\n") }
}

/// What one rotation came to in a `council rotate` run: its plan, why none exists, or nil when its slots could not
/// be dated (the year's schedule errors say why).
public struct RotationRun: Sendable {
    public var rotation: Rotation
    public var planner: RotationPlanner
    public var outcome: Result<RotationPlan, RotationInfeasible>?
}

extension Council {
    /// Plans `chosen` for `councilYear` as `council rotate` does, each recorded in the council as it is planned:
    /// turns count across the council's rotations — last year's in any of them, and this year's in the others (as
    /// planned a moment ago in this run, when it plans them too). Slots on or before `today` keep their record.
    public mutating func planRotations(
        _ chosen: [Rotation], in councilYear: CouncilYear, today: CalendarDate, solver: any IntegerProgramSolving
    ) -> [RotationRun] {
        let year = councilYear.year
        func turns(_ year: FiscalYear, except: RotationID? = nil) -> Set<BusinessID>? {
            let records = rotations.filter { $0.id != except }.compactMap { rotationRecord($0.id, year: year) }
            return records.isEmpty
                ? nil : Set(records.flatMap { $0.assignments.filter(\.countsAsTurn).flatMap(\.targets) })
        }
        let reachedLastYear = turns(year.previous)
        var runs: [RotationRun] = []
        for rotation in chosen {
            let others = rotations.count > 1 ? (turns(year, except: rotation.id) ?? []) : nil
            let planner = RotationPlanner(
                council: self, rotation: rotation, year: year, reachedLastYear: reachedLastYear, turnsElsewhere: others)
            guard let slots = councilYear.slots[rotation.id] else {
                runs.append(RotationRun(rotation: rotation, planner: planner, outcome: nil))
                continue
            }
            let previous = rotationRecord(rotation.id, year: year)?.assignments ?? []
            let outcome = planner.plan(slots: slots, previous: previous, today: today, solver: solver)
            if case .success(let plan) = outcome {
                setRotationRecord(RotationRecord(rotation: rotation.id, year: year, assignments: plan.assignments))
            }
            runs.append(RotationRun(rotation: rotation, planner: planner, outcome: outcome))
        }
        return runs
    }
}
