import Foundation

/// Writing a file so that it is either all there or not changed: the bytes go to a temporary file
/// beside it, which is then renamed over it.
public enum AtomicFile {
    /// Writes `data` to `path`.
    ///
    /// - Throws: `NotebookFileError` naming the path when its folder cannot be written.
    public static func write(_ data: Data, to path: String) throws(NotebookFileError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw NotebookFileError(path: path, problem: "cannot be written (\(String(cString: strerror(errno))))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw NotebookFileError(path: path, problem: "cannot be written (\(reason))")
        }
    }
}
