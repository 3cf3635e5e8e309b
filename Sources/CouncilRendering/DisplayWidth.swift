/// How many terminal columns text takes, by East Asian Width (UAX #11), one grapheme at a time.
///
/// Full-width characters (漢字, かな, 全角英数) take two columns, half-width katakana one, combining marks
/// none. Ambiguous characters (■ ○ ① ─ …) take one column in most Western terminals and two in
/// CJK-configured ones, so the caller says which: `ambiguousIsWide`.
public struct DisplayWidth: Hashable, Sendable {
    public var ambiguousIsWide: Bool

    public init(ambiguousIsWide: Bool = false) {
        self.ambiguousIsWide = ambiguousIsWide
    }

    public func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// A grapheme is as wide as its first visible scalar; an emoji presentation selector makes it wide.
    public func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }
            if width == 0 { width = of(scalar) }
        }
        return width
    }

    public func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x7F { return 1 }
        if contains(zeroWidthRanges, v) { return 0 }
        if contains(wideRanges, v) { return 2 }
        if contains(ambiguousRanges, v) { return ambiguousIsWide ? 2 : 1 }
        return 1
    }

    /// Cuts `text` to at most `width` columns, ending in `ellipsis` when anything was cut.
    public func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard of(text) > width else { return text }
        let room = width - of(ellipsis)
        guard room >= 0 else { return "" }
        var kept = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > room { break }
            kept.append(character)
            used += w
        }
        return kept + ellipsis
    }

    /// Characters a line should not start with (行頭禁則): closing brackets and punctuation.
    static let noLineStart: Set<Character> = Set("、。，．,.)）」』】〕〉》！？!?:;：；ー・ぁぃぅぇぉっゃゅょァィゥェォッャュョ")

    /// Characters a line should not end with (行末禁則): opening brackets.
    static let noLineEnd: Set<Character> = Set("(（「『【〔〈《[")

    /// Splits `text` into lines of at most `width` columns, by grapheme, never starting a line with closing
    /// punctuation nor ending one with an opening bracket when a character can go down to avoid it; at least
    /// one line, never a cut.
    public func wrap(_ text: String, to width: Int) -> [String] {
        var lines: [[Character]] = [[]]
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width, !lines[lines.count - 1].isEmpty {
                var carried: [Character] = []
                // The character before goes down too, so the next line does not start with punctuation, and
                // an opening bracket goes down with what it opens.
                if let last = lines[lines.count - 1].last, lines[lines.count - 1].count > 1, of(last) + w <= width,
                    Self.noLineStart.contains(character) || Self.noLineEnd.contains(last)
                {
                    carried.append(lines[lines.count - 1].removeLast())
                }
                lines.append(carried)
                used = of(String(carried))
            }
            lines[lines.count - 1].append(character)
            used += w
        }
        return lines.map { String($0) }
    }

    /// Pads `text` with spaces to exactly `width` columns (never cuts).
    public func padded(_ text: String, to width: Int, alignment: Alignment = .leading) -> String {
        let gap = max(0, width - of(text))
        switch alignment {
        case .leading: return text + String(repeating: " ", count: gap)
        case .trailing: return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
        }
    }

    public enum Alignment: Sendable {
        case leading, trailing, center
    }

    private func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if value < ranges[mid].lowerBound {
                high = mid - 1
            } else if value > ranges[mid].upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
