/// POSIX shell words: splitting a command line as a shell would (without expanding anything), for
/// `credential_process`; quoting words so that a pasted command runs exactly those words, for the
/// equivalent AWS CLI commands. A word made only of safe characters stays as it is; anything else is put in
/// single quotes, inside which the shell expands nothing (`'` itself becomes `'\''`).
public enum ShellWords {
    public static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch (character, quote) {
            case ("\\", nil), ("\\", "\""):
                escaped = true
                inWord = true
            case ("'", nil), ("\"", nil):
                quote = character
                inWord = true
            case (let c, let q?) where c == q:
                quote = nil
            case (let c, nil) where c == " " || c == "\t" || c == "\n":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+%")

    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }
}
