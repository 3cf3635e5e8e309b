extension HTMLTemplate {
    /// The page every page is, and the parts the documents share: cards, ruled tables, bar charts, the grid.
    static let documentTemplates: [Name: String] = [
        // A whole page: UTF-8, Japanese, the shared font stack, then the page's own style (`style`) and its
        // `body` block. `title` is the page's title.
        .page: """
        <!DOCTYPE html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif; color: #222; }
        {{{style}}}
        </style>
        </head>
        <body>
        {{$body}}{{/body}}
        </body>
        </html>

        """,
        // A figure with its label and what it counts: `label`, `value`, `note`.
        .card: """
        <div class="card"><div class="label">{{label}}</div><div class="value">{{value}}</div><div class="note">{{note}}</div></div>
        """,
        // `columns`, then `rows` of `cells`, each `text` with `head` (the row's heading) or `num` (a number).
        .table: """
        <table><thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead><tbody>
        {{#rows}}
        <tr>{{#cells}}{{#head}}<th scope="row">{{text}}</th>{{/head}}{{^head}}<td{{#num}} class="num"{{/num}}>{{text}}</td>{{/head}}{{/cells}}</tr>
        {{/rows}}
        </tbody></table>
        """,
        // An SVG chart as an image named by its `title` (`id`), of `width` (and `height`) over `viewBox`.
        .chart: """
        <figure class="chart"><svg role="img" aria-labelledby="{{id}}" width="{{width}}"{{#height}} height="{{height}}"{{/height}} viewBox="{{viewBox}}"><title id="{{id}}">{{title}}</title>{{$parts}}{{/parts}}</svg></figure>
        """,
        // One bar per row: its `name`, the frame, the `fill` of the rate, and the `value` in words.
        .chartHorizontal: """
        {{#empty}}<p>記録なし</p>{{/empty}}{{^empty}}{{<chart}}{{$parts}}{{#bars}}<text x="{{labelX}}" y="{{textY}}" text-anchor="end">{{name}}</text><rect x="{{barX}}" y="{{rectY}}" width="{{barWidth}}" height="{{barHeight}}" fill="#eef2f7" stroke="#8a94a6" stroke-width="0.5"/>{{#fill}}<rect x="{{barX}}" y="{{rectY}}" width="{{fill}}" height="{{barHeight}}" fill="#1f4e99"/>{{/fill}}<text x="{{valueX}}" y="{{textY}}">{{value}}</text>{{/bars}}{{/parts}}{{/chart}}{{/empty}}
        """,
        // Grid `lines` from 0 to 100%, then columns: a `bar` with its percent, the `name`, the `counts`, and
        // what is 未記録 (`unrecordedOnly` where there is no bar, `unrecordedMore` under one).
        .chartVertical: """
        {{<chart}}{{$parts}}{{#lines}}<line x1="{{left}}" y1="{{y}}" x2="{{right}}" y2="{{y}}" stroke="#ddd"/><text x="{{labelX}}" y="{{textY}}" text-anchor="end">{{percent}}%</text>{{/lines}}{{#columns}}{{#bar}}<rect x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}" fill="#1f4e99"></rect><text x="{{center}}" y="{{labelY}}" text-anchor="middle">{{percent}}</text>{{/bar}}<text x="{{center}}" y="{{nameY}}" text-anchor="middle">{{name}}</text>{{#counts}}<text x="{{center}}" y="{{countsY}}" text-anchor="middle" style="fill:#595959;font-size:10px">{{counts}}</text>{{/counts}}{{#unrecordedOnly}}<text x="{{center}}" y="{{markY}}" text-anchor="middle" style="fill:#6b4700">未記録</text><text x="{{center}}" y="{{countsY}}" text-anchor="middle" style="fill:#6b4700;font-size:10px">{{missing}}回</text>{{/unrecordedOnly}}{{#unrecordedMore}}<text x="{{center}}" y="{{moreY}}" text-anchor="middle" style="fill:#6b4700;font-size:10px">未記録{{missing}}回</text>{{/unrecordedMore}}{{/columns}}{{/parts}}{{/chart}}
        """,
        // The plan grid: `months` (one is `today`), `rows` of `cells` with their `mark`, and the `legend`.
        .ganttTable: """
        <table class="grid">
        <thead><tr><th scope="col">No</th><th scope="col">取組</th>{{#months}}{{#today}}<th scope="col" class="today">{{label}}<br><span class="today-mark">▲今日</span></th>{{/today}}{{^today}}<th scope="col">{{label}}</th>{{/today}}{{/months}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr><th scope="row" class="no">{{label}}</th><td class="task">{{title}}</td>{{#cells}}<td{{#mark}} class="{{mark}}"{{/mark}}>{{text}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        <ul class="legend">{{#legend}}<li{{#mark}} class="{{mark}}"{{/mark}}>{{text}}</li>{{/legend}}</ul>

        """,
        .ganttPage: """
        {{<page}}{{$body}}<main>
        <h1>{{title}}</h1>
        {{#grid}}{{> gantt-table}}{{/grid}}</main>{{/body}}{{/page}}
        """,
    ]
}
