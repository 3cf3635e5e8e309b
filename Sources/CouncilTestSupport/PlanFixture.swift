import CouncilCore
import CouncilFiles
import Foundation

/// A small valid council folder written to a temporary directory, with any file replaced.
public struct PlanFixture: Sendable {
    public static let council = """
        id: demo
        name: 見本区障害者自立支援協議会
        short_name: 見本区
        uid_domain: demo.example.jp
        series:
          - id: renrakukai
            title: 相談支援事業所等連絡会
            kind: 連絡会
            schedule: 偶数月の第2火曜日
            time: 14:00-16:00
            invite:
              kinds: [指定特定, 委託]
              businesses: [kita]

        """

    public static let roster = """
        id,name,kind,opened_on,staff,contact
        kita,きた相談室,指定特定,2025-06-01,1,022-000-0001
        minami,みなみ相談支援センター,委託,2010-04-01,3,

        """

    public static let plan = """
        year: 2026
        title: 令和8年度 見本計画
        goals:
          - 目標
        issues:
          - problem: 課題
            actions: [取組]
        tasks:
          - title: 連絡会の開催
            months: [4, 6]
            issue: 1
            series: renrakukai
          - title: 訪問(随時)
            months: 随時

        """

    public var files: [String: String] = [
        "council.yaml": council,
        "businesses.csv": roster,
        "plan-2026.yaml": plan,
    ]

    /// Writes the files into `<tmp>/<unique>/demo` and returns that folder's path.
    public init() {}

    public func write() throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("council-tests-\(UUID().uuidString)")
        let directory = base.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory.path
    }

    /// Writes the files again into an existing folder.
    public func rewrite(_ directory: String) throws {
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
        }
    }

    public func load() async throws -> Result<Council, PlanProblems> {
        await PlanDirectory.load(try write())
    }
}

/// The repository's bundled plans, copied for a test that writes into a council's folder (an export
/// records what it published there), so that the repository stays as committed.
public enum BundledPlans {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Copies `plans/<id>` for each id into `<tmp>/<unique>/<id>` and returns those folders.
    public static func copy(_ ids: [String]) throws -> [String] {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("council-plans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return try ids.map { id in
            let target = base.appendingPathComponent(id).path
            try FileManager.default.copyItem(
                atPath: repository.appendingPathComponent("plans/\(id)").path, toPath: target)
            return target
        }
    }

    /// Every bundled council's id.
    public static var ids: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("plans").path)) ?? [])
            .sorted()
    }
}
