// OpenBLAS's CBLAS interface (Debian: libopenblas-dev installs <cblas.h>), for its types only: the
// library itself is not linked but loaded at run time (Sources/BLAS/OpenBLAS.swift), after the
// kernels for this CPU are chosen, so these are the types of the functions looked up there.
#include <cblas.h>

typedef void (*openblas_sgemm_function)(const enum CBLAS_ORDER, const enum CBLAS_TRANSPOSE, const enum CBLAS_TRANSPOSE,
                                        const blasint, const blasint, const blasint, const float, const float *,
                                        const blasint, const float *, const blasint, const float, float *, const blasint);
typedef char *(*openblas_string_function)(void);
