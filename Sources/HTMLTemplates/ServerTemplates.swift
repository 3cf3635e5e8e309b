extension HTMLTemplate {
    /// The pages of the subscription site and the letters: how to subscribe, a business's page with its answer
    /// forms, the secretariat's console and check-in, a refused POST.
    static let serverTemplates: [Name: String] = [
        // A QR code's `svg` named by its `label`, or the `error` that kept it from being made.
        .qr: """
        {{#svg}}<div class="qr" role="img" aria-label="{{label}}">{{{svg}}}</div>{{/svg}}{{^svg}}<p class="qr">QRコードを作れません(URLが長すぎます) / {{error}}</p>{{/svg}}
        """,
        // How to subscribe in each common client; `https` and `webcal` name where the URL to paste is shown.
        .subscriptionSteps: """
        <dt>Googleカレンダー(パソコン)</dt><dd>左の「他のカレンダー」の「＋」→「URLで追加」に{{https}}を貼り付け、「カレンダーを追加」を押します。スマートフォンのGoogleカレンダーにも、同じアカウントなら自動で表示されます。</dd>
        <dt>Outlook</dt><dd>「予定表を追加」→「インターネットから購読」(デスクトップ版は「予定表を開く」→「インターネットから」)に{{https}}を貼り付けます。</dd>
        <dt>iPhone・iPad</dt><dd>カメラでQRコードを読み取り、表示される「照会」を選びます。または「設定」→「カレンダー」(iOS 18以降は「設定」→「アプリ」→「カレンダー」)→「カレンダーアカウント」→「アカウントを追加」→「その他」→「照会するカレンダーを追加」に{{webcal}}を入力します。</dd>
        <dt>Macのカレンダー・Thunderbird</dt><dd>「ファイル」→「新規カレンダー照会」(Thunderbirdは「新しいカレンダー」→「ネットワーク上」)に{{https}}を入力します。</dd>
        """,
        // The letters of a council's businesses, one a page, or the `members` note of a council above councils.
        .lettersPage: """
        {{<page}}{{$body}}<main>
        {{#letters}}{{^first()}}
        {{/first()}}{{> letter}}{{/letters}}{{#members}}{{> members-note}}{{/members}}
        </main>{{/body}}{{/page}}
        """,
        .letter: """
        <section class="letter" aria-labelledby="to-{{id}}">
        <p class="date">{{date}}</p>
        <p class="to" id="to-{{id}}">{{name}} 御中</p>
        <p class="from">{{council}}<br>{{from}}</p>
        <h1>会議日程のカレンダー配信(事業所専用URL)のご案内</h1>
        <p>{{council}}の会議日程を、お使いのカレンダーアプリで購読できます。下の専用URLには、貴事業所が案内されている会議(連絡会・ケースレビュー・研修会など)と、貴事業所が対象または担当のスーパービジョン・訪問の予定が載ります。日程の変更や中止は自動で反映されます。</p>
        <p class="caution">この専用URLは貴事業所のためのものです。事業所の外の方とは共有しないでください。</p>
        <div class="qr-row">
        {{#qr}}{{> qr}}{{/qr}}
        <div>
        <p class="label">専用URL(https)</p>
        <p><code>{{url}}</code></p>
        <p class="label">専用URL(webcal)</p>
        <p><code>{{webcal}}</code></p>
        <p class="links"><a href="{{webcal}}">カレンダーアプリで開く</a> ・ <a href="{{google}}">Googleカレンダーに追加</a></p>
        </div>
        </div>
        <p>貴事業所専用のページ(購読のしかたと、今年度の出欠の記録・参加率): <code>{{page}}</code></p>
        <h2>購読のしかた</h2>
        <dl>
        {{#steps}}{{> subscription-steps}}{{/steps}}
        </dl>
        {{#contact}}<p class="contact">{{contact}}</p>{{/contact}}
        </section>
        """,
        // A council above councils: its `members`, each with the `folder` whose letters carry its meetings.
        .membersNote: """
        {{^hasMembers}}<h1>{{name}}</h1>
        <p>案内状を出す事業所がありません。</p>{{/hasMembers}}{{#hasMembers}}<h1>{{name}} カレンダー配信のご案内</h1>
        <p>{{name}}の会議は、各事業所が所属する協議会の配信に載ります。事業所への案内状は、次の協議会ごとに出してください(それぞれの案内状のURLに{{shortName}}の会議も含まれます)。</p>
        <ul>
        {{#members}}
        <li>{{member}}(<code>council feed-url {{folder}} --format html</code>)</li>
        {{/members}}
        </ul>{{/hasMembers}}
        """,
        // A feed's `url`, its `webcal` and `google` links, and its `qr`.
        .subscribe: """
        <p><code>{{url}}</code></p>
        <ul class="links">
        <li><a href="{{webcal}}">カレンダーアプリで開く(webcal)</a></li>
        <li><a href="{{google}}">Googleカレンダーに追加</a></li>
        </ul>
        {{#qr}}{{> qr}}{{/qr}}
        """,
        // How to subscribe, pointing at the URL above (`steps`).
        .howTo: """
        <h2>購読のしかた</h2>
        <dl>
        {{#steps}}{{> subscription-steps}}{{/steps}}
        </dl>

        """,
        .subscriptionIndex: """
        {{<page}}{{$body}}<main>
        <h1>自立支援協議会 カレンダー配信</h1>
        <ul>
        {{#councils}}
        <li><a href="/{{id}}/">{{name}}</a></li>
        {{/councils}}
        </ul>
        </main>{{/body}}{{/page}}
        """,
        .subscriptionCouncil: """
        {{<page}}{{$body}}<main>
        <h1>{{name}} カレンダー配信</h1>
        <p>協議会の会議日程(連絡会・ケースレビュー・研修会など)をカレンダーアプリで購読できます。日程の変更や中止も自動で反映されます。</p>
        <h2>協議会全体のカレンダー</h2>
        {{#subscribe}}{{> subscribe}}{{/subscribe}}
        <p>iPhone・iPadはカメラでQRコードを読み取ると購読できます。</p>
        {{> how-to}}
        <h2>事業所ごとのカレンダー</h2>
        <p>各事業所が案内されている会議と、その事業所のスーパービジョン・訪問の予定だけを載せた専用のURLを、事務局からお送りしています。専用URLは他の方と共有しないでください。</p>
        {{#contact}}<p>{{contact}}</p>{{/contact}}
        </main>{{/body}}{{/page}}
        """,
        .subscriptionUnlisted: """
        {{<page}}{{$body}}<main>
        <h1>{{name}} 事業所ごとのカレンダー</h1>
        <p>事業所ごとのカレンダーとページの一覧はありません。各事業所の専用URLは、事務局からお送りしている案内状に載っています。</p>
        <p><a href="../">協議会全体のカレンダー</a></p>
        {{#contact}}<p>{{contact}}</p>{{/contact}}
        </main>{{/body}}{{/page}}
        """,
        // A business's own page: its `year` page, its `answers`, its feed's links.
        .subscriptionBusiness: """
        {{<page}}{{$body}}<main>
        <h1>{{name}} 専用カレンダー</h1>
        <p>{{council}}の会議のうち、{{name}}が案内されている会議と、対象または担当のスーパービジョン・訪問の予定を載せたカレンダーです。このページと専用URLは他の方と共有しないでください。</p>
        {{#year}}<p class="year"><a href="{{year}}">今年度の参加状況(出欠の記録と参加率、これからの会議)を見る</a></p>{{/year}}
        {{#answers}}{{> answers}}{{/answers}}
        <h2>専用URL</h2>
        {{#subscribe}}{{> subscribe}}{{/subscribe}}
        {{> how-to}}
        {{#contact}}<p>{{contact}}</p>{{/contact}}
        </main>{{/body}}{{/page}}
        """,
        // The upcoming `items` of a business, each with its answer and, while answers are taken, a form.
        .answers: """
        <h2 id="answers">これからの会議・予定への回答</h2>
        <p>出席・オンライン・欠席をこのページで回答できます。回答は事務局に届き、期限までは何度でも変更できます(最後の回答が有効です)。</p>
        {{^items}}<p>これからの会議・予定はありません。</p>{{/items}}{{#items}}{{^first()}}
        {{/first()}}{{> answer-item}}{{/items}}
        """,
        .answerItem: """
        <section class="item" id="{{anchor}}" aria-labelledby="{{anchor}}-h">
        <h3 id="{{anchor}}-h">{{when}} {{title}}</h3>
        {{#venue}}<p>会場: {{venue}}</p>
        {{/venue}}{{#saved}}<p class="saved" role="status">回答を受け付けました。</p>
        {{/saved}}<p class="current">{{#current}}現在の回答: <strong>{{choice}}</strong>({{given}}回答){{#note}}・{{note}}{{/note}}{{/current}}{{^current}}現在の回答: <strong>未回答</strong>{{/current}}</p>
        {{#cancelled}}<p class="closed">この会議・予定は中止になりました。</p>
        {{/cancelled}}{{#closed}}<p class="closed">回答の期限を過ぎました。変更は事務局へご連絡ください。</p>
        {{/closed}}{{#form}}<p class="deadline">{{deadline}}</p>
        {{> answer-form}}
        {{/form}}</section>
        """,
        // An item's answer form: its `choices`, the `note` given, posting to `page` with the fields of `field`.
        .answerForm: """
        <form method="post" action="{{page}}#{{anchor}}">
        <input type="hidden" name="{{field.formToken}}" value="{{formToken}}">
        <input type="hidden" name="{{field.kind}}" value="{{kind}}">
        <input type="hidden" name="{{field.id}}" value="{{subject}}">
        <input type="hidden" name="{{field.date}}" value="{{date}}">
        <fieldset><legend>出欠</legend>
        {{#choices}}{{^first()}}
        {{/first()}}<label><input type="radio" name="{{field.answer}}" value="{{identifier}}"{{#checked}} checked{{/checked}} required> {{label}}</label>{{/choices}}
        </fieldset>
        <p><label for="{{anchor}}-note">連絡事項(任意・{{limit}}字まで)</label><br>
        <textarea id="{{anchor}}-note" name="{{field.note}}" rows="2" cols="40" maxlength="{{limit}}">{{note}}</textarea></p>
        <p><button type="submit">{{button}}</button></p>
        </form>

        """,
        .refusalPage: """
        {{<page}}{{$body}}<main>
        <h1>受け付けできませんでした</h1>
        <p role="alert">{{message}}</p>
        {{#back}}<p><a href="{{back}}">もとのページに戻る</a></p>{{/back}}
        </main>{{/body}}{{/page}}
        """,
        // The console: the publishing `failure` if any, the `tallies` of what is coming, the `held` meetings.
        .consolePage: """
        {{<page}}{{$body}}<main>
        <h1>{{name}} 事務局 回答と受付</h1>
        {{#failure}}<section class="failure" role="alert" aria-labelledby="failure-heading">
        <h2 id="failure-heading">配信を更新できていません</h2>
        <p>{{since}}から、計画の変更が事業所のカレンダーに届いていません(日程の変更や中止も届きません)。次の問題を直すと、自動で配信を再開します。前回の配信ファイルが読めないときは、<code>council export 計画フォルダ --recover</code> で作り直してください。</p>
        <pre>{{problems}}</pre>
        </section>{{/failure}}
        <p>{{day}}時点。このページのURLは事務局の方だけで使ってください。URLが漏れたときは council.yaml の secretariat_revision を上げると、このURLは使えなくなります(新しいURLは council feed-url --secretariat で表示します)。</p>
        <h2>これからの会議・予定(事前の回答)</h2>
        {{^tallies}}<p>これから60日の会議・予定はありません。</p>{{/tallies}}{{#tallies}}{{^first()}}
        {{/first()}}{{> tally}}{{/tallies}}
        <h2>開催した会議(受付・出欠の記録)</h2>
        {{^held}}<p>今年度に開催した会議はまだありません。</p>{{/held}}{{#hasHeld}}<table><thead><tr><th>開催日</th><th>会議</th><th>出欠の記録</th><th>受付</th></tr></thead><tbody>
        {{#held}}
        <tr><td>{{date}}</td><td>{{meeting}}</td><td>{{state}}</td><td><a href="{{path}}">受付・出欠の記録<span class="visually-hidden">({{meeting}} {{date}})</span></a></td></tr>
        {{/held}}
        </tbody></table>{{/hasHeld}}
        </main>{{/body}}{{/page}}
        """,
        // What is coming, with each invited business's answer and the `count` of each answer.
        .tally: """
        <section class="item" aria-labelledby="{{anchor}}-h">
        <h3 id="{{anchor}}-h">{{when}} {{meeting}}</h3>
        <p class="counts">会場 {{count.present}} / オンライン {{count.online}} / 欠席 {{count.absent}} / 未回答 {{count.unanswered}}</p>
        <table><thead><tr><th>事業所</th><th>回答</th><th>連絡事項</th><th>回答日時</th></tr></thead><tbody>
        {{#lines}}
        <tr><th scope="row">{{business}}</th><td>{{answer}}</td><td>{{note}}</td><td>{{given}}</td></tr>
        {{/lines}}
        </tbody></table>
        <p>未回答(個別の声掛け): {{unanswered}}</p>
        </section>
        """,
        // One held meeting's check-in form: each invited business's `rows` with its answer and record.
        .checkInPage: """
        {{<page}}{{$body}}<main>
        <h1>受付: {{meeting}}</h1>
        <p>{{when}}{{#venue}}・{{venue}}{{/venue}}</p>
        {{#saved}}<p class="saved" role="status">出欠を記録しました。参加状況のまとめ(council review)にそのまま数えられます。</p>{{/saved}}
        <p>事前の回答から出欠を入れてあります(記録済みのものは記録のとおり)。当日の様子に合わせて直し、「出欠を記録する」を押してください。「—」の事業所は記録しません。</p>
        <form method="post" action="">
        <input type="hidden" name="{{field.formToken}}" value="{{formToken}}">
        <input type="hidden" name="{{field.version}}" value="{{version}}">
        <table><thead><tr><th>事業所</th><th>事前の回答</th><th>記録</th><th>出欠</th></tr></thead><tbody>
        {{#rows}}
        <tr><th scope="row"><label for="{{id}}">{{business}}</label></th><td>{{answer}}</td><td>{{recorded}}</td><td><select id="{{id}}" name="{{id}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></td></tr>
        {{/rows}}
        </tbody></table>
        <p><button type="submit">出欠を記録する</button></p>
        </form>
        <p><a href="{{back}}">回答と受付の一覧に戻る</a></p>
        </main>{{/body}}{{/page}}
        """,
        // The policy of a published page as `<meta>`, for a web server that may not send the headers.
        .policyMeta: """
        <meta http-equiv="Content-Security-Policy" content="{{policy}}">
        <meta name="referrer" content="no-referrer">

        """,
    ]
}
