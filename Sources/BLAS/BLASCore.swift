/// Which of OpenBLAS's kernel sets (its "core types") a process uses for matrix products.
///
/// OpenBLAS picks one from a table of CPU models when it loads; a model newer than its table gets the
/// generic SSE3 kernels (`Prescott`), 3 to 6 times slower on an AVX-512 CPU (Debian 12's 0.3.21 on
/// Sapphire/Emerald Rapids, family 6 model 207). So the core is chosen here from the CPU's features,
/// the way OpenBLAS itself picks for the models it knows, and passed in `OPENBLAS_CORETYPE`;
/// a value the user set is never replaced.
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

    /// The core for `cpu`, unless `environment` already names one.
    public static func choose(for cpu: CPU, environment: [String: String]) -> BLASCore? {
        if let own = environment["OPENBLAS_CORETYPE"], !own.isEmpty { return BLASCore(name: own, origin: .user) }
        return preferred(for: cpu).map { BLASCore(name: $0, origin: .cpuFeatures) }
    }

    /// The best kernel set for a CPU's features: the AVX-512 kernels (with the BF16 extension, the
    /// Cooper Lake set), else the AVX2 + FMA ones (AMD's Zen set on AMD), else none: OpenBLAS decides.
    public static func preferred(for cpu: CPU) -> String? {
        if cpu.hasAVX512 { return cpu.features.contains(.avx512BF16) ? "Cooperlake" : "SkylakeX" }
        if cpu.features.isSuperset(of: [.avx2, .fma]) { return cpu.vendor == "AuthenticAMD" ? "Zen" : "Haswell" }
        return nil
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
