internal import CPUFeatures

/// Which of OpenBLAS's kernel sets (its "core types") a process uses for matrix products.
///
/// OpenBLAS picks one from a table of CPU models when it loads; a model newer than its table gets the
/// generic SSE3 kernels (`Prescott`), 3 to 6 times slower on an AVX-512 CPU (Debian 12's 0.3.21 on
/// Sapphire/Emerald Rapids, family 6 model 207). So the core is chosen from the CPU's features,
/// the way OpenBLAS itself picks for the models it knows, and passed in `OPENBLAS_CORETYPE` before
/// the process starts any thread (a C constructor, `cpu_features.c`); a value the user set is never
/// replaced.
public struct BLASCore: Sendable, Equatable, CustomStringConvertible {
    /// OpenBLAS's name of the kernel set (`SkylakeX`), as `OPENBLAS_CORETYPE` takes it.
    public let name: String
    /// Where the choice came from.
    public let origin: Origin

    public enum Origin: Sendable, Equatable {
        /// The user's own `OPENBLAS_CORETYPE`.
        case user
        /// Chosen from the CPU's features.
        case cpuFeatures
        /// Left to OpenBLAS (a CPU without AVX2, or not x86).
        case openBLAS
    }

    public init(name: String, origin: Origin) {
        self.name = name
        self.origin = origin
    }

    /// The core `environment` names, and who chose it; nil when it names none.
    public static func chosen(in environment: [String: String]) -> BLASCore? {
        guard let name = environment["OPENBLAS_CORETYPE"], !name.isEmpty else { return nil }
        return BLASCore(name: name, origin: environment[CPU_CHOSEN_BLAS_CORE_VARIABLE] == name ? .cpuFeatures : .user)
    }

    /// The best kernel set for a CPU's features: the AVX-512 kernels (with the BF16 extension, the
    /// Cooper Lake set), else the AVX2 + FMA ones (AMD's Zen set on AMD), else none: OpenBLAS decides.
    public static func preferred(for cpu: CPU) -> String? {
        cpu_preferred_blas_core(cpu.featureMask, cpu.vendor == "AuthenticAMD" ? 1 : 0).map { String(cString: $0) }
    }

    /// `Cooperlake (chosen from the CPU's features)`.
    public var description: String {
        switch origin {
        case .user: "\(name) (OPENBLAS_CORETYPE, set by you)"
        case .cpuFeatures: "\(name) (chosen from the CPU's features)"
        case .openBLAS: "\(name) (OpenBLAS's own detection)"
        }
    }
}
