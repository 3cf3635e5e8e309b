import ArgumentParser

/// The `council` command: plans in, schedules, grids and calendar feeds out.
@main
struct CouncilCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "council",
        abstract: "区障害者自立支援協議会の年間計画を、日程・ガントチャート・カレンダー配信にします。",
        discussion: "Plans for a ward disability-support council (区障害者自立支援協議会) become dated meetings, the 4月…3月 plan grid, and iCalendar feeds for every business (事業所).",
        version: "council 0.1.0",
        subcommands: [Lint.self, Schedule.self, Rotate.self, Attend.self, Review.self, Export.self, Serve.self, Publish.self, FeedURL.self, Gantt.self, Holidays.self, Year.self]
    )
}
