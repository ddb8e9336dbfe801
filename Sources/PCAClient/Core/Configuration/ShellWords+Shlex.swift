extension ShellWords {
    private enum ShlexState {
        case plain, single, double
    }

    /// Python's `shlex.split` (POSIX mode), which botocore uses to take the name out of `[profile NAME]`:
    /// the words of `text`, or nil where `shlex.split` raises (an open quote, a backslash at the end).
    static func shlexSplit(_ text: String) -> [String]? {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var inWord = false
        var state = ShlexState.plain
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch state {
            case .plain:
                if [" ", "\t", "\r", "\n"].contains(scalar) {
                    if inWord { words.append(String(word)) }
                    word = String.UnicodeScalarView()
                    inWord = false
                    continue
                }
                inWord = true
                if scalar == "\\" {
                    guard let escaped = scalars.next() else { return nil }
                    word.append(escaped)
                } else if scalar == "'" {
                    state = .single
                } else if scalar == "\"" {
                    state = .double
                } else {
                    word.append(scalar)
                }
            case .single:
                if scalar == "'" { state = .plain } else { word.append(scalar) }
            case .double:
                if scalar == "\"" {
                    state = .plain
                } else if scalar == "\\" {
                    guard let escaped = scalars.next() else { return nil }
                    // Inside double quotes a backslash escapes only a quote or a backslash.
                    if escaped != "\"" && escaped != "\\" { word.append(scalar) }
                    word.append(escaped)
                } else {
                    word.append(scalar)
                }
            }
        }
        guard state == .plain else { return nil }
        if inWord { words.append(String(word)) }
        return words
    }
}
