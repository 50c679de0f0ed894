// Every kernel compiled once per variant (the same source each time, for another instruction
// set), and the entry points that run the variant the caller names.
#include "gemm_kernels.h"
#include "kernel_variant.h"
#include "parallel_parts.h"
#include "training_kernels.h"
#include "variants/vectors.h"
#include <sched.h>
#include <stdlib.h>

// a * b + c stays two roundings unless the code asks for a fused multiply-add: the same bits with
// and without FMA units.
#pragma clang fp contract(off)

// Depths per block of a matrix product: a packed panel of b (GEMM_KC × GEMM_NR floats) stays in
// the first-level cache while every row tile of a passes over it.
#define GEMM_KC 128

// The portable variant: the x86-64 baseline (fused multiply-adds through fmaf) or any other CPU.
#define VARIANT(name) name##_portable
#define GEMM_MR 4
#define GEMM_NV 1
#include "variants/elementwise.h"
#include "variants/gemm.h"
#undef VARIANT
#undef GEMM_MR
#undef GEMM_NV

#if defined(__x86_64__)
// AVX2: 6 × 16 tiles, twelve accumulators of the sixteen ymm registers.
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define VARIANT(name) name##_avx2
#define GEMM_MR 6
#define GEMM_NV 1
#include "variants/elementwise.h"
#include "variants/gemm.h"
#undef VARIANT
#undef GEMM_MR
#undef GEMM_NV
#pragma clang attribute pop

// AVX-512: 12 × 32 tiles, twenty-four accumulators of the thirty-two zmm registers.
#pragma clang attribute push(__attribute__((target("avx512f,avx2,fma"))), apply_to = function)
#define VARIANT(name) name##_avx512
#define GEMM_MR 12
#define GEMM_NV 2
#include "variants/elementwise.h"
#include "variants/gemm.h"
#undef VARIANT
#undef GEMM_MR
#undef GEMM_NV
#pragma clang attribute pop

#define PICK(variant, name) \
    ((variant) == KERNEL_VARIANT_AVX512 ? name##_avx512 : (variant) == KERNEL_VARIANT_AVX2 ? name##_avx2 : name##_portable)

int kernel_variant_compiled(kernel_variant variant) { return variant >= KERNEL_VARIANT_PORTABLE && variant <= KERNEL_VARIANT_AVX512; }
#else
#define PICK(variant, name) name##_portable

int kernel_variant_compiled(kernel_variant variant) { return variant == KERNEL_VARIANT_PORTABLE; }
#endif

void training_adam_step(kernel_variant variant, float *weights, const float *gradient, float *first_moment,
                        float *second_moment, long count, float alpha, float one_minus_beta1, float one_minus_beta2,
                        float epsilon) {
    PICK(variant, adam_step)(weights, gradient, first_moment, second_moment, count, alpha, one_minus_beta1,
                             one_minus_beta2, epsilon);
}

void training_column_sums(kernel_variant variant, const float *matrix, long rows, long width, float *sums) {
    PICK(variant, column_sums)(matrix, rows, width, sums);
}

void training_relu(kernel_variant variant, float *values, long count) { PICK(variant, relu)(values, count); }

void training_relu_gradient(kernel_variant variant, const float *gradient, const float *preactivation, float *result,
                            long count) {
    PICK(variant, relu_gradient)(gradient, preactivation, result, count);
}

int training_all_finite(kernel_variant variant, const float *values, long count) {
    return PICK(variant, all_finite)(values, count);
}

gemm_plan gemm_make_plan(kernel_variant variant, const gemm_problem *problem) {
    return PICK(variant, gemm_make_plan)(problem);
}

typedef struct {
    kernel_variant variant;
    const gemm_problem *problem;
    float *packed_a;
    unsigned char *tile_flags;
    const long *parts;
} gemm_parts;

static void gemm_compute_part(void *context, long part) {
    const gemm_parts *p = context;
    const long *row = p->parts + 5 * part;
    PICK(p->variant, gemm_compute)(p->problem, p->packed_a, p->tile_flags, row[0], row[1], row[2], row[3], row[4]);
}

void gemm_compute(kernel_variant variant, const gemm_problem *problem, float *packed_a, unsigned char *tile_flags,
                  const long *parts, long part_count, long threads) {
    gemm_parts context = {variant, problem, packed_a, tile_flags, parts};
    kernels_run_parts(part_count, threads, gemm_compute_part, &context);
}
