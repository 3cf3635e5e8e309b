import CouncilCore
import ICalendar

extension VTimeZone {
    /// Japan Standard Time, as calendar clients expect it: `TZID:Asia/Tokyo` with one STANDARD block.
    ///
    /// Japan has kept +09:00 all year since daylight saving time ended in September 1951, so one
    /// observance starting 1970-01-01 describes every date a council plans. libical's builtin zone would
    /// instead carry a `/freeassociation.sourceforge.net/` prefix, the 1888 local mean time and the
    /// 1948–51 DST blocks, none of which a subscriber needs.
    public static let asiaTokyo = VTimeZone.fixed(id: "Asia/Tokyo", offset: .japan, name: "JST")
}
