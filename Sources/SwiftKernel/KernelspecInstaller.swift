import Foundation

/// Writes a kernelspec (kernel.json and logos) so that Jupyter lists and starts this kernel.
public enum KernelspecInstaller {
    /// Where `jupyter kernelspec` looks: `<prefix>/share/jupyter/kernels`, or the user's data folder.
    public static func kernelsDirectory(prefix: String?, user: Bool) -> String {
        if user {
            let dataHome = ProcessInfo.processInfo.environment["XDG_DATA_HOME"] ?? NSHomeDirectory() + "/.local/share"
            return dataHome + "/jupyter/kernels"
        }
        return (prefix ?? Installer.defaultPrefix) + "/share/jupyter/kernels"
    }

    /// Installs the kernelspec `name` that starts `binary`; returns its folder.
    ///
    /// - Parameters:
    ///   - template: The folder with `kernel.json` (its argv holds `{swift_kernel}`) and the logos.
    ///   - environment: Variables Jupyter sets for the kernel (the kernelspec's `env`).
    @discardableResult
    public static func install(name: String, into kernels: String, template: String, binary: String,
                               environment: [String: String]) throws -> String {
        let folder = kernels + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: template + "/kernel.json", encoding: .utf8)
        guard var spec = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let argv = spec["argv"] as? [String] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: template + "/kernel.json"])
        }
        spec["argv"] = argv.map { $0 == "{swift_kernel}" ? binary : $0 }
        if !environment.isEmpty { spec["env"] = environment }
        try JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            .write(to: URL(fileURLWithPath: folder + "/kernel.json"), options: .atomic)
        for logo in ["logo-32x32.png", "logo-64x64.png"] {
            let target = folder + "/" + logo
            // Usually absent; one that cannot be removed makes the copy below fail and say why.
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: template + "/" + logo, toPath: target)
        }
        return folder
    }

    /// The executable the kernelspec at `folder` starts, if it can be read (nil for a kernelspec
    /// that is missing or not JSON: not one this project wrote, so not one it removes).
    static func binary(ofKernelspecAt folder: String) -> String? {
        // Why it cannot be read does not matter: the answer is nil either way (documented above).
        guard let data = FileManager.default.contents(atPath: folder + "/kernel.json"),
              let spec = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return (spec["argv"] as? [String])?.first
    }
}
