// The compiled variants of the training kernels. Every kernel exists once per variant, each the
// same C code compiled for one instruction set; every variant performs the same IEEE operations
// in the same order (fused multiply-adds where the code says so, no reordered sums), so all of
// them give the same bits. The caller names the variant, so a test can run each one this CPU has.
#ifndef KERNEL_VARIANT_H
#define KERNEL_VARIANT_H

/// The instruction sets the kernels are compiled for.
typedef enum {
    /// The x86-64 baseline (or any other processor): fused multiply-adds through `fmaf`.
    KERNEL_VARIANT_PORTABLE = 0,
    /// AVX2 with FMA.
    KERNEL_VARIANT_AVX2 = 1,
    /// AVX-512 (F, with AVX2 and FMA).
    KERNEL_VARIANT_AVX512 = 2,
} kernel_variant;

/// Whether this build holds the variant (the AVX ones only on x86-64).
int kernel_variant_compiled(kernel_variant variant);

#endif
