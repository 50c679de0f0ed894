// Lane-wise math that Swift's SIMD types lower to per-lane libm calls on Linux (with errno
// checks); clang's elementwise builtins compile to single vector instructions instead.
// ext_vector_type(8) float imports into Swift as SIMD8<Float>.
typedef float neural_float8 __attribute__((ext_vector_type(8)));

/// The IEEE square root of each lane (one vsqrtps / two sqrtps).
static inline neural_float8 neural_sqrt8(neural_float8 x) {
    return __builtin_elementwise_sqrt(x);
}
