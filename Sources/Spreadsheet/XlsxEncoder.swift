internal import CXlsxWriter
import Foundation

/// Writes a `Workbook` with libxlsxwriter; the only place its pointers live. The workbook is made, filled and
/// closed inside `encode` (closing writes the file and frees every sheet and format), or freed unwritten when
/// something was refused on the way.
enum XlsxEncoder {
    static func encode(_ book: Workbook) throws(XlsxError) -> [UInt8] {
        // libxlsxwriter 1.1 writes to a file only: a private temporary one, read back and removed.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "council-xlsx-\(UUID().uuidString).xlsx"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let workbook = workbook_new(path) else {
            throw XlsxError(doing: "workbook_new", reason: "cannot create \(path)")
        }
        do {
            try setProperties(book, workbook)
            var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
            for sheet in book.sheets {
                try write(sheet, to: workbook, formats: &formats)
            }
        } catch {
            lxw_workbook_free(workbook)
            throw error
        }
        try check(workbook_close(workbook), "workbook_close")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw XlsxError(doing: "reading \(path)", reason: "the file libxlsxwriter wrote is gone")
        }
        return Array(data)
    }

    private static func check(_ error: lxw_error, _ doing: @autoclosure () -> String) throws(XlsxError) {
        guard error != LXW_NO_ERROR else { return }
        throw XlsxError(doing: doing(), reason: String(cString: lxw_strerror(error)))
    }

    private static func setProperties(_ book: Workbook, _ workbook: UnsafeMutablePointer<lxw_workbook>)
        throws(XlsxError)
    {
        var properties = lxw_doc_properties()
        let title = strdup(book.title)
        let author = book.author.map { strdup($0) } ?? nil
        defer {
            free(title)
            free(author)
        }
        properties.title = title
        properties.author = author
        properties.created = time_t(book.created.timeIntervalSince1970.rounded(.down))
        try check(workbook_set_properties(workbook, &properties), "workbook_set_properties")
    }

    private static func write(
        _ sheet: Worksheet, to workbook: UnsafeMutablePointer<lxw_workbook>,
        formats: inout [CellStyle: UnsafeMutablePointer<lxw_format>]
    ) throws(XlsxError) {
        try check(workbook_validate_sheet_name(workbook, sheet.name), "sheet name 「\(sheet.name)」")
        guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
            throw XlsxError(doing: "workbook_add_worksheet", reason: sheet.name)
        }
        func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
            if style == CellStyle() { return nil }
            if let known = formats[style] { return known }
            let made = makeFormat(style, workbook)
            formats[style] = made
            return made
        }
        for (column, width) in sheet.columnWidths.enumerated() {
            try check(worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil), "column width")
        }
        for (row, height) in sheet.rowHeights.sorted(by: { $0.key < $1.key }) {
            try check(worksheet_set_row(worksheet, lxw_row_t(row), height, nil), "row height")
        }
        for merge in sheet.merges {
            let first =
                sheet.rows.indices.contains(merge.firstRow)
                    && sheet.rows[merge.firstRow].indices.contains(merge.firstColumn)
                ? sheet.rows[merge.firstRow][merge.firstColumn] : Cell.empty()
            try check(
                worksheet_merge_range(
                    worksheet, lxw_row_t(merge.firstRow), lxw_col_t(merge.firstColumn), lxw_row_t(merge.lastRow),
                    lxw_col_t(merge.lastColumn), "", format(first.style)), "merge")
        }
        for (r, row) in sheet.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                let (rowIndex, columnIndex) = (lxw_row_t(r), lxw_col_t(c))
                switch cell.value {
                case .text(let text):
                    try check(
                        worksheet_write_string(worksheet, rowIndex, columnIndex, text, format(cell.style)),
                        "cell \(r + 1),\(c + 1)")
                case .number(let number):
                    try check(
                        worksheet_write_number(worksheet, rowIndex, columnIndex, number, format(cell.style)),
                        "cell \(r + 1),\(c + 1)")
                case .empty:
                    if let style = format(cell.style) {
                        try check(
                            worksheet_write_blank(worksheet, rowIndex, columnIndex, style), "cell \(r + 1),\(c + 1)")
                    }
                }
            }
        }
        try setUpPage(sheet, worksheet)
    }

    private static func setUpPage(_ sheet: Worksheet, _ worksheet: UnsafeMutablePointer<lxw_worksheet>)
        throws(XlsxError)
    {
        if sheet.frozen.rows > 0 || sheet.frozen.columns > 0 {
            worksheet_freeze_panes(worksheet, lxw_row_t(sheet.frozen.rows), lxw_col_t(sheet.frozen.columns))
        }
        let page = sheet.page
        worksheet_set_paper(worksheet, 9)  // A4
        if page.landscape { worksheet_set_landscape(worksheet) } else { worksheet_set_portrait(worksheet) }
        if let fit = page.fitToPages { worksheet_fit_to_pages(worksheet, UInt16(fit.width), UInt16(fit.height)) }
        if let area = page.printArea {
            try check(
                worksheet_print_area(
                    worksheet, lxw_row_t(area.firstRow), lxw_col_t(area.firstColumn), lxw_row_t(area.lastRow),
                    lxw_col_t(area.lastColumn)), "print area")
        }
        if let rows = page.repeatRows {
            try check(
                worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                "repeated rows")
        }
        if let header = page.header {
            // & starts a code in Excel's headers; a literal one is doubled.
            try check(
                worksheet_set_header(worksheet, "&C" + header.replacingOccurrences(of: "&", with: "&&")), "page header")
        }
    }

    private static func makeFormat(_ style: CellStyle, _ workbook: UnsafeMutablePointer<lxw_workbook>)
        -> UnsafeMutablePointer<lxw_format>
    {
        let format = workbook_add_format(workbook)!
        if style.bold { format_set_bold(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let color = style.fontColor { format_set_font_color(format, lxw_color_t(color)) }
        if let fill = style.fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fill))
        }
        switch style.alignment {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        // Centred between the borders: in a row taller than its text (the row's height fits its longest cell),
        // no text sits on a border.
        format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        if style.wrap { format_set_text_wrap(format) }
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let number = style.numberFormat { format_set_num_format(format, number) }
        return format
    }
}
