import Foundation

/// An Excel workbook as values: sheets of cells with their styles, column widths, merged ranges and print set-up.
/// `XlsxEncoder` turns it into .xlsx bytes with libxlsxwriter.
public struct Workbook: Hashable, Sendable {
    public var title: String
    public var author: String?
    /// Written as the file's creation time, so the same workbook gives the same bytes.
    public var created: Date
    public var sheets: [Worksheet]

    public init(title: String, author: String? = nil, created: Date, sheets: [Worksheet] = []) {
        self.title = title
        self.author = author
        self.created = created
        self.sheets = sheets
    }

    /// The .xlsx file.
    public func xlsx() throws(XlsxError) -> [UInt8] {
        try XlsxEncoder.encode(self)
    }
}

/// One sheet: rows of cells from A1, and how it prints.
public struct Worksheet: Hashable, Sendable {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rule); `Worksheet.safeName` makes one.
    public var name: String
    public var rows: [[Cell]]
    /// Column widths in characters (Excel's unit), from column A; columns past the list keep the default.
    public var columnWidths: [Double]
    /// Row heights in points by row index, where not the default.
    public var rowHeights: [Int: Double]
    public var merges: [CellRange]
    /// Rows and columns that stay in view when scrolling (e.g. the header row and the name column).
    public var frozen: Frozen
    public var page: PageSetup

    public init(
        name: String, rows: [[Cell]] = [], columnWidths: [Double] = [], rowHeights: [Int: Double] = [:],
        merges: [CellRange] = [], frozen: Frozen = Frozen(), page: PageSetup = PageSetup()
    ) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.rowHeights = rowHeights
        self.merges = merges
        self.frozen = frozen
        self.page = page
    }

    /// `text` made a valid, unique sheet name: the characters Excel refuses replaced, at most 31 characters.
    public static func safeName(_ text: String, taken: Set<String> = []) -> String {
        let refused: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        let cleaned = String(String(text.map { refused.contains($0) ? "_" : $0 }).prefix(31))
        var name = cleaned.isEmpty ? "Sheet" : cleaned
        var counter = 2
        while taken.contains(name) {
            let suffix = "(\(counter))"
            name = String(cleaned.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return name
    }

    /// The top rows and left columns kept in view.
    public struct Frozen: Hashable, Sendable {
        public var rows: Int
        public var columns: Int

        public init(rows: Int = 0, columns: Int = 0) {
            self.rows = rows
            self.columns = columns
        }
    }
}

/// A rectangle of cells, 0-based and inclusive.
public struct CellRange: Hashable, Sendable {
    public var firstRow, firstColumn, lastRow, lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        (self.firstRow, self.firstColumn, self.lastRow, self.lastColumn) = (firstRow, firstColumn, lastRow, lastColumn)
    }
}

/// How a sheet prints: paper, orientation, fitting, the print area and the rows repeated on every page.
public struct PageSetup: Hashable, Sendable {
    public var landscape: Bool
    /// Pages across and down to fit the print area to; 0 down means as many as needed.
    public var fitToPages: Fit?
    /// Nil for the used range.
    public var printArea: CellRange?
    /// Rows printed at the top of every page (0-based, inclusive).
    public var repeatRows: ClosedRange<Int>?
    public var header: String?

    public init(
        landscape: Bool = false, fitToPages: Fit? = nil, printArea: CellRange? = nil,
        repeatRows: ClosedRange<Int>? = nil, header: String? = nil
    ) {
        self.landscape = landscape
        self.fitToPages = fitToPages
        self.printArea = printArea
        self.repeatRows = repeatRows
        self.header = header
    }

    /// Pages across and down.
    public struct Fit: Hashable, Sendable {
        public var width: Int
        public var height: Int

        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }
}

/// One cell: its value and its style.
public struct Cell: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case empty
        case text(String)
        case number(Double)
    }

    public var value: Value
    public var style: CellStyle

    public init(_ value: Value, style: CellStyle = CellStyle()) {
        self.value = value
        self.style = style
    }

    public static func text(_ text: String, _ style: CellStyle = CellStyle()) -> Cell {
        Cell(.text(text), style: style)
    }
    public static func number(_ number: Int, _ style: CellStyle = CellStyle()) -> Cell {
        Cell(.number(Double(number)), style: style)
    }
    /// A ratio shown as a percentage (0.53 → 53%); empty where there is none.
    public static func percent(_ ratio: Double?, _ style: CellStyle = CellStyle()) -> Cell {
        var style = style
        style.numberFormat = "0%"
        return Cell(ratio.map { .number($0) } ?? .empty, style: style)
    }
    public static func empty(_ style: CellStyle = CellStyle()) -> Cell { Cell(.empty, style: style) }
}

/// What a cell looks like; cells of equal style share one format in the file. A cell with a style other than the
/// default is centred vertically.
public struct CellStyle: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case general, left, center, right }

    public var bold: Bool
    /// Points; nil for the default (11).
    public var fontSize: Double?
    /// 0xRRGGBB.
    public var fontColor: UInt32?
    public var fill: UInt32?
    public var alignment: Alignment
    public var wrap: Bool
    public var border: Bool
    /// Excel's number format, e.g. `0%`.
    public var numberFormat: String?

    public init(
        bold: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil, fill: UInt32? = nil,
        alignment: Alignment = .general, wrap: Bool = false, border: Bool = false, numberFormat: String? = nil
    ) {
        self.bold = bold
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fill = fill
        self.alignment = alignment
        self.wrap = wrap
        self.border = border
        self.numberFormat = numberFormat
    }
}

/// Why a workbook could not be written.
public struct XlsxError: Error, CustomStringConvertible, Equatable {
    public var doing: String
    public var reason: String

    public init(doing: String, reason: String) {
        self.doing = doing
        self.reason = reason
    }

    public var description: String { "Excelファイルを作れません / cannot write the workbook: \(doing): \(reason)" }
}
