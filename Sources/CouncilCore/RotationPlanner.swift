/// Fills a rotation's future slots with target businesses and leads, optimally for a documented cost.
///
/// Two minimum-cost flows, each solved exactly:
///
/// 1. **Targets.** Businesses → slots. Every slot is filled if any assignment can fill it. The cost, in
///    strict order of importance:
///    - *turns*: the year's places (a slot has one per target) fall into rounds of as many places as the
///      pool has businesses; a business's n-th turn may not come before round n, and costs n times more
///      than anything below — so every business gets a turn before anyone gets a second;
///    - *lateness*: a first turn pushed past its round (every slot of the round falls in a month the
///      business cannot do) costs more than everything below;
///    - *stability*: keeping a business in the slot it had in the previous plan costs nothing, moving it
///      costs more than anything below — so a re-run changes as few assignments as it can;
///    - *extra turns*: a second (third …) turn costs (9 − weight), so the spare places of later rounds go
///      to the businesses of highest priority, then by id;
///    - *priority*: a slot's position in its round times the business's weight (新規事業所 4, 一人事業所 2,
///      昨年度未実施 2, plus 1), so higher priority means an earlier slot; ties go by id.
///    The ranks are compared lexicographically (`RankedCost`), so no rank can buy another.
///    A business never goes to a slot in a month it cannot do, nor to a slot for which no lead could be
///    found outside it.
/// 2. **Leads.** Leads → slots, for the targets chosen. A lead never leads a slot for their own business
///    and never exceeds `maxPerLead`; a pair takes one 区職員 and one 事業所職員. The cost balances load
///    first (each further slot of a lead costs more than the last), then keeps previous leads.
///
/// Held slots — those on or before `today` in the previous plan — are kept as they were and count
/// towards turns and loads. The same input always gives the same plan.
public struct RotationPlanner: Sendable {
    public var council: Council
    public var rotation: Rotation
    public var year: FiscalYear
    /// Businesses reached last year (a turn in last year's rotation or a meeting attended); nil when unknown.
    public var reachedLastYear: Set<BusinessID>?

    public init(council: Council, rotation: Rotation, year: FiscalYear, reachedLastYear: Set<BusinessID>? = nil) {
        self.council = council
        self.rotation = rotation
        self.year = year
        self.reachedLastYear = reachedLastYear
    }

    /// The businesses that take turns, in id order.
    public var pool: [Business] {
        council.businesses.filter(rotation.pool.invites).sorted { $0.id < $1.id }
    }

    /// Why a business comes early, e.g. `新規事業所・一人事業所`; nil when it has no priority.
    public func priorityReasons(_ business: Business) -> [String] {
        var reasons: [String] = []
        if business.isNew(in: year) { reasons.append("新規事業所") }
        if business.isOnePerson { reasons.append("一人事業所") }
        if let reached = reachedLastYear, !reached.contains(business.id) { reasons.append("昨年度未実施") }
        return reasons
    }

    func weight(_ business: Business) -> Int64 {
        var weight: Int64 = 1
        if business.isNew(in: year) { weight += 4 }
        if business.isOnePerson { weight += 2 }
        if let reached = reachedLastYear, !reached.contains(business.id) { weight += 2 }
        return weight
    }

    /// Plans `slots`, keeping `previous` for slots on or before `today`.
    public func plan(slots: [RotationSlot], previous: [SlotAssignment], today: CalendarDate) -> Result<RotationPlan, RotationInfeasible> {
        let previousBySlot = Dictionary(previous.map { ($0.slot.originalDate, $0) }, uniquingKeysWith: { first, _ in first })
        var held: [SlotAssignment] = []
        var open: [RotationSlot] = []
        for slot in slots.sorted() {
            if slot.date <= today, let before = previousBySlot[slot.originalDate] {
                var kept = before
                kept.slot = slot
                kept.isHeld = true
                held.append(kept)
            } else {
                open.append(slot)
            }
        }
        let pool = self.pool
        var problems: [String] = []

        // Phase 1: targets.
        let targets = assignTargets(open, pool: pool, held: held, previous: previousBySlot, problems: &problems)
        // Phase 2: leads.
        let leads = assignLeads(open, targets: targets, held: held, previous: previousBySlot, problems: &problems)
        guard problems.isEmpty else { return .failure(RotationInfeasible(rotation: rotation.id, reasons: problems)) }

        let planned = open.enumerated().map { index, slot in
            SlotAssignment(slot: slot, targets: targets[index], leads: leads[index])
        }
        let assignments = (held + planned).sorted { $0.slot < $1.slot }
        let turned = Set(assignments.flatMap(\.targets))
        let without = pool.filter { !turned.contains($0.id) }.map(\.id)
        return .success(RotationPlan(rotation: rotation.id, year: year, assignments: assignments, withoutTurn: without))
    }

