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
    /// The floats of the scratch that holds op(a) packed (64-byte aligned), and the bytes of the
    /// flags that say which of its tiles are packed (zeroed before the product).
    long packed_a_floats, tile_flags;
} gemm_plan;

gemm_plan gemm_make_plan(kernel_variant variant, const gemm_problem *problem);

/// Computes c in `part_count` parts on up to `threads` threads (see parallel_parts.h). Part i is
/// `parts[5i ..< 5i + 5]`: tiles `tile_begin ..< tile_end`, panels `panel_begin ..< panel_end`, and
/// the tile it packs first. The parts must not overlap and must cover c; they share one scratch and
/// its flags: each tile of op(a) is packed once, by the first part to claim it (parts starting at
/// different tiles pack different ones), and op(b)'s panels by the part that uses them.
void gemm_compute(kernel_variant variant, const gemm_problem *problem, float *packed_a, unsigned char *tile_flags,
                  const long *parts, long part_count, long threads);

#endif
