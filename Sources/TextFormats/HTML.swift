/// A whole page: UTF-8, Japanese, the shared font stack, then the page's own style and body.
public func htmlPage(title: String, style: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="ja">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(htmlEscaped(title))</title>
    <style>
    body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif; color: #222; }
    \(style)
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
}

/// Escapes text for HTML element content and attribute values.
public func htmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
