import CouncilCore

/// How every rate is shown: the domain gives ratios (`ParticipationReview.Rate.ratio`, `replyRatio`, `onlineRatio`,
/// `PlanProgress.overallRate`, …), and this is the one place that turns them into text.
enum Percent {
    /// `53%` (rounded to a whole percent), or `—` for no ratio (nothing to count).
    static func text(_ ratio: Double?) -> String {
        ratio.map { "\(points($0))%" } ?? "—"
    }

    /// A ratio in whole percent, as shown (so that differences of shown figures add up).
    static func points(_ ratio: Double) -> Int {
        Int((ratio * 100).rounded())
    }
}

extension ParticipationReview.Rate {
    /// 参加率 as shown.
    public var percent: String { Percent.text(ratio) }
    /// 回答率 as shown.
    public var replyPercent: String { Percent.text(replyRatio) }
    /// オンライン比率 as shown.
    public var onlinePercent: String { Percent.text(onlineRatio) }
}

extension ParticipationReview.PriorReplies {
    /// 事前回答率 as shown.
    public var percent: String { Percent.text(ratio) }
}
