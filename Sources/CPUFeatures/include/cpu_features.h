// The processor's vector features and the OpenBLAS kernels chosen for them. The choice is made
// in a constructor, before main (or, in a library, while it loads) and so before any other
// thread runs: OpenBLAS reads OPENBLAS_CORETYPE only when it loads, and changing the
// environment while other threads read it is not safe.
#ifndef CPU_FEATURES_H
#define CPU_FEATURES_H

/// Feature bits, as `cpu_feature_mask` reports them.
enum {
    CPU_FEATURE_AVX2 = 1 << 0,
    CPU_FEATURE_FMA = 1 << 1,
    CPU_FEATURE_AVX512F = 1 << 2,
    CPU_FEATURE_AVX512BW = 1 << 3,
    CPU_FEATURE_AVX512DQ = 1 << 4,
    CPU_FEATURE_AVX512VL = 1 << 5,
    CPU_FEATURE_AVX512BF16 = 1 << 6,
    CPU_FEATURE_AMX_TILE = 1 << 7,
};

/// The features this process can use: CPUID's, kept only where the operating system saves the
/// registers they need (XCR0).
unsigned cpu_feature_mask(void);

/// `GenuineIntel`, `AuthenticAMD`, or "" without CPUID; written into `vendor` (13 bytes).
void cpu_vendor(char vendor[13]);

/// OpenBLAS's name of the best kernels for `features` (`Cooperlake`, `SkylakeX`, `Haswell`,
/// `Zen`), or NULL to leave the choice to OpenBLAS.
const char *cpu_preferred_blas_core(unsigned features, int is_amd);

/// The environment variable that records a core chosen by `cpu_preferred_blas_core` (rather
/// than by the user), so that children of this process can tell the two apart.
#define CPU_CHOSEN_BLAS_CORE_VARIABLE "SWIFT_NOTEBOOKS_BLAS_CORE"

#endif
