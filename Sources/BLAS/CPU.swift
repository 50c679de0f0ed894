internal import CCPUID
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
    }

    public init(modelName: String, vendor: String, features: Set<Feature>) {
        self.modelName = modelName
        self.vendor = vendor
        self.features = features
    }

    /// The processor running this process, read once.
    public static let current = CPU(modelName: readModelName(), vendor: readVendor(), features: readFeatures())

    /// Whether the processor has every feature of the AVX-512 subset the BLAS kernels need.
    public var hasAVX512: Bool { features.isSuperset(of: [.avx512F, .avx512BW, .avx512DQ, .avx512VL]) }

    /// `Intel(R) Xeon(R) Processor (AVX2, FMA, AVX-512F/BW/DQ/VL, AVX-512 BF16, AMX)`.
    public var summary: String {
        var names = features.sorted().filter { !$0.rawValue.hasPrefix("AVX-512") || $0 == .avx512BF16 }.map(\.rawValue)
        if hasAVX512 { names.insert("AVX-512F/BW/DQ/VL", at: names.firstIndex(of: "AVX-512 BF16") ?? names.endIndex) }
        return names.isEmpty ? modelName : "\(modelName) (\(names.joined(separator: ", ")))"
    }

    // MARK: - Reading the processor

    private static func readModelName() -> String {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) }
            ?? "unknown processor"
    }

    private static func registers(leaf: UInt32, subleaf: UInt32 = 0) -> [UInt32] {
        var values: [UInt32] = [0, 0, 0, 0]
        values.withUnsafeMutableBufferPointer { cpuid_query(leaf, subleaf, $0.baseAddress) }
        return values
    }

    private static func readVendor() -> String {
        #if !(arch(x86_64) || arch(i386))
        return ""
        #else
        let leaf0 = registers(leaf: 0)
        return [leaf0[1], leaf0[3], leaf0[2]].map { word in
            String(decoding: (0..<4).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) }, as: UTF8.self)
        }.joined()
        #endif
    }

    /// Features from CPUID leaves 1 and 7, kept only where XCR0 shows the operating system saves
    /// the registers they use (AVX: XMM and YMM state; AVX-512: opmask and ZMM state too).
    private static func readFeatures() -> Set<Feature> {
        #if !(arch(x86_64) || arch(i386))
        return []
        #else
        let leaf1 = registers(leaf: 1), leaf7 = registers(leaf: 7), leaf7s1 = registers(leaf: 7, subleaf: 1)
        let osSaves = leaf1[2] & (1 << 27) != 0 ? cpuid_enabled_state() : 0
        let avxState = osSaves & 0b110 == 0b110, avx512State = avxState && osSaves & 0b1110_0000 == 0b1110_0000
        func bit(_ register: UInt32, _ index: UInt32) -> Bool { register & (1 << index) != 0 }
        var features: Set<Feature> = []
        if avxState {
            if bit(leaf7[1], 5) { features.insert(.avx2) }
            if bit(leaf1[2], 12) { features.insert(.fma) }
        }
        if avx512State {
            if bit(leaf7[1], 16) { features.insert(.avx512F) }
            if bit(leaf7[1], 17) { features.insert(.avx512DQ) }
            if bit(leaf7[1], 30) { features.insert(.avx512BW) }
            if bit(leaf7[1], 31) { features.insert(.avx512VL) }
            if bit(leaf7s1[0], 5) { features.insert(.avx512BF16) }
        }
        if bit(leaf7[3], 24) { features.insert(.amxTile) }
        return features
        #endif
    }
}
