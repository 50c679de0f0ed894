// Single-precision matrix products with one rounding order on every processor: each output
// element is one chain of fused multiply-adds over k in increasing order, started from 0 (or
// from the output's value when accumulating). Blocking over k stores the chain's value in the
// output and loads it back to continue, so the result is `c = fmaf(a[i][p], b[p][j], c)` for
// p = 0 ..< k whatever the variant, the tile sizes or the way the work is split into parts.
#ifndef GEMM_KERNELS_H
#define GEMM_KERNELS_H

#include "kernel_variant.h"

/// `c = op(a) · op(b)` (or `c += …` when `accumulate`), all row-major; `op` transposes when asked.
typedef struct {
    int transpose_a, transpose_b, accumulate;
    long m, n, k;
    const float *a;
    long lda;
    const float *b;
    long ldb;
    float *c;
    long ldc;
} gemm_problem;

/// How `gemm_pack` and `gemm_compute` cut a product: into row tiles and column panels of c, or of
/// cᵀ when c has fewer columns than a panel (fewer padded vector lanes; the same bits).
typedef struct {
    long tiles, panels;
    /// The floats of the scratch that holds op(a) packed (64-byte aligned).
    long packed_a_floats;
} gemm_plan;

gemm_plan gemm_make_plan(kernel_variant variant, const gemm_problem *problem);

/// Packs op(a)'s tiles `tile_begin ..< tile_end` into the scratch; parts that do not overlap may
/// be packed at once on different threads.
void gemm_pack(kernel_variant variant, const gemm_problem *problem, float *packed_a, long tile_begin, long tile_end);

/// Computes the elements of c in tiles `tile_begin ..< tile_end` and panels `panel_begin ..< panel_end`
/// (packing op(b)'s panels as it goes), once every tile of op(a) is packed. Parts that do not
/// overlap may run at once on different threads.
void gemm_compute(kernel_variant variant, const gemm_problem *problem, const float *packed_a, long tile_begin,
                  long tile_end, long panel_begin, long panel_end);

#endif
