import BLAS
import Foundation
import Testing

@Suite struct BLASCoreTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let vendor: String
        let features: Set<CPU.Feature>
        let expected: String?
        var testDescription: String { "\(vendor) \(features.sorted().map(\.rawValue)) -> \(expected ?? "OpenBLAS decides")" }
    }

    static let avx512: Set<CPU.Feature> = [.avx2, .fma, .avx512F, .avx512BW, .avx512DQ, .avx512VL]

    static let cases: [Case] = [
        // Sapphire/Emerald Rapids (family 6, model 207), which OpenBLAS 0.3.21 takes for a Prescott.
        Case(vendor: "GenuineIntel", features: avx512.union([.avx512BF16, .amxTile]), expected: "Cooperlake"),
        Case(vendor: "GenuineIntel", features: avx512, expected: "SkylakeX"),
        // Zen 4 has AVX-512 with BF16.
        Case(vendor: "AuthenticAMD", features: avx512.union([.avx512BF16]), expected: "Cooperlake"),
        Case(vendor: "GenuineIntel", features: [.avx2, .fma], expected: "Haswell"),
        Case(vendor: "AuthenticAMD", features: [.avx2, .fma], expected: "Zen"),
        // AVX-512 without the BW/DQ/VL subset (Knights Landing) is not enough for the SkylakeX kernels.
        Case(vendor: "GenuineIntel", features: [.avx2, .fma, .avx512F], expected: "Haswell"),
        Case(vendor: "GenuineIntel", features: [.avx2], expected: nil),
        Case(vendor: "", features: [], expected: nil),
    ]

    @Test(arguments: cases)
    func theCoreFollowsTheFeatures(_ c: Case) {
        let cpu = CPU(modelName: "test", vendor: c.vendor, features: c.features)
        #expect(BLASCore.preferred(for: cpu) == c.expected)
    }

    @Test func theCoreInTheEnvironmentSaysWhoChoseIt() {
        #expect(BLASCore.chosen(in: ["OPENBLAS_CORETYPE": "Haswell"]) == BLASCore(name: "Haswell", origin: .user))
        #expect(BLASCore.chosen(in: ["OPENBLAS_CORETYPE": "SkylakeX", "SWIFT_NOTEBOOKS_BLAS_CORE": "SkylakeX"])
                == BLASCore(name: "SkylakeX", origin: .cpuFeatures))
        // A child of a process that chose, whose user then set another core: the user's.
        #expect(BLASCore.chosen(in: ["OPENBLAS_CORETYPE": "Haswell", "SWIFT_NOTEBOOKS_BLAS_CORE": "SkylakeX"])?.origin == .user)
        #expect(BLASCore.chosen(in: ["OPENBLAS_CORETYPE": ""]) == nil && BLASCore.chosen(in: [:]) == nil)
    }

    /// On this machine: the core was chosen before main (unless the user chose), and the loaded
    /// library runs it (never the generic kernels on a CPU with AVX2).
    @Test func theLoadedLibraryRunsTheChosenKernels() throws {
        let setup = OpenBLAS.setup
        let chosen = try #require(BLASCore.chosen(in: ProcessInfo.processInfo.environment))
        if chosen.origin == .cpuFeatures {
            #expect(chosen.name == BLASCore.preferred(for: .current))
        }
        #expect(setup.core == chosen)
        if CPU.current.features.contains(.avx2) {
            #expect(!["Prescott", "Core2", "Nehalem", "Sandybridge"].contains(setup.core.name))
        }
        #expect(setup.configuration.hasPrefix("OpenBLAS"))
    }

    @Test func sgemmMultipliesRowMajorMatrices() {
        // [[1, 2, 3], [4, 5, 6]] • [[1, 0], [0, 1], [1, 1]] = [[4, 5], [10, 11]]; then its transpose trick.
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [1, 0, 0, 1, 1, 1]
        var c = [Float](repeating: 0, count: 4)
        OpenBLAS.sgemm(transposeA: false, transposeB: false, m: 2, n: 2, k: 3, alpha: 1, a: a, lda: 3, b: b, ldb: 2,
                       beta: 0, c: &c, ldc: 2)
        #expect(c == [4, 5, 10, 11])
        // aᵀ • a with a as given: [[17, 22, 27], [22, 29, 36], [27, 36, 45]].
        var gram = [Float](repeating: 0, count: 9)
        OpenBLAS.sgemm(transposeA: true, transposeB: false, m: 3, n: 3, k: 2, alpha: 1, a: a, lda: 3, b: a, ldb: 3,
                       beta: 0, c: &gram, ldc: 3)
        #expect(gram == [17, 22, 27, 22, 29, 36, 27, 36, 45])
    }
}
