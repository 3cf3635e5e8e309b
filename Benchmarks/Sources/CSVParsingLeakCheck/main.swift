// Exercises every path of the libcsv wrapper that holds C memory — rows with quoted line breaks and long
// fields (libcsv grows its buffer), a quote never closed (the parse stops), a stray quote (strict mode) — for
// scripts/leak-check.sh, under -sanitize=address: a parser the wrapper forgot to free is a reported leak.
import CSVParsing

let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 50
var rows = 0
for round in 0..<rounds {
    let long = String(repeating: "長い備考", count: 200 + round)
    let good = CSVRows.parse(
        Array("date,series,business,status,count,note\r\n2026-04-14,renrakukai,hirose,出席,2,\"\(long)\r\n二行目\"\r\n".utf8)
    )
    precondition(good.error == nil && good.rows.count == 2)
    let open = CSVRows.parse(Array("a,b\nc,\"\(long)".utf8))
    precondition(open.error != nil && open.rows.count == 1)
    let stray = CSVRows.parse(Array("a,b\nc,d\"e\n".utf8))
    precondition(stray.error != nil)
    rows += good.rows.count + open.rows.count + stray.rows.count
}
print("csv-leak-check: \(rounds) rounds, \(rows) rows, no leak reported")
