import Foundation

/// Writes a kernelspec (kernel.json and logos) so that Jupyter lists and starts this kernel.
public enum KernelspecInstaller {
    /// Where `jupyter kernelspec` looks: `<prefix>/share/jupyter/kernels`, the user's data folder,
    /// or the system folder.
    public static func kernelsDirectory(prefix: String?, user: Bool) -> String {
        if let prefix { return prefix + "/share/jupyter/kernels" }
        if user {
            let dataHome = ProcessInfo.processInfo.environment["XDG_DATA_HOME"] ?? NSHomeDirectory() + "/.local/share"
            return dataHome + "/jupyter/kernels"
        }
        return "/usr/local/share/jupyter/kernels"
    }

    /// Installs the kernelspec `name` for the running `swift-kernel` binary; returns its folder.
    ///
    /// - Parameters:
    ///   - template: The folder with `kernel.json` (its argv holds `{swift_kernel}`) and the logos.
    @discardableResult
    public static func install(name: String, into kernels: String, template: String, binary: String) throws -> String {
        let folder = kernels + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let json = try String(contentsOfFile: template + "/kernel.json", encoding: .utf8)
            .replacingOccurrences(of: "{swift_kernel}", with: binary)
        try json.write(toFile: folder + "/kernel.json", atomically: true, encoding: .utf8)
        for logo in ["logo-32x32.png", "logo-64x64.png"] {
            let target = folder + "/" + logo
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: template + "/" + logo, toPath: target)
        }
        return folder
    }
}
