// Convolution's and pooling's loops (see image_kernels.h). Copies and comparisons, and sums in a
// fixed order: no variants are needed for the same bits.
#include "image_kernels.h"
#include <string.h>

#pragma clang fp contract(off)

void image_to_columns(const image_window *w, const float *input, float *columns) {
    const long row_length = w->window_height * w->window_width * w->channels;
    const long channels = w->channels;
    float *row = columns;
    for (long b = 0; b < w->batch; b++) {
        const float *image = input + b * w->height * w->width * channels;
        for (long i = 0; i < w->out_height; i++) {
            for (long j = 0; j < w->out_width; j++, row += row_length) {
                float *entry = row;
                for (long di = 0; di < w->window_height; di++) {
                    const long y = i * w->stride_height - w->pad_top + di;
                    for (long dj = 0; dj < w->window_width; dj++, entry += channels) {
                        const long x = j * w->stride_width - w->pad_left + dj;
                        if (y < 0 || y >= w->height || x < 0 || x >= w->width) {
                            memset(entry, 0, (size_t)channels * sizeof(float));
                        } else {
                            memcpy(entry, image + (y * w->width + x) * channels, (size_t)channels * sizeof(float));
                        }
                    }
                }
            }
        }
    }
}

void columns_to_image(const image_window *w, const float *columns, float *image_out) {
    const long channels = w->channels;
    const long row_length = w->window_height * w->window_width * channels;
    memset(image_out, 0, (size_t)(w->batch * w->height * w->width * channels) * sizeof(float));
    const float *row = columns;
    for (long b = 0; b < w->batch; b++) {
        float *image = image_out + b * w->height * w->width * channels;
        for (long i = 0; i < w->out_height; i++) {
            for (long j = 0; j < w->out_width; j++, row += row_length) {
                const float *entry = row;
                for (long di = 0; di < w->window_height; di++) {
                    const long y = i * w->stride_height - w->pad_top + di;
                    for (long dj = 0; dj < w->window_width; dj++, entry += channels) {
                        const long x = j * w->stride_width - w->pad_left + dj;
                        if (y < 0 || y >= w->height || x < 0 || x >= w->width) continue;
                        float *pixel = image + (y * w->width + x) * channels;
                        for (long c = 0; c < channels; c++) pixel[c] += entry[c];
                    }
                }
            }
        }
    }
}

void image_max_pool(const image_window *w, const float *input, float *output, long *argmax) {
    const long channels = w->channels;
    long out = 0;
    for (long b = 0; b < w->batch; b++) {
        const long image = b * w->height * w->width * channels;
        for (long i = 0; i < w->out_height; i++) {
            for (long j = 0; j < w->out_width; j++) {
                for (long c = 0; c < channels; c++, out++) {
                    long best = -1;
                    for (long di = 0; di < w->window_height; di++) {
                        const long y = i * w->stride_height - w->pad_top + di;
                        if (y < 0 || y >= w->height) continue;
                        for (long dj = 0; dj < w->window_width; dj++) {
                            const long x = j * w->stride_width - w->pad_left + dj;
                            if (x < 0 || x >= w->width) continue;
                            const long index = image + (y * w->width + x) * channels + c;
                            if (best < 0 || input[index] > input[best]) best = index;
                        }
                    }
                    argmax[out] = best;
                    output[out] = input[best];
                }
            }
        }
    }
}

void image_max_pool_gradient(const float *output_gradient, const long *argmax, long output_count, float *input_gradient,
                             long input_count) {
    memset(input_gradient, 0, (size_t)input_count * sizeof(float));
    for (long k = 0; k < output_count; k++) input_gradient[argmax[k]] += output_gradient[k];
}

void image_channel_means(const float *input, long batch, long pixels, long channels, float *means) {
    for (long b = 0; b < batch; b++) {
        float *mean = means + b * channels;
        const float *image = input + b * pixels * channels;
        for (long c = 0; c < channels; c++) mean[c] = 0;
        for (long p = 0; p < pixels; p++) {
            for (long c = 0; c < channels; c++) mean[c] += image[p * channels + c];
        }
        for (long c = 0; c < channels; c++) mean[c] = mean[c] / (float)pixels;
    }
}

void image_channel_means_gradient(const float *mean_gradient, long batch, long pixels, long channels, float *input_gradient) {
    for (long b = 0; b < batch; b++) {
        for (long p = 0; p < pixels; p++) {
            for (long c = 0; c < channels; c++) {
                input_gradient[(b * pixels + p) * channels + c] = mean_gradient[b * channels + c] / (float)pixels;
            }
        }
    }
}
