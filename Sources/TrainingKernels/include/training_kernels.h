// The elementwise loops of training, in C so that each is compiled for the widest vectors this
// processor has (see kernel_variant.h). No fused multiply-add and no reordered sums, so every
// variant gives the same bits.
#ifndef TRAINING_KERNELS_H
#define TRAINING_KERNELS_H

#include "kernel_variant.h"

/// One Adam step on `count` weights, in Keras' form and in this order:
/// `m += (g - m) * one_minus_beta1`, `v += (g * g - v) * one_minus_beta2`,
/// `w -= m * alpha / (sqrt(v) + epsilon)`.
void training_adam_step(kernel_variant variant, float *weights, const float *gradient, float *first_moment,
                        float *second_moment, long count, float alpha, float one_minus_beta1, float one_minus_beta2,
                        float epsilon);

/// `sums[c] = Σ_r matrix[r * width + c]`, adding the rows in order (so each column's sum is the
/// same as a plain loop's).
void training_column_sums(kernel_variant variant, const float *matrix, long rows, long width, float *sums);

/// `values[i] = values[i] < 0 ? 0 : values[i]`, in place (NaN stays NaN, as in `max(0, x)` of Keras).
void training_relu(kernel_variant variant, float *values, long count);

/// ReLU's gradient: `result[i] = preactivation[i] <= 0 ? 0 : gradient[i]`; `result` may be `gradient`.
void training_relu_gradient(kernel_variant variant, const float *gradient, const float *preactivation, float *result,
                            long count);

/// 1 when every value is finite, else 0.
int training_all_finite(kernel_variant variant, const float *values, long count);

#endif
