#include "cpu_features.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static void query(uint32_t leaf, uint32_t subleaf, uint32_t r[4]) {
    r[0] = r[1] = r[2] = r[3] = 0;
    if (__get_cpuid_max(leaf & 0x80000000u, 0) < leaf) return;
    __cpuid_count(leaf, subleaf, r[0], r[1], r[2], r[3]);
}

unsigned cpu_feature_mask(void) {
    uint32_t leaf1[4], leaf7[4], leaf7s1[4];
    query(1, 0, leaf1);
    query(7, 0, leaf7);
    query(7, 1, leaf7s1);
    uint64_t saved = 0;
    if (leaf1[2] & (1u << 27)) {   // OSXSAVE: XGETBV is available
        uint32_t low, high;
        __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
        saved = ((uint64_t)high << 32) | low;
    }
    int avx = (saved & 0x6) == 0x6, avx512 = avx && (saved & 0xE0) == 0xE0;
    unsigned mask = 0;
    if (avx && (leaf7[1] & (1u << 5))) mask |= CPU_FEATURE_AVX2;
    if (avx && (leaf1[2] & (1u << 12))) mask |= CPU_FEATURE_FMA;
    if (avx512 && (leaf7[1] & (1u << 16))) mask |= CPU_FEATURE_AVX512F;
    if (avx512 && (leaf7[1] & (1u << 17))) mask |= CPU_FEATURE_AVX512DQ;
    if (avx512 && (leaf7[1] & (1u << 30))) mask |= CPU_FEATURE_AVX512BW;
    if (avx512 && (leaf7[1] & (1u << 31))) mask |= CPU_FEATURE_AVX512VL;
    if (avx512 && (leaf7s1[0] & (1u << 5))) mask |= CPU_FEATURE_AVX512BF16;
    if (leaf7[3] & (1u << 24)) mask |= CPU_FEATURE_AMX_TILE;
    return mask;
}

void cpu_vendor(char vendor[13]) {
    uint32_t r[4];
    query(0, 0, r);
    memcpy(vendor, &r[1], 4);
    memcpy(vendor + 4, &r[3], 4);
    memcpy(vendor + 8, &r[2], 4);
    vendor[12] = 0;
}
#else
unsigned cpu_feature_mask(void) { return 0; }
void cpu_vendor(char vendor[13]) { vendor[0] = 0; }
#endif

const char *cpu_preferred_blas_core(unsigned features, int is_amd) {
    const unsigned avx512 = CPU_FEATURE_AVX512F | CPU_FEATURE_AVX512BW | CPU_FEATURE_AVX512DQ | CPU_FEATURE_AVX512VL;
    if ((features & avx512) == avx512) return (features & CPU_FEATURE_AVX512BF16) ? "Cooperlake" : "SkylakeX";
    const unsigned avx2 = CPU_FEATURE_AVX2 | CPU_FEATURE_FMA;
    if ((features & avx2) == avx2) return is_amd ? "Zen" : "Haswell";
    return NULL;
}

/// Before main: chooses OpenBLAS's kernels unless the user did (see the header).
__attribute__((constructor)) static void choose_blas_core(void) {
    const char *own = getenv("OPENBLAS_CORETYPE");
    if (own && own[0]) return;
    char vendor[13];
    cpu_vendor(vendor);
    const char *core = cpu_preferred_blas_core(cpu_feature_mask(), strcmp(vendor, "AuthenticAMD") == 0);
    if (!core) return;
    setenv("OPENBLAS_CORETYPE", core, 1);
    setenv(CPU_CHOSEN_BLAS_CORE_VARIABLE, core, 1);
}
