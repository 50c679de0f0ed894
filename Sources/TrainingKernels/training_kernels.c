#include "training_kernels.h"
#include <math.h>

// a * b + c stays two roundings in every variant: the same bits with and without FMA units.
#pragma clang fp contract(off)

#if defined(__x86_64__)
// The loader picks the variant for this CPU once (an ifunc); each is the same C code vectorized
// for its instruction set.
#define WIDEST_VECTORS __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define WIDEST_VECTORS
#endif

typedef float float16_lanes __attribute__((ext_vector_type(16)));

// Unaligned loads and stores of sixteen floats (macros: a function passing these vectors by
// value would need one ABI for all three variants).
#define LOAD16(p) ({ float16_lanes loaded_; __builtin_memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
#define STORE16(p, v) do { float16_lanes stored_ = (v); __builtin_memcpy((p), &stored_, sizeof stored_); } while (0)

WIDEST_VECTORS
void training_adam_step(float *weights, const float *gradient, float *first_moment, float *second_moment,
                        long count, float alpha, float one_minus_beta1, float one_minus_beta2, float epsilon) {
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        float16_lanes g = LOAD16(gradient + i), m = LOAD16(first_moment + i), v = LOAD16(second_moment + i);
        m = m + (g - m) * one_minus_beta1;
        v = v + (g * g - v) * one_minus_beta2;
        STORE16(first_moment + i, m);
        STORE16(second_moment + i, v);
        STORE16(weights + i, LOAD16(weights + i) - m * alpha / (__builtin_elementwise_sqrt(v) + epsilon));
    }
    for (; i < count; i++) {
        float g = gradient[i];
        first_moment[i] = first_moment[i] + (g - first_moment[i]) * one_minus_beta1;
        second_moment[i] = second_moment[i] + (g * g - second_moment[i]) * one_minus_beta2;
        weights[i] = weights[i] - first_moment[i] * alpha / (__builtin_sqrtf(second_moment[i]) + epsilon);
    }
}

WIDEST_VECTORS
void training_column_sums(const float *restrict matrix, long rows, long width, float *restrict sums) {
    for (long c = 0; c < width; c++) sums[c] = 0;
    for (long r = 0; r < rows; r++) {
        const float *row = matrix + r * width;
        for (long c = 0; c < width; c++) sums[c] += row[c];
    }
}

WIDEST_VECTORS
void training_relu(float *values, long count) {
    for (long i = 0; i < count; i++) values[i] = values[i] < 0 ? 0 : values[i];
}

WIDEST_VECTORS
void training_relu_gradient(const float *gradient, const float *preactivation, float *result, long count) {
    for (long i = 0; i < count; i++) result[i] = preactivation[i] <= 0 ? 0 : gradient[i];
}

WIDEST_VECTORS
int training_all_finite(const float *values, long count) {
    // x * 0 is 0 for finite x and NaN for infinities and NaN; the lanes' sums carry any NaN.
    float16_lanes total = 0;
    long i = 0;
    for (; i + 16 <= count; i += 16) total += LOAD16(values + i) * 0.0f;
    float rest = 0;
    for (; i < count; i++) rest += values[i] * 0.0f;
    for (int lane = 0; lane < 16; lane++) rest += total[lane];
    return rest == 0;
}
