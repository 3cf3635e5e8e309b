/// An error from building or expanding iCalendar values.
public enum ICalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A value cannot be written as the property requires.
    case invalidValue(property: String, value: String, expected: String)
    /// A recurrence rule libical does not accept.
    case invalidRecurrenceRule(rule: String, reason: String)
    /// Expansion stopped at a bound instead of running away (e.g. an RRULE with no end from long ago).
    case tooManyInstances(rule: String, limit: Int)
    /// libical reported a failure while doing `operation`.
    case libical(operation: String, code: String)
    /// What was written does not read back as the values it was written from: the net under every writer.
    case notReadBack(ICalendarProblem)

    public var description: String {
        switch self {
        case .invalidValue(let property, let value, let expected):
            return "\(property): 値「\(value)」は使えません / invalid value \"\(value)\"; expected \(expected)"
        case .invalidRecurrenceRule(let rule, let reason):
            return "RRULE「\(rule)」を解釈できません / invalid recurrence rule: \(reason)"
        case .tooManyInstances(let rule, let limit):
            return "RRULE「\(rule)」の展開が上限 \(limit) 件を超えました / expansion exceeded \(limit) instances"
        case .libical(let operation, let code):
            return "libical failed while \(operation): \(code)"
        case .notReadBack(let problem):
            return problem.description
        }
    }
}

/// One located problem in iCalendar text: `source:line:column`, a stable id, what was found and what was expected.
public struct ICalendarProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable identifiers, for documentation and for tests.
    public enum ID: String, Hashable, Sendable {
        case notUTF8 = "ical-not-utf8"
        case controlCharacter = "ical-control-character"
        case noCalendar = "ical-no-calendar"
        case unterminatedComponent = "ical-unterminated-component"
        case unbalancedEnd = "ical-unbalanced-end"
        case trailingContent = "ical-trailing-content"
        case malformedLine = "ical-malformed-line"
        case badProperty = "ical-bad-property"
        case badValue = "ical-bad-value"
        case badDate = "ical-bad-date"
        case badRecurrenceRule = "ical-bad-rrule"
        case missingProperty = "ical-missing-property"
        case lineTooLong = "ical-line-too-long"
        case bareLineBreak = "ical-bare-line-break"
        case emptyContinuation = "ical-empty-continuation"
        case notReadBack = "ical-not-read-back"
    }

    public var id: ID
    public var source: String
    public var line: Int
    public var column: Int
    public var message: String
    public var expected: String

    public init(id: ID, source: String, line: Int, column: Int, message: String, expected: String) {
        self.id = id
        self.source = source
        self.line = line
        self.column = column
        self.message = message
        self.expected = expected
    }

    /// `feed.ics:12:9: error[ical-bad-date]: DTSTART 2026-02-30 is not a date (expected: YYYYMMDD …)`.
    public var description: String {
        "\(source):\(line):\(column): error[\(id.rawValue)]: \(message) (expected: \(expected))"
    }
}

/// Every problem found in a text that is not valid iCalendar, in the order of the text.
public struct ICalendarDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [ICalendarProblem]

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
