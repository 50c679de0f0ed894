internal import CPUFeatures
import Foundation

/// The processor this process runs on: its name and the vector features that decide which
/// matrix-product kernels run fastest on it.
public struct CPU: Sendable, Equatable {
    /// The model name the operating system reports (`Intel(R) Xeon(R) Processor`, `AMD EPYC 9R14`).
    public let modelName: String
    /// `GenuineIntel`, `AuthenticAMD`, or empty on processors without CPUID.
    public let vendor: String
    /// The features found, usable by this process (the operating system saves their registers).
    public let features: Set<Feature>

    /// Vector features that select BLAS kernels.
    public enum Feature: String, Sendable, CaseIterable, Comparable {
        case avx2 = "AVX2", fma = "FMA"
        case avx512F = "AVX-512F", avx512BW = "AVX-512BW", avx512DQ = "AVX-512DQ", avx512VL = "AVX-512VL"
        case avx512BF16 = "AVX-512 BF16"
        case amxTile = "AMX"

        public static func < (a: Feature, b: Feature) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }

        /// The feature's bit in `cpu_feature_mask`.
        var bit: UInt32 {
            switch self {
            case .avx2: UInt32(CPU_FEATURE_AVX2)
            case .fma: UInt32(CPU_FEATURE_FMA)
            case .avx512F: UInt32(CPU_FEATURE_AVX512F)
            case .avx512BW: UInt32(CPU_FEATURE_AVX512BW)
            case .avx512DQ: UInt32(CPU_FEATURE_AVX512DQ)
            case .avx512VL: UInt32(CPU_FEATURE_AVX512VL)
            case .avx512BF16: UInt32(CPU_FEATURE_AVX512BF16)
            case .amxTile: UInt32(CPU_FEATURE_AMX_TILE)
            }
        }
    }

    public init(modelName: String, vendor: String, features: Set<Feature>) {
        self.modelName = modelName
        self.vendor = vendor
        self.features = features
    }

    /// The processor running this process, read once.
    public static let current: CPU = {
        var vendor = [CChar](repeating: 0, count: 13)
        cpu_vendor(&vendor)
        let mask = cpu_feature_mask()
        return CPU(modelName: readModelName(), vendor: String(decoding: vendor.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                   features: Set(Feature.allCases.filter { mask & $0.bit != 0 }))
    }()

    /// The features as `cpu_feature_mask` writes them.
    var featureMask: UInt32 { features.reduce(0) { $0 | $1.bit } }

    /// Whether the processor has every feature of the AVX-512 subset the BLAS kernels need.
    public var hasAVX512: Bool { features.isSuperset(of: [.avx512F, .avx512BW, .avx512DQ, .avx512VL]) }

    /// `Intel(R) Xeon(R) Processor (AVX2, FMA, AVX-512F/BW/DQ/VL, AVX-512 BF16, AMX)`.
    public var summary: String {
        var names = features.sorted().filter { !$0.rawValue.hasPrefix("AVX-512") || $0 == .avx512BF16 }.map(\.rawValue)
        if hasAVX512 { names.insert("AVX-512F/BW/DQ/VL", at: names.firstIndex(of: "AVX-512 BF16") ?? names.endIndex) }
        return names.isEmpty ? modelName : "\(modelName) (\(names.joined(separator: ", ")))"
    }

    private static func readModelName() -> String {
        // Only the name shown depends on it (no /proc: "unknown processor"); features come from CPUID.
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) }
            ?? "unknown processor"
    }
}
