import HTMLTemplates
import Testing

@Suite("HTML templates: text is escaped unless a template says otherwise")
struct HTMLTemplateTests {
    static let hostile = "<script>alert(1)</script>&\"'"
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"

    @Test("only the page's CSS and a QR code's SVG are written unescaped, and only by the triple form")
    func rawIsRare() {
        var raw: [String] = []
        for (name, source) in HTMLTemplate.sources {
            var rest = source[...]
            while let open = rest.range(of: "{{{") {
                let close = rest[open.upperBound...].range(of: "}}}")!
                raw.append("\(name.rawValue): \(rest[open.upperBound..<close.lowerBound])")
                rest = rest[close.upperBound...]
            }
            #expect(!source.contains("{{&"), "\(name.rawValue) writes a value unescaped with {{& }}")
            #expect(!source.contains("{{="), "\(name.rawValue) changes the delimiters, which would hide a raw value")
        }
        #expect(raw.sorted() == ["page: style", "qr: svg"])
    }

    @Test("every template is there and renders")
    func everyTemplate() {
        #expect(Set(HTMLTemplate.sources.keys) == Set(HTMLTemplate.Name.allCases))
        for name in HTMLTemplate.Name.allCases {
            _ = HTMLTemplate.render(name, [:])
        }
    }

    @Test("a value is escaped in text and in attributes, with nothing to remember")
    func escapesByDefault() {
        let page = HTMLTemplate.render(
            .subscriptionIndex,
            [
                "title": Self.hostile, "style": "", "councils": [["id": Self.hostile, "name": Self.hostile]],
            ])
        #expect(page.contains("<title>\(Self.escaped)</title>"))
        #expect(page.contains("<li><a href=\"/\(Self.escaped)/\">\(Self.escaped)</a></li>"))
        #expect(!page.contains("<script>"))
    }

    @Test("a missing optional part is left out, not looked up in the page around it")
    func sectionOfNil() {
        let page = HTMLTemplate.render(
            .refusalPage, ["title": "t", "style": "", "message": "m", "back": HTMLTemplate.section(nil)])
        #expect(!page.contains("もとのページに戻る"))
    }
}
