internal import BLAS
internal import TrainingKernels

/// The variant of `NumericKernels.current`, as the C kernels take it.
var kernelVariantInForce: kernel_variant { NumericKernels.current.variant.code }

extension NumericKernels.Variant {
    /// The variant as the C kernels name it.
    var code: kernel_variant {
        switch self {
        case .avx512: KERNEL_VARIANT_AVX512
        case .avx2: KERNEL_VARIANT_AVX2
        case .portable: KERNEL_VARIANT_PORTABLE
        }
    }
}
