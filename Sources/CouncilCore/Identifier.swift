/// The id of a business, a series or another subject: the text written in plan files and used in
/// URLs and UIDs, typed by what it names so that a series id cannot be passed for a business id.
public struct Identifier<Subject>: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}

/// A kind written in plan files either by its Japanese label (the raw value) or its English identifier.
public protocol LabelledKind: CaseIterable, RawRepresentable where RawValue == String {
    var identifier: String { get }
}

extension LabelledKind {
    /// Reads the Japanese label (指定特定) or the identifier (designated).
    public init?(label: String) {
        guard let kind = Self.allCases.first(where: { $0.rawValue == label || $0.identifier == label }) else {
            return nil
        }
        self = kind
    }
}
