internal import CLibical

/// An RRULE (RFC 5545 §3.3.10), checked by libical and kept in libical's canonical spelling.
///
/// Canonical spelling means `FREQ=MONTHLY;BYDAY=2TU` and `BYDAY=2TU;FREQ=MONTHLY` are the same value,
/// and a rule survives an encode → decode round trip unchanged.
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    /// The rule as libical writes it, e.g. `FREQ=MONTHLY;BYDAY=2TU`.
    public let text: String

    public init(_ text: String) throws(ICalendarError) {
        self.text = try Libical.onThisThread { () throws(ICalendarError) -> String in
            try RecurrenceRule.canonicalText(of: text)
        }
    }

    init(canonical text: String) {
        self.text = text
    }

    /// Parses and re-serialises `text`; call only inside `Libical.onThisThread`.
    static func canonicalText(of text: String) throws(ICalendarError) -> String {
        let trimmed = text.hasPrefix("RRULE:") ? String(text.dropFirst(6)) : text
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isNewline || $0 == ":" }) else {
            throw .invalidRecurrenceRule(
                rule: text, reason: "expected NAME=VALUE parts joined by ';', starting with FREQ")
        }
        icalerror_clear_errno()
        var rule = icalrecurrencetype_from_string(trimmed)
        // libical returns a rule even for BYSETPOS=0, INTERVAL=0 or COUNT=-1, but flags them in errno.
        if rule.freq == ICAL_NO_RECURRENCE || council_icalerrno() != ICAL_NO_ERROR {
            throw .invalidRecurrenceRule(rule: text, reason: "libical: \(currentLibicalError())")
        }
        guard let canonical = takeString(icalrecurrencetype_as_string_r(&rule)) else {
            throw .libical(operation: "writing a recurrence rule", code: currentLibicalError())
        }
        return canonical
    }

    public var description: String { text }
}
