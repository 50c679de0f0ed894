import Testing
@testable import BLAS

/// The environment's choice of kernels: each name, a CPU that lacks a variant, thread counts, and
/// OpenBLAS only when asked for.
@Suite struct NumericKernelsTests {
    static let zen4 = CPU(modelName: "AMD EPYC", vendor: "AuthenticAMD",
                          features: [.avx2, .fma, .avx512F, .avx512BW, .avx512DQ, .avx512VL, .avx512BF16])
    static let zen3 = CPU(modelName: "AMD EPYC", vendor: "AuthenticAMD", features: [.avx2, .fma])
    static let old = CPU(modelName: "old", vendor: "GenuineIntel", features: [])

    @Test func theDefaultIsTheWidestVariantOnEveryCoreReproducibly() {
        let (kernels, problems) = NumericKernels.configuration(from: [:], cpu: Self.zen4, cores: 2)
        #expect(kernels == NumericKernels(variant: .avx512, threads: 2, matrixProducts: .reproducible) && problems.isEmpty)
        #expect(NumericKernels.configuration(from: [:], cpu: Self.zen3, cores: 8).0.variant == .avx2)
        #expect(NumericKernels.configuration(from: [:], cpu: Self.old, cores: 1).0.variant == .portable)
        #expect(NumericKernels.runnable(on: Self.zen3) == [.avx2, .portable])
    }

    @Test func theEnvironmentNamesTheVariantThreadsAndProducts() {
        let environment = ["SWIFT_NOTEBOOKS_KERNELS": "AVX2", "SWIFT_NOTEBOOKS_THREADS": "3", "SWIFT_NOTEBOOKS_MATMUL": "openblas"]
        let (kernels, problems) = NumericKernels.configuration(from: environment, cpu: Self.zen4, cores: 2)
        #expect(kernels == NumericKernels(variant: .avx2, threads: 3, matrixProducts: .openBLAS) && problems.isEmpty)
        #expect(NumericKernels.configuration(from: ["SWIFT_NOTEBOOKS_KERNELS": "portable"], cpu: Self.zen4, cores: 2).0.variant == .portable)
    }

    @Test func aSettingThatCannotBeFollowedIsNamedAndTheDefaultKept() {
        let (kernels, problems) = NumericKernels.configuration(
            from: ["SWIFT_NOTEBOOKS_KERNELS": "avx512", "SWIFT_NOTEBOOKS_THREADS": "0", "SWIFT_NOTEBOOKS_MATMUL": "mkl"],
            cpu: Self.zen3, cores: 2)
        #expect(kernels == NumericKernels(variant: .avx2, threads: 2))
        #expect(problems == [
            "SWIFT_NOTEBOOKS_KERNELS=avx512: this CPU cannot run it (this CPU runs avx2, portable); using avx2",
            "SWIFT_NOTEBOOKS_THREADS=0: not a positive whole number; using 2",
            "SWIFT_NOTEBOOKS_MATMUL=mkl: expected reproducible or openblas; using reproducible",
        ])
        #expect(NumericKernels.configuration(from: ["SWIFT_NOTEBOOKS_KERNELS": "neon"], cpu: Self.zen3, cores: 2).problems
                == ["SWIFT_NOTEBOOKS_KERNELS=neon: not a variant (this CPU runs avx2, portable); using avx2"])
    }

    @Test func anOverrideHoldsForItsBodyOnly() {
        let before = NumericKernels.current
        let portable = NumericKernels(variant: .portable, threads: 3)
        NumericKernels.with(portable) { #expect(NumericKernels.current == portable) }
        #expect(NumericKernels.current == before)
    }
}
