import CouncilCore
import CouncilServer
import Foundation
import QRCode
import Testing

@Suite("Letters to businesses: their own URL, a QR code, how to subscribe")
struct FeedLettersTests {
    let tokens = try! FeedTokens(key: SubscriptionServerTests.key)
    let businesses = [
        Business(id: "kita", name: "きた相談室", kind: .designated),
        Business(id: "odd", name: "<b>&\"株式会社\"</b>", kind: .commissioned),
    ]

    var council: Council {
        Council(
            id: "demo", name: "見本区障害者自立支援協議会", shortName: "見本区",
            secretariat: Secretariat(name: "見本区障害福祉課", contact: "03-0000-0000"), businesses: businesses)
    }

    @Test("one A4 page per business, dated in 和暦, each with only its own URL, as https, webcal and QR code")
    func letters() throws {
        let page = FeedLetters.html(
            council: council, businesses: businesses, tokens: tokens, base: "https://calendar.example.jp/",
            date: CalendarDate(year: 2026, month: 12, day: 1))
        #expect(page.contains("@page { size: A4;"))
        let letters = page.components(separatedBy: "<section class=\"letter\"").dropFirst()
        #expect(letters.count == 2)
        for (letter, business) in zip(letters, businesses) {
            let token = tokens.token(.feed, council: "demo", business: business)
            #expect(
                letter.contains(
                    "<code>https://calendar.example.jp/demo/feeds/\(tokens.token(.page, council: "demo", business: business)).html</code>"
                ), "the page, at its own token")
            let https = "https://calendar.example.jp/demo/feeds/\(token).ics"
            #expect(
                letter.contains("<code>\(https)</code>")
                    && letter.contains("<code>webcal://calendar.example.jp/demo/feeds/\(token).ics</code>"))
            for other in businesses where other.id != business.id {
                #expect(
                    !letter.contains(tokens.token(.feed, council: "demo", business: other))
                        && !letter.contains(tokens.token(.page, council: "demo", business: other)),
                    "a letter holds no other business's URL")
            }
            #expect(
                letter.contains("令和8年12月1日") && letter.contains("御中") && letter.contains("問合せ: 見本区障害福祉課 03-0000-0000"))
            #expect(letter.contains("Googleカレンダー") && letter.contains("Outlook") && letter.contains("iPhone"))
            let code = try QRCode(encoding: "webcal://calendar.example.jp/demo/feeds/\(token).ics")
            #expect(
                letter.contains(
                    "aria-label=\"\(business.name == "きた相談室" ? "きた相談室" : "&lt;b&gt;&amp;&quot;株式会社&quot;&lt;/b&gt;")の専用URLのQRコード(webcal)\">\(code.svg())</div>"
                ), "the QR code of the webcal URL, named")
        }
        #expect(
            page.contains("&lt;b&gt;&amp;&quot;株式会社&quot;&lt;/b&gt; 御中") && !page.contains("<b>&"), "names are escaped")
    }

    @Test("links: webcal for http and https, Google Calendar's cid percent-encoded")
    func links() {
        let links = SubscriptionLinks(base: "http://127.0.0.1:8080", path: "demo/council.ics")
        #expect(links.url == "http://127.0.0.1:8080/demo/council.ics")
        #expect(links.webcal == "webcal://127.0.0.1:8080/demo/council.ics")
        #expect(
            links.googleCalendar
                == "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F127.0.0.1%3A8080%2Fdemo%2Fcouncil.ics"
        )
        #expect(SubscriptionLinks(url: "https://x.jp/a b.ics").qrFigure(label: "x").contains("<svg"))
        #expect(
            SubscriptionLinks(url: "https://x.jp/" + String(repeating: "a", count: 3000)).qrFigure(label: "x").contains(
                "QRコードを作れません"))
    }
}
