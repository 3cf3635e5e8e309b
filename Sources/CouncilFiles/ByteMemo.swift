import CouncilCore
import Foundation

/// What short byte strings (the cells of a CSV row) stand for, each worked out once and then found by the
/// bytes themselves, with no String made: the council's record repeats a handful of dates, series, businesses
/// and answers over thousands of lines. Open addressing on FNV-1a over one array of the keys' bytes, compared
/// in full with memcmp; nothing is retained or copied to look a cell up.
struct ByteMemo<Value> {
    /// Every key's bytes, one after the other; key `k` is `keyBytes[keyStarts[k] ..< keyStarts[k + 1]]`.
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = [0]
    private var values: [Value] = []
    /// The key in each slot, or -1.
    private var slots = [Int](repeating: -1, count: 64)

    /// The value of `bytes`, from `compute` the first time they are seen.
    mutating func value(_ bytes: UnsafeRawBufferPointer, _ compute: () -> Value) -> Value {
        let mask = slots.count - 1
        var slot = Self.hash(bytes) & mask
        while slots[slot] >= 0 {
            if matches(slots[slot], bytes) { return values[slots[slot]] }
            slot = (slot + 1) & mask
        }
        let value = compute()
        slots[slot] = values.count
        values.append(value)
        keyBytes.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
        keyStarts.append(keyBytes.count)
        if values.count * 2 > slots.count { grow() }
        return value
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hash = FNV1a()
        hash.mix(bytes)
        return Int(truncatingIfNeeded: hash.value)
    }

    private func matches(_ key: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = keyStarts[key]
        let count = keyStarts[key + 1] - start
        guard count == bytes.count else { return false }
        guard count > 0 else { return true }
        return keyBytes.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, count) == 0 }
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for key in values.indices {
            var slot =
                keyBytes.withUnsafeBytes {
                    Self.hash(UnsafeRawBufferPointer(rebasing: $0[keyStarts[key]..<keyStarts[key + 1]]))
                } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = key
        }
    }
}
