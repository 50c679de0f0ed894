// The matrix-product kernels, included once per variant by kernel_variants.c with VARIANT(name),
// GEMM_MR (rows of a micro-tile) and GEMM_NV (sixteen-float vectors across it) defined. No include
// guard: that is the point. See gemm_kernels.h for the one rounding order all of them keep.

#define GEMM_NR (GEMM_NV * 16)

// Packed operands: for each block of GEMM_KC depths (the last one shorter), op(a) as tiles of
// GEMM_MR rows (each depth × GEMM_MR values, a column of the tile per depth; block p0 starts at
// tiles × GEMM_MR × p0 floats), packed once for the whole product and shared by every part (the
// first part to need a tile claims and packs it, see gemm_claim_tiles); and one panel of op(b) at
// a time, GEMM_NR columns (depth × GEMM_NR values), packed by the part that uses it just before it
// does, so it is in the first-level cache. Rows and columns past the ends are 0.

static void VARIANT(gemm_pack_a_tile)(const gemm_problem *g, long tile, long p0, long depth, float *packed) {
    long first = tile * GEMM_MR, valid = g->m - first < GEMM_MR ? g->m - first : GEMM_MR;
    if (g->transpose_a) {
        // op(a)[i][p] = a[p][i]: a tile's rows lie side by side in each row of a.
        for (long p = 0; p < depth; p++) {
            const float *source = g->a + (p0 + p) * g->lda + first;
            for (long r = 0; r < GEMM_MR; r++) packed[p * GEMM_MR + r] = r < valid ? source[r] : 0;
        }
    } else {
        for (long r = 0; r < GEMM_MR; r++) {
            if (r >= valid) {
                for (long p = 0; p < depth; p++) packed[p * GEMM_MR + r] = 0;
                continue;
            }
            const float *source = g->a + (first + r) * g->lda + p0;
            for (long p = 0; p < depth; p++) packed[p * GEMM_MR + r] = source[p];
        }
    }
}

static void VARIANT(gemm_pack_b_panel)(const gemm_problem *g, long panel, long p0, long depth, float *packed) {
    long j0 = panel * GEMM_NR, valid = g->n - j0 < GEMM_NR ? g->n - j0 : GEMM_NR;
    if (g->transpose_b) {
        // op(b)[p][j] = b[j][p]: eight depths at a time, so each row of b is read in runs.
        for (long p = 0; p < depth; p += 8) {
            long run = depth - p < 8 ? depth - p : 8;
            for (long j = 0; j < GEMM_NR; j++) {
                if (j >= valid) {
                    for (long q = 0; q < run; q++) packed[(p + q) * GEMM_NR + j] = 0;
                    continue;
                }
                const float *source = g->b + (j0 + j) * g->ldb + p0 + p;
                for (long q = 0; q < run; q++) packed[(p + q) * GEMM_NR + j] = source[q];
            }
        }
    } else {
        for (long p = 0; p < depth; p++) {
            const float *source = g->b + (p0 + p) * g->ldb + j0;
            for (long j = 0; j < GEMM_NR; j++) packed[p * GEMM_NR + j] = j < valid ? source[j] : 0;
        }
    }
}

// A GEMM_MR × GEMM_NR tile of c: each element continues its chain of fused multiply-adds from c
// (or from 0) over `depth` depths, in order.
static inline void VARIANT(gemm_micro_tile)(long depth, const float *restrict a, const float *restrict b,
                                            float *restrict c, long ldc, int continue_chain) {
    float16_lanes sums[GEMM_MR][GEMM_NV];
#pragma clang loop unroll(full)
    for (int r = 0; r < GEMM_MR; r++)
#pragma clang loop unroll(full)
        for (int v = 0; v < GEMM_NV; v++) sums[r][v] = continue_chain ? LOAD16(c + r * ldc + v * 16) : (float16_lanes)0;
    for (long p = 0; p < depth; p++) {
        float16_lanes columns[GEMM_NV];
#pragma clang loop unroll(full)
        for (int v = 0; v < GEMM_NV; v++) columns[v] = LOAD16(b + p * GEMM_NR + v * 16);
#pragma clang loop unroll(full)
        for (int r = 0; r < GEMM_MR; r++) {
            float16_lanes row = (float16_lanes)(a[p * GEMM_MR + r]);
#pragma clang loop unroll(full)
            for (int v = 0; v < GEMM_NV; v++) sums[r][v] = __builtin_elementwise_fma(row, columns[v], sums[r][v]);
        }
    }
#pragma clang loop unroll(full)
    for (int r = 0; r < GEMM_MR; r++)
#pragma clang loop unroll(full)
        for (int v = 0; v < GEMM_NV; v++) STORE16(c + r * ldc + v * 16, sums[r][v]);
}

