import CouncilCore
import HTMLTemplates

/// The Japanese pages that tell a business how to subscribe.
enum SubscriptionPages {
    static func index(councils: [Council]) -> String {
        page(
            .subscriptionIndex, title: "自立支援協議会 カレンダー配信",
            [
                "councils": councils.map { ["id": $0.id, "name": $0.name] }
            ])
    }

    static func council(_ council: Council, base: String) -> String {
        let links = SubscriptionLinks(base: base, path: "\(council.id)/council.ics")
        return page(
            .subscriptionCouncil, title: "\(council.name) カレンダー配信",
            [
                "name": council.name,
                "subscribe": links.subscribe(qrLabel: "\(council.name)のカレンダーのQRコード(webcal)"),
                "contact": HTMLTemplate.section(council.secretariat?.contactLine),
            ])
    }

    /// The index of the folder of business feeds and pages: it lists nothing, and says where each business's URL is.
    static func unlisted(_ council: Council) -> String {
        page(
            .subscriptionUnlisted, title: "\(council.name) 事業所ごとのカレンダー",
            [
                "name": council.name,
                "contact": HTMLTemplate.section(council.secretariat?.contactLine),
            ])
    }

    /// A business's own page, behind its token: its feed's links and QR code, how to subscribe, and a link to its
    /// year (`yearPage`, relative to this page) when the records could be read.
    /// `answers` is the section where it answers (served by `council serve` only: a static site takes no answers).
    static func business(
        _ council: Council, _ business: Business, links: SubscriptionLinks, yearPage: String?,
        answers: [String: Any]? = nil
    ) -> String {
        page(
            .subscriptionBusiness, title: "\(business.name) カレンダー配信(\(council.name))",
            [
                "name": business.name,
                "council": council.name,
                "year": HTMLTemplate.section(yearPage),
                "answers": HTMLTemplate.section(answers),
                "subscribe": links.subscribe(qrLabel: "\(business.name)の専用URLのQRコード(webcal)"),
                "contact": HTMLTemplate.section(council.secretariat?.contactLine),
                "field": AnswerPages.Field.names,
            ])
    }

    /// `template` as a page with the pages' shared look, and how to subscribe pointing at the URL above.
    private static func page(_ template: HTMLTemplate.Name, title: String, _ context: [String: Any]) -> String {
        HTMLTemplate.render(
            template,
            context.merging([
                "title": title,
                "steps": SubscriptionHelp.steps(https: "上のURL", webcal: "上のURL(https:// を webcal:// にしたもの)"),
                "style": """
                body { margin: 2rem auto; max-width: 760px; padding: 0 1rem; line-height: 1.7; }
                code { background: #f3f3f3; padding: 0.2rem 0.4rem; word-break: break-all; }
                dt { font-weight: bold; margin-top: 0.6rem; }
                .qr svg { width: 180px; height: 180px; }
                p.year a { font-weight: bold; }
                \(AnswerPages.itemStyle)
                @page { size: A4 portrait; margin: 16mm; }
                """,
            ]) { $1 })
    }
}
