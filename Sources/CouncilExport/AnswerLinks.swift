import CouncilCore
import ICalendar

/// The way from a business's calendar to its own page: each event of its feed that it answers there carries the
/// page, as its URL and as the last line of its DESCRIPTION, so a business never hunts for where to answer.
///
/// Only feeds reached by the business's token carry it (`council serve`, `council publish`); the feeds kept in
/// `calendars/` name no token. The link is the same on every day (it does not come and go with the deadline), so a
/// past event's bytes as served stay as they were.
public struct AnswerLinks: Sendable {
    /// The page's URL.
    public var page: String
    /// What the DESCRIPTION's line says before the URL, e.g. 「出欠の回答」.
    public var label: String
    /// The UIDs, in the feed, of what the business answers on the page.
    public var answerable: Set<String>

    public init(page: String, label: String, answerable: Set<String>) {
        self.page = page
        self.label = label
        self.answerable = answerable
    }

    /// For each business, the UIDs of what it is asked to in each council's `years` (its own and the councils above
    /// it), over `fiscalYears`: each year's meetings and slots gathered once for all its businesses.
    public static func answerable(councils: [CouncilYears], fiscalYears: [FiscalYear]) -> [BusinessID: Set<String>] {
        var answerable: [BusinessID: Set<String>] = [:]
        for years in councils {
            let feeds = CouncilFeeds(council: years.council, meetings: [])
            for fiscal in fiscalYears {
                for item in years.year(fiscal).allReplyItems {
                    for business in item.invited {
                        answerable[business, default: []].formUnion(feeds.uids(answering: item, by: business))
                    }
                }
            }
        }
        return answerable
    }

    /// The feed with the link on every event the business answers on its page, unless it is cancelled.
    ///
    /// The URL property is the page: an online meeting's own link stays in its LOCATION and its notice.
    public func linked(_ calendar: VCalendar) -> VCalendar {
        var linked = calendar
        for index in linked.events.indices {
            let event = linked.events[index]
            guard event.status != .cancelled, answerable.contains(event.uid) else { continue }
            linked.events[index].url = page
            let line = "\(label): \(page)"
            linked.events[index].description = event.description.map { "\($0)\n\n\(line)" } ?? line
        }
        return linked
    }
}
