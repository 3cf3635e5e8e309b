/// One mistake in a plan file: where it is, a stable id, what is wrong and what was expected.
public struct PlanProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var id: ID
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var expected: String?
    public var severity: Severity

    /// A warning is worth reading but stops nothing; an error stops the command.
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    public init(
        id: ID, file: String, line: Int, column: Int, message: String, expected: String? = nil,
        severity: Severity = .error
    ) {
        self.id = id
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.expected = expected
        self.severity = severity
    }

    /// `plans/aoba/council.yaml:12:5: error[unknown-key]: 「tittle」は使えないキーです (expected: title …)`; a
    /// problem of a command-line argument has line 0 and is named by its option: `--present nishi: error[…]`.
    public var description: String {
        let place = line == 0 ? file : "\(file):\(line):\(column)"
        var text = "\(place): \(severity.rawValue)[\(id.rawValue)]: \(message)"
        if let expected { text += " (expected: \(expected))" }
        return text
    }

    /// Stable identifiers, documented in docs/plan-format.md.
    public enum ID: String, Hashable, Sendable, CaseIterable {
        case missingFile = "missing-file"
        case unreadableFile = "unreadable-file"
        case yamlSyntax = "yaml-syntax"
        case duplicateKey = "duplicate-key"
        case unknownKey = "unknown-key"
        case missingKey = "missing-key"
        case wrongType = "wrong-type"
        case emptyValue = "empty-value"
        case duplicateID = "duplicate-id"
        case badID = "bad-id"
        case idMismatch = "id-mismatch"
        case unknownKind = "unknown-kind"
        case unknownBusiness = "unknown-business"
        case unknownSeries = "unknown-series"
        /// A member council (`members:`) with no folder beside this one, or whose folder does not load.
        case unknownCouncil = "unknown-council"
        case unknownIssue = "unknown-issue"
        case badMonth = "bad-month"
        case badSchedule = "bad-schedule"
        case badTime = "bad-time"
        case badDate = "bad-date"
        case badNumber = "bad-number"
        case badValue = "bad-value"
        case yearMismatch = "year-mismatch"
        case csvSyntax = "csv-syntax"
        case csvColumns = "csv-columns"
        /// A warning: the plan now gives a past meeting differently, and the published one is kept.
        case pastKept = "past-kept"
        /// A warning: a meeting's day depends on an equinox day that the 暦要項 has not fixed yet.
        case provisionalHoliday = "provisional-holiday"
        /// A warning: the holiday policy puts two meetings of a series on one day; both are kept.
        case sameDay = "same-day"
        /// A warning: a meeting of the year is moved outside it (previous-business-day from 4月1日).
        case outsideYear = "outside-year"
        /// A warning: a spare day (予備日) that can never take a meeting.
        case unusableSpareDay = "unusable-spare-day"
        /// Attendance for a meeting whose day has not come.
        case notYetHeld = "not-yet-held"
        /// Attendance of a business the meeting was not announced to (record it with --walk-in as 飛び入り).
        case notInvited = "not-invited"
        /// A business name that fits several businesses of the roster.
        case ambiguousBusiness = "ambiguous-business"
        /// A 区職員 lead names no section of the ward office, so their slots reach no section's feed.
        case leadWithoutSection = "lead-without-section"
        /// council.yaml has no uid_domain: UIDs may collide (an export refuses a council never published).
        case missingUIDDomain = "missing-uid-domain"
    }
}

/// Every problem found while loading, in file order.
public struct PlanProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [PlanProblem]

    public init(_ problems: [PlanProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The problems of one file, as its rows are read; `grouped` makes the same problem on many lines one message.
struct ProblemList {
    let file: String
    private(set) var problems: [PlanProblem] = []

    init(file: String) { self.file = file }

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(_ problem: PlanProblem) {
        problems.append(problem)
    }

    mutating func add(_ id: PlanProblem.ID, line: Int, column: Int, _ message: String, _ expected: String?) {
        problems.append(
            PlanProblem(id: id, file: file, line: line, column: column, message: message, expected: expected))
    }

    /// Problems with the same id and message become one, at the first line, naming how many lines and which.
    var grouped: PlanProblems {
        var order: [String] = []
        var groups: [String: [PlanProblem]] = [:]
        for problem in problems {
            let key = "\(problem.id.rawValue)\u{0}\(problem.message)\u{0}\(problem.expected ?? "")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(problem)
        }
        return PlanProblems(
            order.compactMap { key in
                guard var first = groups[key]?.first, let all = groups[key], all.count > 1 else {
                    return groups[key]?.first
                }
                let lines = all.prefix(5).map { String($0.line) }.joined(separator: ", ") + (all.count > 5 ? " …" : "")
                first.message += "(同じ問題が\(all.count)行: \(lines) / on \(all.count) lines)"
                return first
            })
    }
}
