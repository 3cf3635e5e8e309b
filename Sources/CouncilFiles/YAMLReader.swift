import CouncilCore
import Foundation
import Yams

/// Reads a YAML document into values while collecting every problem with its line and column.
///
/// Each accessor returns nil and records a problem when the node is not what was expected, so one
/// pass over a file reports all of its mistakes.
final class YAMLReader {
    let file: String
    private(set) var problems: [PlanProblem] = []
    /// The council's own kinds of business (`business_kinds:` of council.yaml), by label: invitations may name them.
    var businessKinds: [String: BusinessKind] = [:]

    init(file: String) {
        self.file = file
    }

    /// Parses `text`; a syntax error is recorded and nil returned.
    func root(of text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                report(.missingKey, at: Mark?.none, "ファイルが空です / the file is empty", expected: "a YAML mapping")
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                report(
                    .yamlSyntax, at: mark, "YAMLとして読めません / YAML syntax: \(problem)",
                    expected: "valid YAML (indent with spaces, quote values containing ': ' or '#')")
            case .duplicatedKeysInMapping(let duplicates, let context):
                report(
                    .duplicateKey, at: context.mark,
                    "キーが重複しています / duplicate key: \(duplicates.joined(separator: ", "))",
                    expected: "each key once per mapping")
            case .reader(let problem, _, _, _):
                report(
                    .yamlSyntax, at: Mark?.none, "読み込めない文字があります / unreadable text: \(problem)", expected: "UTF-8 text")
            default:
                report(.yamlSyntax, at: Mark?.none, "YAMLとして読めません / \(error)", expected: "valid YAML")
            }
            return nil
        } catch {
            report(.yamlSyntax, at: Mark?.none, "YAMLとして読めません / \(error)", expected: "valid YAML")
            return nil
        }
    }

    /// What loads but is probably not meant; `lint` shows these, loading does not stop for them.
    private(set) var warnings: [PlanProblem] = []

    func warn(_ id: PlanProblem.ID, at node: Node?, _ message: String) {
        warnings.append(
            PlanProblem(
                id: id, file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message,
                expected: nil, severity: .warning))
    }

    func report(_ id: PlanProblem.ID, at mark: Mark?, _ message: String, expected: String? = nil) {
        problems.append(
            PlanProblem(
                id: id, file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message,
                expected: expected))
    }

    func report(_ id: PlanProblem.ID, at node: Node?, _ message: String, expected: String? = nil) {
        report(id, at: node?.mark, message, expected: expected)
    }

    // MARK: Typed access

    func mapping(_ node: Node, _ what: String, keys: [String]) -> MappingReader? {
        guard let mapping = node.mapping else {
            report(
                .wrongType, at: node, "\(what)はキーと値の組(マッピング)で書きます / \(what) must be a mapping",
                expected: "keys: \(keys.joined(separator: ", "))")
            return nil
        }
        return MappingReader(reader: self, mapping: mapping, node: node, what: what, keys: keys)
    }

    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType, at: node, "\(what)は文字列で書きます / \(what) must be a single value", expected: "a string")
            return nil
        }
        // Written into feeds and pages, a text can hold line breaks and TAB but no other control character (a YAML
        // escape such as "\v" or "\x01" makes one).
        if let control = scalar.string.unicodeScalars.first(where: {
            ($0.value < 0x20 && !"\t\n\r".unicodeScalars.contains($0)) || $0.value == 0x7F
                || (0x80...0x9F).contains($0.value)
        }) {
            let code = String(control.value, radix: 16, uppercase: true)
            report(
                .badValue, at: node,
                "\(what)に制御文字 U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) があります / \(what) holds a control character",
                expected: "text without control characters (line breaks and TAB are fine)")
            return nil
        }
        return scalar.string
    }

    /// An http or https URL (a venue's online link): what a calendar client and a browser open as a link.
    func webURL(_ node: Node, _ what: String) -> String? {
        guard let text = nonEmptyString(node, what) else { return nil }
        let lowered = text.lowercased()
        let scheme = ["https://", "http://"].first { lowered.hasPrefix($0) }
        let rest = scheme.map { text.dropFirst($0.count) } ?? ""
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard scheme != nil, !host.isEmpty,
            !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }),
            URLComponents(string: text)?.host?.isEmpty == false
        else {
            report(
                .badValue, at: node, "\(what)「\(text)」はhttpまたはhttpsのURLではありません / \(what) is not an http or https URL",
                expected: "a link such as https://meet.example.jp/renrakukai, without spaces")
            return nil
        }
        return text
    }

    func nonEmptyString(_ node: Node, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            report(.emptyValue, at: node, "\(what)が空です / \(what) is empty", expected: "a non-empty text")
            return nil
        }
        return trimmed
    }

    func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = string(node, what) else { return nil }
        guard let value = Int(text.trimmingSpaces) else {
            report(
                .wrongType, at: node, "\(what)「\(text)」は整数ではありません / \(what) is not a whole number",
                expected: range.map { "a whole number \($0.lowerBound)–\($0.upperBound)" } ?? "a whole number")
            return nil
        }
        if let range, !range.contains(value) {
            report(
                .badNumber, at: node, "\(what) \(value) は範囲外です / \(what) out of range",
                expected: "\(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return value
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(
                .wrongType, at: node, "\(what)はリストで書きます / \(what) must be a list",
                expected: "a list (lines starting with '- ')")
            return nil
        }
        return Array(sequence)
    }

    /// A list of strings; a single string is taken as a list of one.
    func strings(_ node: Node, _ what: String) -> [String]? {
        if case .scalar = node { return string(node, what).map { [$0.trimmingSpaces] } }
        guard let items = sequence(node, what) else { return nil }
        return items.compactMap { nonEmptyString($0, what) }
    }
}

/// The keys of one mapping: unknown keys are reported once, with a suggestion.
struct MappingReader {
    let reader: YAMLReader
    let mapping: Node.Mapping
    let node: Node
    let what: String
    let keys: [String]
    private var values: [String: Node] = [:]

    init(reader: YAMLReader, mapping: Node.Mapping, node: Node, what: String, keys: [String]) {
        self.reader = reader
        self.mapping = mapping
        self.node = node
        self.what = what
        self.keys = keys
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if values[name] == nil { values[name] = value }
            guard !keys.contains(name) else { continue }
            reader.report(
                .unknownKey, at: key,
                "\(what)に「\(name)」というキーはありません / unknown key \"\(name)\" in \(what).\(didYouMean(name, among: keys))",
                expected: "one of: \(keys.joined(separator: ", "))")
        }
    }

    subscript(key: String) -> Node? {
        values[key]
    }

    /// The value of a key that must be there; its absence is reported at the mapping.
    func required(_ key: String) -> Node? {
        guard let value = self[key] else {
            reader.report(
                .missingKey, at: node, "\(what)に「\(key)」がありません / \(what) needs \"\(key)\"", expected: "\(key): …")
            return nil
        }
        return value
    }
}

/// ` 「short_name」ではありませんか? did you mean "short_name"?` for a near miss, or "".
func didYouMean(_ word: String, among candidates: [String]) -> String {
    closestMatch(to: word, in: candidates).map { " 「\($0)」ではありませんか? did you mean \"\($0)\"?" } ?? ""
}

/// The candidate within edit distance 2 (or a third of the word) of `word`, if one is clearly closest.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= limit }
    return scored.min { $0.1 < $1.1 }?.0
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

extension String {
    var trimmingSpaces: String {
        // Most values (ids, dates, times) begin and end with a printable ASCII character, which no white space is.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
