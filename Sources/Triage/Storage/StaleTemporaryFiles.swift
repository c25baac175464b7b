import Foundation

extension AtomicFile {
    /// Removes the temporary files a killed `write(_:to:)` of `path` left beside it: regular files named
    /// exactly `.<name>.tmp-XXXXXX` (six letters or digits, as mkstemp fills them), nothing else. Returns
    /// the names removed.
    ///
    /// Only safe while no other writer of `path` is running: a live writer's temporary file has the same
    /// name shape. `TriageStore.save` calls it holding the triage file's lock, which every writer of the
    /// file takes, so any such file it finds belongs to a writer that died mid-save. A file that cannot be
    /// removed is left; the save does not fail for it.
    @discardableResult
    static func removeStaleTemporaries(of path: String) -> [String] {
        let folder = parentFolder(of: path)
        let prefix = temporaryPrefix(of: baseName(of: path))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { name in
            guard isTemporaryName(name, prefix: prefix) else { return false }
            let candidate = folder + "/" + name
            guard let type = try? FileManager.default.attributesOfItem(atPath: candidate)[.type] as? FileAttributeType,
                  type == .typeRegular else { return false }
            return unlink(candidate) == 0
        }
    }

    /// `prefix` followed by exactly the six characters mkstemp puts in place of `XXXXXX`.
    private static func isTemporaryName(_ name: String, prefix: String) -> Bool {
        guard name.hasPrefix(prefix) else { return false }
        let suffix = name.utf8.dropFirst(prefix.utf8.count)
        return suffix.count == 6 && suffix.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }
}
