// OpenBLAS's CBLAS interface (Debian: libopenblas-dev installs <cblas.h>).
#include <cblas.h>
