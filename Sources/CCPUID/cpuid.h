// The x86 CPUID and XGETBV instructions, which Swift cannot issue itself (header only, nothing to link).
#include <stdint.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

/// Registers EAX, EBX, ECX, EDX of CPUID leaf `leaf`, sub-leaf `subleaf`; all zero when the CPU has no such leaf.
static inline void cpuid_query(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    registers[0] = registers[1] = registers[2] = registers[3] = 0;
    if (__get_cpuid_max(leaf & 0x80000000u, 0) < leaf) return;
    __cpuid_count(leaf, subleaf, registers[0], registers[1], registers[2], registers[3]);
}

/// The XCR0 register: which vector registers the operating system saves (bits 1-2 SSE/AVX, 5-7 AVX-512).
static inline uint64_t cpuid_enabled_state(void) {
    uint32_t low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((uint64_t)high << 32) | low;
}
#else
static inline void cpuid_query(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    registers[0] = registers[1] = registers[2] = registers[3] = 0;
}
static inline uint64_t cpuid_enabled_state(void) { return 0; }
#endif
