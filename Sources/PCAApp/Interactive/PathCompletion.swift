import Foundation

/// Tab in a path field: the entries of the folder that start with what was typed (folders end in `/`).
enum PathCompletion {
    static func candidates(for typed: String, limit: Int = 200) -> [String] {
        let expanded = (typed as NSString).expandingTildeInPath
        let folder = typed.isEmpty || expanded.hasSuffix("/") ? (expanded.isEmpty ? "." : expanded) : (expanded as NSString).deletingLastPathComponent
        let start = typed.isEmpty || expanded.hasSuffix("/") ? "" : (expanded as NSString).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return [] }
        let typedFolder = typed.isEmpty || typed.hasSuffix("/") ? typed : (typed as NSString).deletingLastPathComponent
        let prefix = typedFolder.isEmpty ? "" : (typedFolder.hasSuffix("/") ? typedFolder : typedFolder + "/")
        return names.filter { $0.hasPrefix(start) && ($0.hasPrefix(".") == start.hasPrefix(".")) }.sorted().prefix(limit).map { name in
            var isDirectory: ObjCBool = false
            let full = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(name)
            FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            return prefix + name + (isDirectory.boolValue ? "/" : "")
        }
    }
}