// One row of a tile: the row of packed a at `a` (its depths GEMM_MR apart) times the panel.
static inline void VARIANT(gemm_micro_row)(long depth, const float *restrict a, const float *restrict b,
                                           float *restrict c, int continue_chain) {
    float16_lanes sums[GEMM_NV];
#pragma clang loop unroll(full)
    for (int v = 0; v < GEMM_NV; v++) sums[v] = continue_chain ? LOAD16(c + v * 16) : (float16_lanes)0;
    for (long p = 0; p < depth; p++) {
        float16_lanes row = (float16_lanes)(a[p * GEMM_MR]);
#pragma clang loop unroll(full)
        for (int v = 0; v < GEMM_NV; v++) sums[v] = __builtin_elementwise_fma(row, LOAD16(b + p * GEMM_NR + v * 16), sums[v]);
    }
#pragma clang loop unroll(full)
    for (int v = 0; v < GEMM_NV; v++) STORE16(c + v * 16, sums[v]);
}

// A tile that does not fill GEMM_MR × GEMM_NR elements of c, or one stored transposed: computed in
// a tile of scratch (whole when it has most rows, else row by row), then copied out. `row_stride`
// and `column_stride` place the tile's element (r, j) at c[r * row_stride + j * column_stride].
static void VARIANT(gemm_scratch_tile)(long depth, const float *a, const float *b, float *c, long row_stride,
                                       long column_stride, long rows, long columns, int continue_chain) {
    float tile[GEMM_MR * GEMM_NR];
    for (long r = 0; r < GEMM_MR; r++)
        for (long j = 0; j < GEMM_NR; j++)
            tile[r * GEMM_NR + j] = continue_chain && r < rows && j < columns ? c[r * row_stride + j * column_stride] : 0;
    if (2 * rows > GEMM_MR)   // most rows: the whole tile (packed a holds zeros past `rows`)
        VARIANT(gemm_micro_tile)(depth, a, b, tile, GEMM_NR, continue_chain);
    else
        for (long r = 0; r < rows; r++) VARIANT(gemm_micro_row)(depth, a + r, b, tile + r * GEMM_NR, continue_chain);
    for (long r = 0; r < rows; r++)
        for (long j = 0; j < columns; j++) c[r * row_stride + j * column_stride] = tile[r * GEMM_NR + j];
}

// Whether c is better computed as its transpose: when c has fewer columns than a panel, most
// vector lanes would hold padding, and c's rows are the longer side.
static int VARIANT(gemm_transposes)(long m, long n) {
    long padded = (n + GEMM_NR - 1) / GEMM_NR * GEMM_NR * m, padded_transposed = (m + GEMM_NR - 1) / GEMM_NR * GEMM_NR * n;
    return padded_transposed < padded;
}

// The problem as computed: cᵀ = op(b)ᵀ · op(a)ᵀ multiplies the same pairs in the same order
// (fma(x, y, s) = fma(y, x, s)), so the transposed orientation gives the same bits.
static gemm_problem VARIANT(gemm_oriented)(const gemm_problem *p) {
    if (!VARIANT(gemm_transposes)(p->m, p->n)) return *p;
    gemm_problem swapped = {!p->transpose_b, !p->transpose_a, p->accumulate, p->n, p->m, p->k,
                            p->b, p->ldb, p->a, p->lda, p->c, p->ldc};
    return swapped;
}

// Whether c is one column of a not transposed: a matrix times a vector, whose rows are best read
// straight from a (packing them across, as tiles, would cost more than the product).
static int VARIANT(gemm_is_single_column)(const gemm_problem *g) { return g->n == 1 && g->m > 1 && !g->transpose_a; }

// Rows row_begin ..< row_end of a single-column product: eight rows' chains at a time, in scalar
// fused multiply-adds.
static void VARIANT(gemm_single_column)(const gemm_problem *g, long row_begin, long row_end) {
    long b_step = g->transpose_b ? 1 : g->ldb;   // op(b)[p][0]
    for (long i0 = row_begin; i0 < row_end; i0 += 8) {
        long rows = row_end - i0 < 8 ? row_end - i0 : 8;
        float sums[8];
        for (long r = 0; r < rows; r++) sums[r] = g->accumulate ? g->c[(i0 + r) * g->ldc] : 0;
        const float *a = g->a + i0 * g->lda;
        if (rows == 8) {
            for (long p = 0; p < g->k; p++) {
                float b = g->b[p * b_step];
#pragma clang loop unroll(full)
                for (int r = 0; r < 8; r++) sums[r] = __builtin_fmaf(a[r * g->lda + p], b, sums[r]);
            }
        } else {
            for (long p = 0; p < g->k; p++)
                for (long r = 0; r < rows; r++) sums[r] = __builtin_fmaf(a[r * g->lda + p], g->b[p * b_step], sums[r]);
        }
        for (long r = 0; r < rows; r++) g->c[(i0 + r) * g->ldc] = sums[r];
    }
}

