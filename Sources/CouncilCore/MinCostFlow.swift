/// Minimum-cost maximum flow by successive shortest paths with Dijkstra and Johnson potentials.
///
/// Costs must be non-negative. They may be vectors compared lexicographically (see `RankedCost`), which
/// makes a cost of several priorities exact without scaling them into one overflowing number. Among all
/// maximum flows it finds one of least total cost; ties are broken the same way on every run, because
/// edges are scanned in the order they were added.
struct MinCostFlow<Cost: AdditiveArithmetic & Comparable> {
    private struct Edge {
        var to: Int
        var capacity: Int
        var cost: Cost
        var reverse: Int
    }

    private var graph: [[Edge]]

    init(nodes: Int) {
        graph = Array(repeating: [], count: nodes)
    }

    /// Adds an edge and returns its handle, for reading its flow later.
    @discardableResult
    mutating func addEdge(from: Int, to: Int, capacity: Int, cost: Cost) -> (node: Int, index: Int) {
        precondition(cost >= .zero, "costs must be non-negative")
        graph[from].append(Edge(to: to, capacity: capacity, cost: cost, reverse: graph[to].count))
        graph[to].append(Edge(to: from, capacity: 0, cost: .zero - cost, reverse: graph[from].count - 1))
        return (from, graph[from].count - 1)
    }

    /// The flow on an edge returned by `addEdge`.
    func flow(on handle: (node: Int, index: Int)) -> Int {
        let edge = graph[handle.node][handle.index]
        return graph[edge.to][edge.reverse].capacity
    }

    /// Sends as much flow as possible from `source` to `sink` at least cost; returns the flow.
    mutating func solve(source: Int, sink: Int) -> Int {
        let count = graph.count
        var potential = [Cost](repeating: .zero, count: count)
        var totalFlow = 0
        while true {
            var distance = [Cost?](repeating: nil, count: count)
            var previous = [(node: Int, edge: Int)?](repeating: nil, count: count)
            distance[source] = .zero
            var heap = BinaryHeap<Cost>()
            heap.push(.zero, source)
            while let (d, node) = heap.pop() {
                if let known = distance[node], known < d { continue }
                for (index, edge) in graph[node].enumerated() where edge.capacity > 0 {
                    let next = d + edge.cost + potential[node] - potential[edge.to]
                    if distance[edge.to].map({ next < $0 }) ?? true {
                        distance[edge.to] = next
                        previous[edge.to] = (node, index)
                        heap.push(next, edge.to)
                    }
                }
            }
            guard distance[sink] != nil else { break }
            for node in 0..<count {
                if let d = distance[node] { potential[node] += d }
            }
            var push = Int.max
            var node = sink
            while let step = previous[node] {
                push = min(push, graph[step.node][step.edge].capacity)
                node = step.node
            }
            node = sink
            while let step = previous[node] {
                graph[step.node][step.edge].capacity -= push
                let reverse = graph[step.node][step.edge].reverse
                graph[node][reverse].capacity += push
                node = step.node
            }
            totalFlow += push
        }
        return totalFlow
    }
}

/// Costs of up to five ranks, compared lexicographically: any amount of a higher rank outweighs every
/// amount of the lower ones. Stored inline, so the flow's inner loop allocates nothing.
struct RankedCost: AdditiveArithmetic, Comparable {
    var r0: Int64, r1: Int64, r2: Int64, r3: Int64, r4: Int64

    init(_ r0: Int64 = 0, _ r1: Int64 = 0, _ r2: Int64 = 0, _ r3: Int64 = 0, _ r4: Int64 = 0) {
        (self.r0, self.r1, self.r2, self.r3, self.r4) = (r0, r1, r2, r3, r4)
    }

    static var zero: RankedCost { RankedCost() }

    static func + (a: RankedCost, b: RankedCost) -> RankedCost {
        RankedCost(a.r0 &+ b.r0, a.r1 &+ b.r1, a.r2 &+ b.r2, a.r3 &+ b.r3, a.r4 &+ b.r4)
    }

    static func - (a: RankedCost, b: RankedCost) -> RankedCost {
        RankedCost(a.r0 &- b.r0, a.r1 &- b.r1, a.r2 &- b.r2, a.r3 &- b.r3, a.r4 &- b.r4)
    }

    static func < (a: RankedCost, b: RankedCost) -> Bool {
        (a.r0, a.r1, a.r2, a.r3, a.r4) < (b.r0, b.r1, b.r2, b.r3, b.r4)
    }
}

/// A min-heap of (distance, node), smallest distance first and then smallest node, so runs agree.
private struct BinaryHeap<Cost: Comparable> {
    private var items: [(Cost, Int)] = []

    private static func less(_ a: (Cost, Int), _ b: (Cost, Int)) -> Bool { a.0 != b.0 ? a.0 < b.0 : a.1 < b.1 }

    mutating func push(_ cost: Cost, _ node: Int) {
        items.append((cost, node))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Cost, Int)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, Self.less(items[left], items[smallest]) { smallest = left }
                if right < items.count, Self.less(items[right], items[smallest]) { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
