import Foundation
import ICalendar
import PropertyBased
import Testing

/// A fixed offset's clock, against Foundation's calendar at the same offset (code no one here wrote).
@Suite("UTC offsets")
struct UTCOffsetTests {
    @Test("the local date and time of any UTC moment, at any whole-quarter-hour offset, is Foundation's")
    func localClock() async {
        let moments = Gen.int(in: -2_000_000_000...4_000_000_000)
        let offsets = Gen.int(in: -48...56).map { $0 * 15 * 60 }
        await propertyCheck(count: 500, input: moments, offsets) { seconds, offset in
            let utc = Date(timeIntervalSince1970: TimeInterval(seconds))
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = TimeZone(secondsFromGMT: 0)!
            let u = gregorian.dateComponents([.year, .month, .day, .hour, .minute, .second], from: utc)
            gregorian.timeZone = TimeZone(secondsFromGMT: offset)!
            let l = gregorian.dateComponents([.year, .month, .day, .hour, .minute, .second], from: utc)
            let local = UTCOffset(seconds: offset).local(
                CalendarDate(year: u.year!, month: u.month!, day: u.day!),
                ClockTime(hour: u.hour!, minute: u.minute!, second: u.second!))
            #expect(
                local.date == CalendarDate(year: l.year!, month: l.month!, day: l.day!)
                    && local.time == ClockTime(hour: l.hour!, minute: l.minute!, second: l.second!),
                "\(seconds) at \(offset)")
        }
    }

    @Test("written as ISO 8601 offsets")
    func description() {
        #expect(UTCOffset(hours: 9).description == "+09:00")
        #expect(UTCOffset(hours: -3, minutes: 30).description == "-03:30")
        #expect(UTCOffset(seconds: 0).description == "+00:00")
        #expect(UTCOffset(hours: 5, minutes: 45).description == "+05:45")
    }
}
