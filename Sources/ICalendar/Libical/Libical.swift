internal import CLibical

/// The one way into libical from this module, and the rules that make it safe from several threads.
///
/// libical built with pthreads (as Debian's is: it links pthread_key_create) keeps its error number and its ring of
/// temporary buffers per thread, and guards its cache of builtin time zones with a mutex (libical
/// issues #468, #662). So calls may run on several threads at once provided that: a body runs
/// synchronously on the thread that called it, reading libical's error number and borrowed strings
/// before it returns; no component, property or value crosses between bodies; and libical's global
/// settings (`icalerror_set_errors_are_fatal`, memory functions, zoneinfo path) are never changed.
/// Every call into libical in this module is made inside `Libical.onThisThread`.
enum Libical {
    static func onThisThread<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try body()
    }
}

// MARK: - Strings

/// Takes ownership of a libical `_r` buffer: copies it into a Swift string and frees it.
func takeString(_ buffer: UnsafeMutablePointer<CChar>?) -> String? {
    guard let buffer else { return nil }
    defer { icalmemory_free_buffer(buffer) }
    return String(cString: buffer)
}

/// Copies a borrowed C string (owned by libical, possibly from its recycled ring) right away.
func copyString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

// MARK: - Time values

extension DateTimeValue {
    /// The libical time for this value. A zoned time is written as its wall-clock fields; the TZID
    /// parameter is added by the caller, because `icalproperty_new_dtstart` and friends ignore the zone.
    var icalTime: icaltimetype {
        var t = icaltime_null_time()
        t.year = Int32(date.year)
        t.month = Int32(date.month)
        t.day = Int32(date.day)
        switch self {
        case .date:
            t.is_date = 1
        case .dateTime(_, let time, let basis):
            t.hour = Int32(time.hour)
            t.minute = Int32(time.minute)
            t.second = Int32(time.second)
            if case .utc = basis { t.zone = icaltimezone_get_utc_timezone() }
        }
        return t
    }

    /// Reads a libical time, tagging a local time with `tzid` when the property carried one.
    init(icalTime t: icaltimetype, tzid: String?) {
        let date = CalendarDate(year: Int(t.year), month: Int(t.month), day: Int(t.day))
        if t.is_date != 0 {
            self = .date(date)
            return
        }
        let time = ClockTime(hour: Int(t.hour), minute: Int(t.minute), second: Int(t.second))
        if icaltime_is_utc(t) != 0 {
            self = .dateTime(date, time, .utc)
        } else if let tzid {
            self = .dateTime(date, time, .zone(tzid))
        } else {
            self = .dateTime(date, time, .floating)
        }
    }

    var tzid: String? {
        if case .dateTime(_, _, .zone(let id)) = self { return id }
        return nil
    }

    /// Why the value cannot be written, or nil when it is fine.
    var invalidity: String? {
        if !date.isValid { return "\(date) is not a day of the Gregorian calendar" }
        if let time, !time.isValid { return "\(time) is not a time of day" }
        if case .dateTime(_, _, .zone(let id)) = self, id.isEmpty { return "the zone id is empty" }
        return nil
    }
}

extension DurationValue {
    var icalDuration: icaldurationtype {
        var d = icaldurationtype_null_duration()
        d.is_neg = isNegative ? 1 : 0
        d.weeks = UInt32(weeks)
        d.days = UInt32(days)
        d.hours = UInt32(hours)
        d.minutes = UInt32(minutes)
        d.seconds = UInt32(seconds)
        return d
    }

    init(icalDuration d: icaldurationtype) {
        self.init(
            isNegative: d.is_neg != 0, weeks: Int(d.weeks), days: Int(d.days),
            hours: Int(d.hours), minutes: Int(d.minutes), seconds: Int(d.seconds)
        )
    }
}

/// The name of libical's current error, for messages.
func currentLibicalError() -> String {
    copyString(icalerror_strerror(council_icalerrno())) ?? "unknown error"
}
