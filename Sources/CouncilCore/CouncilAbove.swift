/// The meetings of a council above councils (仙台市) as one of its member wards sees them.
///
/// Each of the city's series becomes `<city>:<series>` in the ward's year, titled 【仙台市】…, its meetings
/// announced to the ward's businesses only, with the city's attendance lines and answers for those businesses. Joined to
/// the ward's own year it is one year for the ward's schedule, grid and review; on its own it is the city's
/// part, counted apart.
extension CouncilYear {
    /// The city's id and series' id as the ward's year names the series.
    public static func joinedID(_ council: String, _ series: SeriesID) -> SeriesID {
        SeriesID("\(council):\(series.rawValue)")
    }

    /// Whether a series of the year is a council above's (`<city>:<series>`).
    public static func isFromAbove(_ series: SeriesID) -> Bool {
        series.rawValue.contains(":")
    }

    /// This year (of a council above) as `ward` sees it: only the meetings announced to one of its businesses;
    /// with `hosted`, only the series the ward co-hosts (true: its own joint meetings, 【共催】) or only the others.
    public func seen(by ward: Council, hosted: Bool? = nil) -> CouncilYear {
        let own = Set(ward.businesses.map(\.id))
        let chosen = council.series.filter { hosted == nil || $0.hosts.contains(ward.id) == hosted }
        let ids = Set(chosen.map(\.id))
        let label = Dictionary(
            uniqueKeysWithValues: chosen.map { ($0.id, $0.hosts.contains(ward.id) ? "【共催】" : "【\(council.shortName)】") }
        )
        var copy = self
        var seenBy = ward
        seenBy.series = chosen.map { series in
            var renamed = series
            renamed.id = Self.joinedID(council.id, series.id)
            renamed.title = "\(label[series.id] ?? "")\(series.title)"
            return renamed
        }
        seenBy.shortNamesAbove = [council.id: council.shortName]
        seenBy.rotations = []
        seenBy.rotationRecords = []
        seenBy.plans = []
        let entries = attendance.sorted.filter { own.contains($0.business) && ids.contains($0.series) }.map { entry in
            var renamed = entry
            renamed.series = Self.joinedID(council.id, entry.series)
            return renamed
        }
        seenBy.attendance = [year: AttendanceBook(entries)]
        seenBy.replies = [
            year: ReplyBook(
                replies.history.compactMap { reply in
                    guard own.contains(reply.business), case .meeting(let series) = reply.subject, ids.contains(series)
                    else { return nil }
                    var renamed = reply
                    renamed.subject = .meeting(Self.joinedID(council.id, series))
                    return renamed
                })
        ]
        copy.council = seenBy
        copy.meetings = meetings.compactMap { meeting in
            guard let mark = label[meeting.series] else { return nil }
            var renamed = meeting
            renamed.occurrence.series = Self.joinedID(council.id, meeting.series)
            renamed.announcement.title = "\(mark)\(meeting.announcement.title)"
            renamed.announcement.invited = meeting.announcement.invited.filter(own.contains)
            return renamed.announcement.invited.isEmpty ? nil : renamed
        }
        return copy
    }

    /// This ward's year with `above` (a council above it, as `seen(by:)` gives it) joined: its series, meetings,
    /// attendance and answers beside the ward's own.
    public func joining(_ above: CouncilYear) -> CouncilYear {
        var copy = self
        copy.council.series += above.council.series
        copy.council.shortNamesAbove.merge(above.council.shortNamesAbove) { own, _ in own }
        var book = attendance
        book.add(above.attendance.sorted)
        copy.council.attendance[year] = book
        copy.council.replies[year] = ReplyBook(replies.history + above.replies.history)
        copy.meetings = (meetings + above.meetings).sorted()
        return copy
    }

    /// This ward's year with each of its councils above joined, as the ward sees them (`hosted` as `seen(by:)`).
    public func joining(above cities: [CouncilYear], hosted: Bool? = nil) -> CouncilYear {
        let ward = council
        return cities.reduce(self) { $0.joining($1.seen(by: ward, hosted: hosted)) }
    }
}
