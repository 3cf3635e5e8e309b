import CouncilSimulation
import Foundation
import Testing

/// Generated councils, each lived from April to the next April: every export checked against the model.
@Suite("The lived year, generated")
struct SimulationTests {
    /// Twelve years, in three batches run side by side; `council-simulate --seeds N` lives as many as asked.
    @Test("fixed seeds: every promise holds after every export", arguments: 0..<3)
    func years(batch: Int) async throws {
        for seed in UInt64(batch * 4)..<UInt64(batch * 4 + 4) {
            let root = NSTemporaryDirectory() + "council-simulation-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: root) }
            var simulator = Simulator(seed: seed, root: root)
            do {
                _ = try await simulator.run()
            } catch {
                Issue.record("\(error)")
                return
            }
        }
    }
}
