import CouncilCore
import Foundation

/// The day a command works on: its flag when given, else `COUNCIL_TODAY=YYYY-MM-DD`, else today in Japan.
/// Every result that depends on today can so be reproduced for any day.
public enum Today {
    public static let variable = "COUNCIL_TODAY"

    public struct Invalid: Error, CustomStringConvertible {
        public var source: String
        public var text: String
        public var description: String { "\(source): 「\(text)」は日付ではありません / not a date (expected: YYYY-MM-DD)" }
    }

    public static func resolve(
        _ flag: String? = nil, flagName: String = "--today",
        environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()
    ) throws(Invalid) -> CalendarDate {
        if let flag {
            guard let date = isoDate(flag) else { throw Invalid(source: flagName, text: flag) }
            return date
        }
        if let text = environment[variable], !text.isEmpty {
            guard let date = isoDate(text) else { throw Invalid(source: variable, text: text) }
            return date
        }
        return inJapan(now)
    }

    /// The date in Japan (`UTCOffset.japan`) at `now`.
    public static func inJapan(_ now: Date) -> CalendarDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + UTCOffset.japan.seconds
        return CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
