internal import COpenBLAS
import Foundation

/// OpenBLAS, loaded by this process on first use with the kernels chosen for its CPU (see `BLASCore`).
///
/// The library is opened at run time rather than linked, because OpenBLAS reads `OPENBLAS_CORETYPE`
/// once, while it loads: a linked copy would have chosen before any of our code ran. Every process
/// that multiplies matrices (a cell runner, nbrun's, a benchmark, a test) goes through here.
public enum OpenBLAS {
    /// The loaded library and what it runs: what `make bench` and the kernel's log print.
    public struct Setup: Sendable {
        /// The kernel set in use, as OpenBLAS names it (`Cooperlake`), and why.
        public let core: BLASCore
        /// OpenBLAS's build description (`OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64`).
        public let configuration: String
        fileprivate let sgemm: openblas_sgemm_function
    }

    /// The library's setup, loading it on first use.
    public static var setup: Setup { loaded }

    private static let loaded: Setup = load()

    /// `c = alpha · op(a) · op(b) + beta · c`, row-major (CBLAS `sgemm`).
    @inline(__always)
    public static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                             a: UnsafePointer<Float>?, lda: Int, b: UnsafePointer<Float>?, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>?, ldc: Int) {
        loaded.sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                     blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// The shared library names tried, in order (Debian's libopenblas0 provides the first).
    static let libraryNames = ["libopenblas.so.0", "libopenblas.so"]

    private static func load() -> Setup {
        // The core was chosen (or left to the user) before any thread started: see `BLASCore`.
        let chosen = BLASCore.chosen(in: ProcessInfo.processInfo.environment)
        guard let handle = libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            preconditionFailure("OpenBLAS could not be loaded (\(libraryNames.joined(separator: ", "))): "
                                + "install it with `apt-get install libopenblas0`.")
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T {
            guard let address = dlsym(handle, name) else { preconditionFailure("OpenBLAS has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        let sgemm = symbol("cblas_sgemm", as: openblas_sgemm_function.self)
        func text(_ name: String) -> String {
            symbol(name, as: openblas_string_function.self)().map { String(cString: $0) } ?? ""
        }
        let coreName = text("openblas_get_corename"), configuration = text("openblas_get_config")
        let core = chosen.map { BLASCore(name: coreName, origin: $0.origin) } ?? BLASCore(name: coreName, origin: .openBLAS)
        return Setup(core: core, configuration: configuration.trimmingCharacters(in: .whitespaces), sgemm: sgemm)
    }
}