static gemm_plan VARIANT(gemm_make_plan)(const gemm_problem *problem) {
    gemm_plan plan;
    gemm_problem g = VARIANT(gemm_oriented)(problem);
    plan.tiles = (g.m + GEMM_MR - 1) / GEMM_MR;
    plan.panels = (g.n + GEMM_NR - 1) / GEMM_NR;
    int single_column = VARIANT(gemm_is_single_column)(problem);   // packs nothing
    plan.packed_a_floats = single_column ? 0 : plan.tiles * GEMM_MR * g.k;
    plan.tile_flags = single_column ? 0 : plan.tiles * ((g.k + GEMM_KC - 1) / GEMM_KC);
    return plan;
}

// Makes sure tiles tile_begin ..< tile_end of the depth block at p0 are packed: packs each one no
// part has claimed yet (starting at first_tile, so parts that start at once pack different tiles),
// then waits for those another part is packing. A flag is 0 (unpacked), 1 (being packed), 2 (packed).
static void VARIANT(gemm_claim_tiles)(const gemm_problem *g, float *packed_a, unsigned char *flags, long p0,
                                      long depth, long tile_begin, long tile_end, long first_tile) {
    long tiles = (g->m + GEMM_MR - 1) / GEMM_MR, count = tile_end - tile_begin;
    unsigned char *block_flags = flags + (p0 / GEMM_KC) * tiles;
    for (long i = 0; i < count; i++) {
        long t = tile_begin + (first_tile - tile_begin + i) % count;
        unsigned char unpacked = 0;
        if (__atomic_load_n(&block_flags[t], __ATOMIC_RELAXED) == 0
            && __atomic_compare_exchange_n(&block_flags[t], &unpacked, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
            VARIANT(gemm_pack_a_tile)(g, t, p0, depth, packed_a + tiles * GEMM_MR * p0 + t * depth * GEMM_MR);
            __atomic_store_n(&block_flags[t], 2, __ATOMIC_RELEASE);
        }
    }
    for (long t = tile_begin; t < tile_end; t++)
        for (int spins = 0; __atomic_load_n(&block_flags[t], __ATOMIC_ACQUIRE) != 2; spins++)
            if (spins > 1000) sched_yield();   // its packer was preempted: let it run
}

static void VARIANT(gemm_compute)(const gemm_problem *problem, float *packed_a, unsigned char *flags, long tile_begin,
                                  long tile_end, long panel_begin, long panel_end, long first_tile) {
    if (VARIANT(gemm_is_single_column)(problem)) {
        // Oriented as its transpose (one row of tiles): the panels are ranges of c's rows.
        long row_end = panel_end * GEMM_NR < problem->m ? panel_end * GEMM_NR : problem->m;
        VARIANT(gemm_single_column)(problem, panel_begin * GEMM_NR, row_end);
        return;
    }
    float b[GEMM_KC * GEMM_NR] __attribute__((aligned(64)));
    int transposed = VARIANT(gemm_transposes)(problem->m, problem->n);
    gemm_problem g = VARIANT(gemm_oriented)(problem);
    // Element (i, j) of the oriented product is c[i * row_stride + j * column_stride].
    long row_stride = transposed ? 1 : g.ldc, column_stride = transposed ? g.ldc : 1;
    long tiles = (g.m + GEMM_MR - 1) / GEMM_MR;
    if (g.k == 0) {
        if (g.accumulate) return;
        long row_end = tile_end * GEMM_MR < g.m ? tile_end * GEMM_MR : g.m;
        long column_end = panel_end * GEMM_NR < g.n ? panel_end * GEMM_NR : g.n;
        for (long i = tile_begin * GEMM_MR; i < row_end; i++)
            for (long j = panel_begin * GEMM_NR; j < column_end; j++) g.c[i * row_stride + j * column_stride] = 0;
        return;
    }
    for (long p0 = 0; p0 < g.k; p0 += GEMM_KC) {
        long depth = g.k - p0 < GEMM_KC ? g.k - p0 : GEMM_KC;
        int continue_chain = g.accumulate || p0 > 0;
        VARIANT(gemm_claim_tiles)(&g, packed_a, flags, p0, depth, tile_begin, tile_end, first_tile);
        for (long panel = panel_begin; panel < panel_end; panel++) {
            long j0 = panel * GEMM_NR, columns = g.n - j0 < GEMM_NR ? g.n - j0 : GEMM_NR;
            VARIANT(gemm_pack_b_panel)(&g, panel, p0, depth, b);
            for (long t = tile_begin; t < tile_end; t++) {
                long i0 = t * GEMM_MR, rows = g.m - i0 < GEMM_MR ? g.m - i0 : GEMM_MR;
                const float *a = packed_a + tiles * GEMM_MR * p0 + t * depth * GEMM_MR;
                float *c = g.c + i0 * row_stride + j0 * column_stride;
                if (!transposed && rows == GEMM_MR && columns == GEMM_NR)
                    VARIANT(gemm_micro_tile)(depth, a, b, c, g.ldc, continue_chain);
                else
                    VARIANT(gemm_scratch_tile)(depth, a, b, c, row_stride, column_stride, rows, columns, continue_chain);
            }
        }
    }
}

#undef GEMM_NR
