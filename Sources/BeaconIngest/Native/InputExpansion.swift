import BeaconEngine
import Foundation

/// A file to load, and whether it was found in a directory (where files that hold no events are left out
/// instead of stopping the load).
struct InputFile: Equatable, Sendable {
    var path: String
    var foundInDirectory: Bool
}

/// The paths given, with every directory replaced by the files under it: recursively, in sorted path order
/// (so hourly rotated logs load in time order), hidden files and folders (`.name`) left out, symbolic
/// links to folders not followed (a link loop cannot hang the load).
enum InputExpansion {
    static func expand(_ paths: [String]) throws(LoadError) -> [InputFile] {
        var files: [InputFile] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                // Files, and paths that do not exist (reading them reports it).
                files.append(InputFile(path: path, foundInDirectory: false))
                continue
            }
            let found = try filesUnder(path)
            guard !found.isEmpty else { throw .noFiles(path: path) }
            files += found.map { InputFile(path: $0, foundInDirectory: true) }
        }
        return files
    }

    private static func filesUnder(_ directory: String) throws(LoadError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable(path: directory, reason: "cannot list the directory")
        }
        var files: [String] = []
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) where !name.hasPrefix(".") {
            let path = prefix + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let type = attributes[.type] as? FileAttributeType else { continue }
            switch type {
            case .typeDirectory:
                files += try filesUnder(path)
            case .typeRegular:
                files.append(path)
            case .typeSymbolicLink:
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files.append(path)
                }
            case .typeBlockSpecial, .typeCharacterSpecial, .typeSocket, .typeUnknown:
                // FIFOs (typeUnknown to Foundation) and the like: FileSource refuses them without opening
                // them, and the load lists them among the files left out.
                files.append(path)
            default:
                continue
            }
        }
        return files
    }
}
