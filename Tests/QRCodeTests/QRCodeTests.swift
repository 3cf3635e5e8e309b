import QRCode
import Testing

@Suite("QR codes through libqrencode")
struct QRCodeTests {
    let url = "webcal://calendar.example.jp/aoba/feeds/0123456789abcdef0123456789abcdef.ics"

    /// The 7×7 finder pattern whose top left module is at `row`, `column`: a dark ring, a light ring, a dark 3×3.
    func finder(_ code: QRCode, _ row: Int, _ column: Int) -> Bool {
        (0..<7).allSatisfy { r in
            (0..<7).allSatisfy { c in
                let ring = max(abs(r - 3), abs(c - 3))
                return code[row + r, column + c] == (ring != 2)
            }
        }
    }

    @Test(
        "a feed URL: the smallest version that holds it at level M, finder patterns in three corners, timing rows between"
    )
    func structure() throws {
        let code = try QRCode(encoding: url)
        // 77 bytes in 8-bit mode at level M need version 5 (up to 84 bytes): 37 modules a side.
        #expect(code.size == 37)
        #expect(finder(code, 0, 0) && finder(code, 0, code.size - 7) && finder(code, code.size - 7, 0))
        #expect(!finder(code, code.size - 7, code.size - 7))
        #expect((8..<(code.size - 8)).allSatisfy { code[6, $0] == ($0 % 2 == 0) && code[$0, 6] == ($0 % 2 == 0) })
        #expect(try QRCode(encoding: url, correction: .high).size > code.size)
        #expect(try QRCode(encoding: url) == code, "the same text gives the same symbol")
    }

    @Test("the SVG draws exactly the dark modules, inside a quiet zone of four")
    func svg() throws {
        let code = try QRCode(encoding: "https://calendar.example.jp/aoba/council.ics")
        let svg = code.svg(module: 3)
        #expect(
            svg.hasPrefix(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \((code.size + 8) * 3) \((code.size + 8) * 3)\""
            ))
        let path = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        var drawn = Set<[Int]>()
        for run in path.split(separator: "z") {
            let numbers = run.split(whereSeparator: { "Mhv- ".contains($0) }).compactMap { Int($0) }
            try #require(
                numbers.count == 5 && numbers[3] == 3 && numbers[4] == numbers[2], "one row of modules, closed")
            let (x, y, width) = (numbers[0] / 3 - 4, numbers[1] / 3 - 4, numbers[2] / 3)
            for column in x..<(x + width) { drawn.insert([y, column]) }
        }
        let dark = (0..<code.size).flatMap { row in (0..<code.size).filter { code[row, $0] }.map { [row, $0] } }
        #expect(drawn == Set(dark))
    }

    @Test("text too long for any QR code, or holding NUL, is an error that says so")
    func errors() {
        #expect(throws: QRCode.EncodingError.self) { try QRCode(encoding: String(repeating: "a", count: 3000)) }
        #expect(throws: QRCode.EncodingError(bytes: 3, reason: "a NUL byte")) { try QRCode(encoding: "a\u{0}b") }
        do {
            _ = try QRCode(encoding: String(repeating: "a", count: 3000))
        } catch {
            #expect(error.description.contains("3000") && error.description.contains("too long"))
        }
    }
}
