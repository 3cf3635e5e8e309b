extension HTMLTemplate {
    /// The documents a secretariat prints and hands out: a business's year, the review, the 計画案, the 開催案内.
    static let pageTemplates: [Name: String] = [
        .businessYearPage: """
        {{<page}}{{$body}}<main>
        <h1>{{title}}</h1>
        <p class="sub">{{subtitle}}</p>
        <div class="cards">{{#cards}}{{> card}}{{/cards}}</div>
        <h2>参加率の比較</h2>
        {{#chart}}{{> chart-horizontal}}{{/chart}}
        {{#comparison}}{{> table}}{{/comparison}}
        <h2>会議と出欠</h2>
        {{#past}}{{> table}}{{/past}}{{^past}}<p>まだありません</p>{{/past}}
        <h2>これからの会議</h2>
        {{#upcoming}}{{> table}}{{/upcoming}}{{^upcoming}}<p>今年度はもうありません</p>{{/upcoming}}
        <h2>スーパービジョン・訪問</h2>
        {{#slots}}{{> table}}{{/slots}}{{^slots}}<p>今年度はありません</p>{{/slots}}
        {{#contact}}<p>{{contact}}</p>{{/contact}}
        </main>{{/body}}{{/page}}
        """,
        // Each of `sections` has its `heading` and one or two of: a `vertical` or `horizontal` chart, a `table`,
        // a `plain` table, the `explanation`, the `progress` grid, or `none` (a sentence for nothing to show).
        .reviewPage: """
        {{<page}}{{$body}}<main>
        <h1>{{title}}</h1>
        <p class="sub">{{subtitle}}</p>
        <div class="cards">{{#cards}}{{> card}}{{/cards}}</div>
        {{#sections}}
        <h2>{{heading}}</h2>
        {{#vertical}}{{> chart-vertical}}{{/vertical}}{{#horizontal}}{{> chart-horizontal}}{{/horizontal}}{{#table}}{{> table}}{{/table}}{{#plain}}{{> plain-table}}{{/plain}}{{#explanation}}<ul class="explain">{{#items}}{{^first()}}
        {{/first()}}<li>{{head}}{{#nested}}<ul>{{#months}}<li>{{.}}</li>{{/months}}</ul>{{/nested}}</li>{{/items}}</ul>{{/explanation}}{{#progress}}<table><thead><tr><th>No</th><th>取組</th>{{#months}}<th>{{.}}月</th>{{/months}}<th>達成率</th></tr></thead><tbody>
        {{#tasks}}
        <tr><th scope="row">{{number}}</th><td class="task">{{title}}</td>{{#marks}}<td class="mark{{#state}} {{state}}{{/state}}"{{#label}} title="{{label}}"{{/label}}>{{symbol}}</td>{{/marks}}<td class="num">{{rate}}</td></tr>
        {{/tasks}}
        </tbody></table>
        <p>● 実施 × 未実施 △ 未記録(開催済み・記録なし) − 中止 ■ 予定</p>{{/progress}}{{#none}}<p>{{none}}</p>{{/none}}
        {{/sections}}
        </main>{{/body}}{{/page}}
        """,
        // A table with plain headings: `columns`, `rows` of `cells`, each `text` (`num`: a number) and `badges`.
        .plainTable: """
        <table><thead><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr></thead><tbody>
        {{#rows}}
        <tr>{{#cells}}<td{{#num}} class="num"{{/num}}>{{text}}{{#badges}}<span class="badge">{{.}}</span>{{/badges}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody></table>
        """,
        // `items` as paragraphs, なし when there are none.
        .paragraphs: """
        {{#items}}<p>{{.}}</p>{{/items}}{{^items}}<p>なし</p>{{/items}}
        """,
        .planPage: """
        {{<page}}{{$body}}<main>
        <h1>{{title}}</h1>
        <table class="plan">
        {{#opening}}
        <tr><th scope="row">{{heading}}</th><td>{{> paragraphs}}</td></tr>
        {{/opening}}
        </table>
        <h2>目標達成に向け解決すべき課題と課題解決のための取組</h2>
        {{^issues}}<p>なし</p>{{/issues}}{{#hasIssues}}<table class="plan issues">
        <colgroup><col class="no"><col class="problem"><col><col class="remarks"></colgroup>
        <thead><tr><th scope="col">No</th><th scope="col">目標達成に向け解決すべき課題</th><th scope="col">課題解決のための取組</th><th scope="col">備考</th></tr></thead>
        <tbody>
        {{#issues}}
        <tr><th scope="row">{{number}}</th><td>{{problem}}</td><td>{{#hasActions}}<ul>{{#actions}}<li>{{.}}</li>{{/actions}}</ul>{{/hasActions}}</td><td>{{remarks}}</td></tr>
        {{/issues}}
        </tbody>
        </table>{{/hasIssues}}
        <section class="schedule">
        <h2>課題解決のための取組に係る作業手順・スケジュール</h2>
        {{#grid}}{{> gantt-table}}{{/grid}}</section>
        <h2>その他計画案に関する特記事項</h2>
        {{#notes}}{{> paragraphs}}{{/notes}}
        </main>{{/body}}{{/page}}
        """,
        // One 開催案内: `issued`, `invitedCount`, the `sender` lines, its `title` at heading `level`, the `lead`,
        // the `items` of 記 with their `lines`, and the secretariat's `contact`.
        .notice: """
        <article class="notice">
        <p class="date">{{issued}}</p>
        <p>案内先の事業所({{invitedCount}}事業所) 各位</p>
        {{#sender}}{{^first()}}
        {{/first()}}<p class="from">{{.}}</p>{{/sender}}
        <h{{level}} class="notice-title">{{title}}</h{{level}}>
        <p>{{lead}}</p>
        <p class="ki">記</p>
        <table class="items">
        {{#items}}{{^first()}}
        {{/first()}}<tr><th scope="row">{{label}}</th><td>{{#lines}}{{^first()}}<br>{{/first()}}{{.}}{{/lines}}</td></tr>{{/items}}
        </table>
        {{#contact}}<p class="contact">{{contact}}</p>{{/contact}}
        </article>
        """,
        .noticePage: """
        {{<page}}{{$body}}<main>
        {{#notice}}{{> notice}}{{/notice}}
        </main>{{/body}}{{/page}}
        """,
        .noticesPage: """
        {{<page}}{{$body}}<main>
        <h1{{#hasNotices}} class="screen-only"{{/hasNotices}}>{{title}}</h1>
        {{^notices}}<p>この期間に開催する会議はありません。</p>{{/notices}}{{#notices}}{{^first()}}
        {{/first()}}{{> notice}}{{/notices}}
        </main>{{/body}}{{/page}}
        """,
    ]
}
