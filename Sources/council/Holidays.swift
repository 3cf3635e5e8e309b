import ArgumentParser
import CouncilCore

/// `council holidays 2026 2027`: the public holidays of calendar years, `YYYY-MM-DD<TAB>name` a line.
struct Holidays: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "祝日を表示します / Print Japanese public holidays (振替休日 and 国民の休日 included)."
    )

    @Argument(help: "Calendar years, 1948–2150.")
    var years: [Int]

    @Option(
        help: "Mark equinox days not yet official on this day (YYYY-MM-DD) as 暫定. Default: COUNCIL_TODAY, else today.")
    var today: String?

    func validate() throws {
        guard !years.isEmpty else { throw ValidationError("give at least one year, e.g. council holidays 2026") }
        if let bad = years.first(where: { !JapaneseHolidays.supportedYears.contains($0) }) {
            throw ValidationError(
                "\(bad): 1948年から2150年まで / years 1948–2150 only (the holiday law took effect on 1948-07-20)")
        }
    }

    /// `YYYY-MM-DD<TAB>name`, and `<TAB>暫定` for a day the 暦要項 has not fixed yet.
    func run() throws {
        let day = try resolveToday(today)
        for year in years {
            for holiday in JapaneseHolidays.holidays(in: year) {
                print(
                    holiday.isProvisional(asOf: day)
                        ? "\(holiday)\t暫定 / provisional (暦要項は前年2月に公表)" : holiday.description)
            }
        }
    }
}
