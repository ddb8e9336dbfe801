import PCATerminalText

/// Aligned text columns for command output. Cells are escaped, so server text cannot carry control
/// characters to the terminal, and wide characters keep the columns aligned.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ row: [String]) {
        rows.append(row)
    }

    func rendered() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in
            all.map { DisplayWidth.of(SafeText.escaped($0[column])) }.max() ?? 0
        }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1 ? SafeText.escaped(row[column]) : SafeText.fitted(row[column], width: widths[column])
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
