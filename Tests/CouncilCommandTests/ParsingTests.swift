import ArgumentParser
import Testing

@testable import council

/// The command line parsed in-process, as swift-argument-parser's own tests do: each command gets what was
/// typed, and a mistake is refused before anything runs, with a message that names it.
@Suite("council's command line, parsed in-process")
struct ParsingTests {
    func parse<Command: ParsableCommand>(_ arguments: [String], as type: Command.Type) throws -> Command {
        let parsed = try CouncilCommand.parseAsRoot(arguments)
        return try #require(parsed as? Command, "\(arguments) parses as \(Command.self), not \(Swift.type(of: parsed))")
    }

    /// The message swift-argument-parser would print for `arguments`, which must not parse.
    func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try CouncilCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return CouncilCommand.message(for: error)
        }
    }

    @Test("subcommands and their options")
    func subcommands() throws {
        let schedule = try parse(
            ["schedule", "plans/aoba", "--year", "2026", "--format", "tsv", "--series", "renrakukai"], as: Schedule.self
        )
        #expect(schedule.options.path == "plans/aoba" && schedule.format == .tsv && schedule.series == "renrakukai")
        let letters = try parse(
            [
                "feed-url", "plans/aoba", "hirose", "--format", "html", "--base", "https://calendar.example.jp",
                "--today", "2026-12-01",
            ], as: FeedURL.self)
        #expect(
            letters.format == .html && letters.business == "hirose" && letters.base == "https://calendar.example.jp"
                && letters.today == "2026-12-01")
        let serve = try parse(
            [
                "serve", "--plans", "p", "--port", "8091", "--idle-timeout", "10", "--max-connections-per-client", "4",
                "--public-url", "https://calendar.example.jp",
            ], as: Serve.self)
        #expect(serve.port == 8091 && serve.idleTimeout == 10 && serve.maxConnectionsPerClient == 4)
        let rotate = try parse(["rotate", "plans/miyagino", "--dry-run"], as: Rotate.self)
        #expect(rotate.dryRun && rotate.options.path == "plans/miyagino")
    }

    @Test("defaults a secretariat relies on")
    func defaults() throws {
        let urls = try parse(["feed-url", "plans/aoba"], as: FeedURL.self)
        #expect(urls.format == .tsv && urls.base == "http://127.0.0.1:8080" && urls.business == nil)
        let serve = try parse(["serve", "--public-url", "https://calendar.example.jp"], as: Serve.self)
        #expect(
            serve.plans == "plans" && serve.calendars == "calendars" && serve.host == "127.0.0.1" && serve.port == 8080
                && serve.idleTimeout == 20 && serve.maxConnectionsPerClient == 32)
    }

    @Test("mistakes are refused before anything runs, naming what was wrong")
    func refusals() {
        #expect(refusal(["feed-url", "plans/aoba", "--format", "pdf"])?.contains("pdf") == true)
        #expect(refusal(["schedule"])?.contains("path") == true, "a council folder is needed")
        #expect(refusal(["schedule", "plans/aoba", "--format", "xml"])?.contains("xml") == true)
        #expect(refusal(["no-such-command"]) != nil)
        #expect(
            refusal(["serve", "--port", "eighty", "--public-url", "https://calendar.example.jp"])?.contains("eighty")
                == true)
        #expect(
            refusal(["serve", "--idle-timeout", "31", "--public-url", "https://calendar.example.jp"])?.contains(
                "--idle-timeout") == true, "nginx's 60 s is too long: at most 30")
        #expect(
            refusal(["serve", "--max-connections-per-client", "0", "--public-url", "https://calendar.example.jp"])?
                .contains("at least 1") == true)
        // Without it the pages' links would start at whatever Host header a client sends.
        #expect(
            refusal(["serve", "--plans", "plans"])?.contains("--public-url") == true,
            "serve needs its public address, as publish does")
    }
}