    private func assignTargets(_ open: [RotationSlot], pool: [Business], held: [SlotAssignment], previous: [CalendarDate: SlotAssignment], problems: inout [String]) -> [[BusinessID]] {
        let k = rotation.targetsPerSlot
        guard !open.isEmpty else { return [] }
        guard !pool.isEmpty else {
            problems.append("「\(rotation.title)」の対象事業所がいません / the pool is empty (check pool: kinds and businesses)")
            return open.map { _ in [] }
        }
        // Rounds over the whole year: the slots' places, one per target, taken in order, form rounds of
        // as many places as the pool has businesses. A slot may straddle two rounds.
        let firstOpen = held.count
        func firstRound(ofSlot s: Int) -> Int { (firstOpen + s) * k / pool.count }
        func lastRound(ofSlot s: Int) -> Int { ((firstOpen + s + 1) * k - 1) / pool.count }
        let rounds = lastRound(ofSlot: open.count - 1) + 1

        let n = Int64(pool.count)
        let maxWeight: Int64 = 9

        // Nodes: source, one turn node per business and round, one place per business and slot (so a
        // business is a target of a slot at most once), slots, sink.
        let source = 0, firstTurn = 1, firstPlace = 1 + pool.count * rounds
        let firstSlot = firstPlace + pool.count * open.count, sink = firstSlot + open.count
        var flow = MinCostFlow<RankedCost>(nodes: sink + 1)
        let heldTurns = Dictionary(held.flatMap(\.targets).map { ($0, 1) }, uniquingKeysWith: +)
        var handles: [(business: Int, slot: Int, handle: (node: Int, index: Int))] = []
        for (b, business) in pool.enumerated() {
            let already = heldTurns[business.id] ?? 0
            let coefficient = weight(business) * (n + 1) + (n - Int64(b))
            for r in 0..<rounds {
                // The r-th turn of this year (counting held ones) may not come before round r.
                let turnNumber = already + r
                let node = firstTurn + b * rounds + r
                flow.addEdge(from: source, to: node, capacity: 1, cost: RankedCost(Int64(turnNumber)))
                for (s, slot) in open.enumerated() where lastRound(ofSlot: s) >= turnNumber && canTake(business, slot) {
                    let kept = previous[slot.originalDate]?.targets.contains(business.id) ?? false
                    let position = Int64((firstOpen + s) * k % pool.count)
                    let cost = RankedCost(
                        0,
                        Int64(max(0, firstRound(ofSlot: s) - turnNumber)),  // lateness
                        kept ? 0 : 1,                                        // stability
                        turnNumber > 0 ? (maxWeight - weight(business)) * (n + 1) + Int64(b) : 0,  // extra turns: priority, then id
                        position * coefficient                               // priority within the round, then id
                    )
                    flow.addEdge(from: node, to: firstPlace + b * open.count + s, capacity: 1, cost: cost)
                }
            }
            for (s, slot) in open.enumerated() where canTake(business, slot) {
                handles.append((b, s, flow.addEdge(from: firstPlace + b * open.count + s, to: firstSlot + s, capacity: 1, cost: .zero)))
            }
        }
        for s in open.indices { flow.addEdge(from: firstSlot + s, to: sink, capacity: k, cost: .zero) }
        _ = flow.solve(source: source, sink: sink)

        var chosen = open.map { _ in Set<BusinessID>() }
        for item in handles where flow.flow(on: item.handle) > 0 {
            chosen[item.slot].insert(pool[item.business].id)
        }
        for (s, slot) in open.enumerated() where chosen[s].count < k {
            let blocked = pool.filter { !canTake($0, slot) }
            let why = blocked.count == pool.count
                ? "対象の全事業所が\(slot.date.month)月は不可、またはその事業所以外の担当者がいません / every business in the pool is unavailable in month \(slot.date.month) or has no lead from outside it"
                : "この時点で順番を受けられる事業所が\(k)か所に足りません / not enough businesses can take it (\(pool.count - blocked.count) could)"
            problems.append("\(slot.date.japaneseDescription)の「\(rotation.title)」に対象事業所を割り当てられません: \(why)")
        }
        if open.count * k >= pool.count {
            let turned = Set(chosen.flatMap { $0 } + held.flatMap(\.targets))
            for business in pool where !turned.contains(business.id) {
                let months = Set(open.map(\.date.month)).sorted()
                problems.append("\(business.name)(\(business.id))に順番を割り当てられません: 残りのスロットの月(\(months.map { "\($0)月" }.joined(separator: "・")))がすべて不可です / every remaining slot falls in a month it cannot do")
            }
        }
        return chosen.map { $0.sorted() }
    }

