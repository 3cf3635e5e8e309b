// Exercises every path of the libqrencode wrapper that holds C memory — symbols of short and long URLs at
// every correction level, and text too long for any symbol (libqrencode's error path). Run under
// -sanitize=address by scripts/leak-check.sh: a QRcode the wrapper forgot to free is a reported leak.
import QRCode

let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 50
var made = 0
for round in 0..<rounds {
    let url =
        "webcal://calendar.example.jp/council-\(round)/feeds/"
        + String(repeating: "0123456789abcdef", count: 1 + round % 8) + ".ics"
    for correction in [QRCode.Correction.low, .medium, .quartile, .high] {
        let code = try QRCode(encoding: url, correction: correction)
        precondition(code.size >= 21 && code.svg().contains("<path"))
        made += 1
    }
    do {
        _ = try QRCode(encoding: String(repeating: "x", count: 3000 + round))
        preconditionFailure("3,000 bytes fit no QR code")
    } catch {
        made += 1
    }
}
print("qr-leak-check: \(made) symbols and refusals, no leak reported")
