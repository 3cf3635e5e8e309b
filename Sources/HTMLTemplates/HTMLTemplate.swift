import Mustache

/// Every HTML page of the package, rendered from Mustache templates that escape what they are given.
///
/// Pages are built here and nowhere else: a renderer hands in the values a page shows (strings, numbers, flags,
/// arrays and dictionaries of them) and the template decides where they go. `{{name}}` escapes `& < > " '`;
/// only `{{{name}}}` does not, and the templates use it for two things only, the page's own CSS (`style`) and the
/// SVG of a QR code (`svg`), which `HTMLTemplateTests` holds them to.
///
/// Why Mustache (swift-mustache) rather than Plot: Plot 0.14 writes attribute values as they are given (a `"` in a
/// business name would close the attribute) and passes entity-like text (`&amp;`) through unescaped, so safety
/// would still depend on the caller. Mustache escapes every interpolation alike, raw is a visible `{{{…}}}` in a
/// template, and the templates are Swift string literals compiled into this module: nothing to load at run time.
///
/// ```
/// HTMLTemplate.render(.ganttPage, ["title": "令和8年度 計画", …])
/// ```
public enum HTMLTemplate {
    /// The pages and the parts of pages they share, by the name a template includes them with (`{{> card}}`).
    public enum Name: String, CaseIterable, Sendable {
        case page, card, table, chart, paragraphs
        case plainTable = "plain-table"
        case chartHorizontal = "chart-horizontal"
        case chartVertical = "chart-vertical"
        case ganttTable = "gantt-table"
        case ganttPage = "gantt-page"
        case businessYearPage = "business-year-page"
        case reviewPage = "review-page"
        case planPage = "plan-page"
        case notice
        case noticePage = "notice-page"
        case noticesPage = "notices-page"
        case qr
        case subscriptionSteps = "subscription-steps"
        case lettersPage = "letters-page"
        case letter
        case membersNote = "members-note"
        case subscribe
        case howTo = "how-to"
        case subscriptionIndex = "subscription-index"
        case subscriptionCouncil = "subscription-council"
        case subscriptionUnlisted = "subscription-unlisted"
        case subscriptionBusiness = "subscription-business"
        case answers
        case answerItem = "answer-item"
        case answerForm = "answer-form"
        case refusalPage = "refusal-page"
        case consolePage = "console-page"
        case tally
        case checkInPage = "check-in-page"
        case policyMeta = "policy-meta"
    }

    /// `name` filled in from `context`; what a template names and the context lacks is left empty.
    public static func render(_ name: Name, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name.rawValue) ?? ""
    }

    /// The template text of each name, for the tests that check what the templates leave unescaped.
    public static var sources: [Name: String] {
        documentTemplates.merging(pageTemplates) { first, _ in first }.merging(serverTemplates) { first, _ in first }
    }

    private static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, source) in sources {
            // The templates are constants of this module, each rendered by the tests: a mistake in one is a bug
            // found before release, not an input to report.
            do { try library.register(source, named: name.rawValue) } catch {
                fatalError("template \(name.rawValue): \(error)")
            }
        }
        return library
    }()
}

extension HTMLTemplate {
    /// A value for `{{#name}}…{{/name}}`: nil becomes `false`, so that the section is skipped. (A name missing from
    /// the context would be looked up in the enclosing ones instead, where it may mean something else.)
    public static func section(_ value: Any?) -> Any {
        value ?? false
    }
}
