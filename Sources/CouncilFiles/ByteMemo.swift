import CouncilCore

/// What short byte strings (the cells of a CSV row) stand for, each worked out once and then found by the
/// bytes themselves, with no String made: the council's record repeats a handful of dates, series, businesses
/// and answers over thousands of lines. Open addressing on FNV-1a; the bytes are compared in full.
struct ByteMemo<Value> {
    private var slots: [(key: [UInt8], value: Value)?] = Array(repeating: nil, count: 64)
    private var used = 0

    /// The value of `bytes`, from `compute` the first time they are seen.
    mutating func value(_ bytes: UnsafeRawBufferPointer, _ compute: () -> Value) -> Value {
        var hash = FNV1a()
        hash.mix(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash.value) & mask
        while let entry = slots[slot] {
            if entry.key.elementsEqual(bytes) { return entry.value }
            slot = (slot + 1) & mask
        }
        let value = compute()
        slots[slot] = (Array(bytes), value)
        used += 1
        if used * 2 > slots.count { grow() }
        return value
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        let mask = slots.count - 1
        for case let entry? in old {
            var hash = FNV1a()
            hash.mix(entry.key)
            var slot = Int(truncatingIfNeeded: hash.value) & mask
            while slots[slot] != nil { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
