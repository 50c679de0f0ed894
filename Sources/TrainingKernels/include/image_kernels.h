// The loops of convolution and pooling over channels-last images ([batch, height, width,
// channels], row-major): copies, comparisons and sums in a fixed order, so the same bits on every
// processor. The products themselves go through the matrix product (gemm_kernels.h).
#ifndef IMAGE_KERNELS_H
#define IMAGE_KERNELS_H

/// A window sliding over a batch of images: output position (i, j) covers input rows
/// `i * stride_height - pad_top` ..< that + `window_height`, and the columns likewise; positions
/// outside the image are padding.
typedef struct {
    long batch, height, width, channels;
    long window_height, window_width;
    long stride_height, stride_width;
    long pad_top, pad_left;
    long out_height, out_width;
} image_window;

/// The windows as the rows of a matrix, for a convolution as one product (im2col): row
/// `(b * out_height + i) * out_width + j`, column `(di * window_width + dj) * channels + c` holds
/// input `[b, i * stride_height - pad_top + di, j * stride_width - pad_left + dj, c]`, 0 in the padding.
void image_to_columns(const image_window *window, const float *input, float *columns);

/// The adjoint of `image_to_columns`: sets `image` to the sum, at each input position, of the
/// column entries that copied it, added in the columns' row order (padding entries are dropped).
void columns_to_image(const image_window *window, const float *columns, float *image);

/// Max pooling: `output[b, i, j, c]` is the largest input of its window in channel c (padding
/// takes no part; the first of equal values wins), and `argmax` the index into `input` it came from.
void image_max_pool(const image_window *window, const float *input, float *output, long *argmax);

/// Max pooling's gradient: `input_gradient` (of `input_count` values) set to the sum of the
/// output gradients whose maximum each input was, added in output order.
void image_max_pool_gradient(const float *output_gradient, const long *argmax, long output_count, float *input_gradient,
                             long input_count);

/// The mean over height and width of each image's channels: `means[b, c]`, the values summed in
/// row order, then divided by height × width.
void image_channel_means(const float *input, long batch, long pixels, long channels, float *means);

/// Its gradient: every pixel of channel c gets `mean_gradient[b, c] / pixels`.
void image_channel_means_gradient(const float *mean_gradient, long batch, long pixels, long channels, float *input_gradient);

#endif
