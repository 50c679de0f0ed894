// The elementwise training loops, included once per variant by kernel_variants.c with
// VARIANT(name) naming this variant's copy. No include guard: that is the point.

static void VARIANT(adam_step)(float *weights, const float *gradient, float *first_moment, float *second_moment,
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

static void VARIANT(column_sums)(const float *restrict matrix, long rows, long width, float *restrict sums) {
    for (long c = 0; c < width; c++) sums[c] = 0;
    for (long r = 0; r < rows; r++) {
        const float *row = matrix + r * width;
        for (long c = 0; c < width; c++) sums[c] += row[c];
    }
}

static void VARIANT(relu)(float *values, long count) {
    for (long i = 0; i < count; i++) values[i] = values[i] < 0 ? 0 : values[i];
}

static void VARIANT(relu_gradient)(const float *gradient, const float *preactivation, float *result, long count) {
    for (long i = 0; i < count; i++) result[i] = preactivation[i] <= 0 ? 0 : gradient[i];
}

static int VARIANT(all_finite)(const float *values, long count) {
    // x * 0 is 0 for finite x and NaN for infinities and NaN; the lanes' sums carry any NaN.
    float16_lanes total = 0;
    long i = 0;
    for (; i + 16 <= count; i += 16) total += LOAD16(values + i) * 0.0f;
    float rest = 0;
    for (; i < count; i++) rest += values[i] * 0.0f;
    for (int lane = 0; lane < 16; lane++) rest += total[lane];
    return rest == 0;
}
