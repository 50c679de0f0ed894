/// The project's version: what `swift-kernel --version` and `nbrun --version` print, kernel_info's
/// `implementation_version`, reports' generator line and the installed folder's name.
public enum ProjectVersion {
    public static let current = "0.3.0"
}
