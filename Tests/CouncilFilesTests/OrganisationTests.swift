import CouncilCore
import CouncilFiles
import CouncilTestSupport
import Foundation
import Testing

/// A council's own words for kinds of business, and the roster's open days, address and sections, from files.
@Suite("The council's own kinds, sections of the ward office, and open days in files")
struct OrganisationTests {
    static let council =
        PlanFixture.council.replacingOccurrences(
            of: "series:\n",
            with: """
                business_kinds:
                  障がい児相談: 障害児相談
                  指定一般: その他
                series:

                """) + """
              - id: jido
                title: 障がい児相談連絡会
                kind: 連絡会
                schedule: 偶数月の第3火曜日
                invite:
                  kinds: [障がい児相談]
              - id: zentai
                title: 全体会
                kind: 連絡会
                schedule: 偶数月の第4火曜日
                invite:
                  kinds: [障害児相談, 指定一般]
            rotations:
              - id: houmon
                title: 事業所訪問
                kind: 訪問
                schedule: 毎月第1水曜日
                pool:
                  kinds: [指定特定]
                leads:
                  - {id: ito, name: 伊藤(障害高齢課), ward_office: true, section: kuyakusho-shogai}

            """

    static let roster = """
        id,name,kind,opened_on,staff,contact,closed_on,address
        kita,きた相談室,指定特定,2025-06-01,1,022-000-0001,,見本市北区1-1
        minami,みなみ相談支援センター,委託,2010-04-01,3,,,
        kodomo,こども相談室,障がい児相談,2020-04-01,2,,2026-10-01,
        hiroba,ひろば相談室,障害児相談,2020-04-01,2,,,
        ippan,地域移行ひろば,指定一般,2019-04-01,2,,,
        kuyakusho-shogai,見本区役所 障害高齢課,区役所,,5,,,
        kuyakusho-shido,見本区役所 虐待防止・事業者指導担当,区役所,,3,,,

        """

    @Test("own kinds in the roster and in invitations: a label invites its own; a built-in kind every spelling of it")
    func kinds() async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = Self.council
        fixture.files["businesses.csv"] = Self.roster
        let council = try await fixture.load().get()
        #expect(council.business("kodomo")?.kind == .children && council.business("kodomo")?.kindName == "障がい児相談")
        #expect(council.business("hiroba")?.kindLabel == nil)
        let jido = try #require(council.series("jido"))
        #expect(council.invitees(of: jido).map(\.id) == ["kodomo"], "障がい児相談 invites those the roster calls so")
        let zentai = try #require(council.series("zentai"))
        #expect(
            council.invitees(of: zentai).map(\.id) == ["kodomo", "hiroba", "ippan"],
            "障害児相談 invites both spellings; 指定一般 its own")
        #expect(council.business("kodomo")?.closedOn == CalendarDate(year: 2026, month: 10, day: 1))
        #expect(council.business("kita")?.address == "見本市北区1-1")
        let lead = try #require(council.rotation("houmon")?.leads.first)
        #expect(lead.isWardOffice && lead.organisation == "kuyakusho-shogai")
    }

    @Test(
        "an unknown built-in kind, an own kind that is a built-in one, a roster kind nobody declared, an unknown section: each located"
    )
    func mistakes() async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = Self.council
            .replacingOccurrences(of: "  指定一般: その他\n", with: "  指定一般: その他\n  委託: 基幹\n  障がい者: ないもの\n")
            .replacingOccurrences(of: "section: kuyakusho-shogai", with: "section: kuyakusho-shogaii")
        fixture.files["businesses.csv"] = Self.roster.replacingOccurrences(of: "こども相談室,障がい児相談", with: "こども相談室,障がい児")
        guard case .failure(let problems) = try await fixture.load() else {
            Issue.record("should not load")
            return
        }
        let text = problems.problems.map(\.description).joined(separator: "\n")
        #expect(text.contains("council.yaml:8:3: error[duplicate-key]: 「委託」は既定の種別です"), "\(text)")
        #expect(text.contains("council.yaml:9:9: error[unknown-kind]: 既定の種別「ないもの」はありません"), "\(text)")
        #expect(text.contains("businesses.csv:4:15: error[unknown-kind]: 種別「障がい児」はありません"), "\(text)")
        #expect(
            !text.contains("「指定一般」はありません"),
            "the roster knows the council's own kinds though council.yaml has mistakes: \(text)")
        #expect(problems.problems.count == 3, "\(text)")

        fixture.files["council.yaml"] = Self.council.replacingOccurrences(
            of: "section: kuyakusho-shogai", with: "section: kuyakusho-shogaii")
        fixture.files["businesses.csv"] = Self.roster
        guard case .failure(let section) = try await fixture.load() else {
            Issue.record("an unknown section should not load")
            return
        }
        #expect(section.problems.map(\.description).joined().contains("kuyakusho-shogaii"), "\(section.problems)")
    }
}
