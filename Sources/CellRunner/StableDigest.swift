import Foundation

/// A 64-bit FNV-1a digest as 16 hexadecimal digits: the same on every machine and run, for naming
/// folders after what they hold and noticing that files changed (not for security).
enum StableDigest {
    static func hex(of text: String) -> String {
        hex(of: Data(text.utf8))
    }

    static func hex(of bytes: Data) -> String {
        String(format: "%016llx", fold(bytes, into: offsetBasis))
    }

    /// A digest of the files under `folder` (their relative paths and contents, in path order),
    /// hidden files and folders (`.build`, `.git`, `.swiftpm`) left out.
    static func hex(ofFilesIn folder: String) -> String {
        let root = URL(fileURLWithPath: folder)
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }   // unreadable: not a file to digest
            .map { $0.path.dropFirst(root.path.count) }
            .sorted() ?? []
        var state = offsetBasis
        for file in files {
            state = fold(Data(file.utf8) + [0], into: state)
            state = fold((FileManager.default.contents(atPath: root.path + file) ?? Data()) + [0], into: state)
        }
        return String(format: "%016llx", state)
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func fold(_ bytes: Data, into state: UInt64) -> UInt64 {
        bytes.reduce(state) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
