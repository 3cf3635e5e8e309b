import ArgumentParser
import Foundation

/// The `council` command: plans in, schedules, grids and calendar feeds out.
@main
struct CouncilCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "council",
        abstract: "区障害者自立支援協議会の年間計画を、日程・ガントチャート・カレンダー配信にします。",
        discussion:
            "Plans for a ward disability-support council (区障害者自立支援協議会) become dated meetings, the 4月…3月 plan grid, and iCalendar feeds for every business (事業所).",
        version: "council 0.1.0",
        subcommands: [
            Lint.self, Schedule.self, Rotate.self, Attend.self, Review.self, Export.self, Serve.self, Publish.self,
            FeedURL.self, Gantt.self, PlanCommand.self, Notice.self, Answers.self, Holidays.self, Year.self,
        ]
    )

    /// Exit status, the same for every command: 0 done; 1 problems found (each already printed to standard
    /// error, at its `file:line:column` where it has one); 2 the command line is wrong (what and why on
    /// standard error, with the usage). Help and version go to standard output with 0.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