    /// Whether `business` may be a target of `slot`: its month is possible and some lead is free of it.
    private func canTake(_ business: Business, _ slot: RotationSlot) -> Bool {
        if rotation.unavailableMonths[business.id]?.contains(slot.date.month) ?? false { return false }
        let outside = rotation.leads.filter { $0.business != business.id }
        if rotation.requiresPair {
            return outside.contains { $0.affiliation == .wardOffice } && outside.contains { $0.business != nil }
        }
        return outside.count >= rotation.leadsPerSlot
    }

    private enum Role {
        case any, ward, staff
    }

    private func assignLeads(_ open: [RotationSlot], targets: [[BusinessID]], held: [SlotAssignment], previous: [CalendarDate: SlotAssignment], problems: inout [String]) -> [[LeadID]] {
        guard !open.isEmpty, problems.isEmpty else { return open.map { _ in [] } }
        let leads = rotation.leads.sorted { $0.id < $1.id }
        guard !leads.isEmpty else {
            problems.append("「\(rotation.title)」の担当者(leads)がいません / no leads are listed")
            return open.map { _ in [] }
        }
        let roles: [(Role, Int)] = rotation.requiresPair ? [(.ward, 1), (.staff, 1)] : [(.any, rotation.leadsPerSlot)]
        let source = 0, firstLead = 1, firstDemand = 1 + leads.count
        let sink = firstDemand + open.count * roles.count
        var flow = MinCostFlow<RankedCost>(nodes: sink + 1)
        let heldLoad = Dictionary(held.flatMap(\.leads).map { ($0, 1) }, uniquingKeysWith: +)
        for (i, lead) in leads.enumerated() {
            let already = heldLoad[lead.id] ?? 0
            let room = (rotation.maxPerLead.map { $0 - already } ?? open.count)
            for unit in 0..<max(0, min(room, open.count)) {
                flow.addEdge(from: source, to: firstLead + i, capacity: 1, cost: RankedCost(Int64(already + unit)))
            }
        }
        var handles: [(lead: Int, slot: Int, handle: (node: Int, index: Int))] = []
        for (i, lead) in leads.enumerated() {
            for (s, slot) in open.enumerated() {
                if let own = lead.business, targets[s].contains(own) { continue }
                for (r, (role, _)) in roles.enumerated() {
                    switch role {
                    case .ward where lead.affiliation != .wardOffice: continue
                    case .staff where lead.business == nil: continue
                    default: break
                    }
                    let kept = previous[slot.originalDate]?.leads.contains(lead.id) ?? false
                    let cost = RankedCost(0, kept ? 0 : 1, Int64(i))  // balance (on the lead's edges), stability, id
                    handles.append((i, s, flow.addEdge(from: firstLead + i, to: firstDemand + s * roles.count + r, capacity: 1, cost: cost)))
                }
            }
        }
        for s in open.indices {
            for (r, (_, needed)) in roles.enumerated() {
                flow.addEdge(from: firstDemand + s * roles.count + r, to: sink, capacity: needed, cost: .zero)
            }
        }
        _ = flow.solve(source: source, sink: sink)
        var chosen = open.map { _ in [LeadID]() }
        for item in handles where flow.flow(on: item.handle) > 0 {
            chosen[item.slot].append(leads[item.lead].id)
        }
        for (s, slot) in open.enumerated() where chosen[s].count < rotation.leadsPerSlot {
            let conflicted = leads.filter { lead in lead.business.map(targets[s].contains) ?? false }.map(\.name)
            var why: [String] = []
            if !conflicted.isEmpty { why.append("\(conflicted.joined(separator: "・"))は対象事業所の所属です(利益相反) / own business") }
            if let cap = rotation.maxPerLead { why.append("他の担当者は上限\(cap)回に達しています / the others reached max_per_lead") }
            if rotation.requiresPair { why.append("区職員1名と事業所職員1名のペアが必要です / a pair needs one 区職員 and one 事業所職員") }
            problems.append("\(slot.date.japaneseDescription)の「\(rotation.title)」に担当者を割り当てられません: \(why.joined(separator: "; "))")
        }
        return chosen.map { $0.sorted() }
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
