import ICalendar
import ICalendarFixtures
import Testing

/// The export and the reading of feeds run on every core at once; libical keeps its error number and
/// temporary buffers per thread. What several threads make must be what one thread makes, errors included.
@Suite("libical from several threads")
struct ConcurrencyTests {
    /// Runs `body` for 0..<count as tasks of one group, on every thread of the pool at once, keeping each answer at
    /// its index.
    func onEveryCore<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) async -> [T] {
        await withTaskGroup(of: (Int, T).self) { group in
            for index in 0..<count { group.addTask { (index, body(index)) } }
            var answers: [Int: T] = [:]
            for await (index, answer) in group { answers[index] = answer }
            return (0..<count).map { answers[$0]! }
        }
    }

    @Test("calendars encoded and decoded on several threads equal those of one thread")
    func encodeDecode() async throws {
        let calendar = try Fixtures.richCalendar()
        let expected = try ICalendarEncoder().encode(calendar)
        let texts = await onEveryCore(400) { _ in (try? ICalendarEncoder().encode(calendar)) ?? "" }
        #expect(texts.allSatisfy { $0 == expected })
        let decoded = await onEveryCore(400) { index in try? ICalendarDecoder().decode(texts[index]) }
        let once = try ICalendarDecoder().decode(expected)
        #expect(decoded.allSatisfy { $0 == once })
    }

    @Test("every malformed text gets its own located problems, whichever thread reads it")
    func errors() async {
        @Sendable func problems(_ text: String) -> [String] {
            do {
                _ = try ICalendarDecoder().decode(text, source: "bad.ics")
                return []
            } catch {
                return error.problems.map(\.description)
            }
        }
        let inputs = Array(repeating: Fixtures.malformed, count: 40).joined().map { $0 }
        let serial = inputs.map(problems)
        #expect(serial.allSatisfy { !$0.isEmpty })
        #expect(await onEveryCore(inputs.count) { problems(inputs[$0]) } == serial)
    }
}
