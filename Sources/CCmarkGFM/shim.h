// GitHub's CommonMark (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev): Markdown cells of reports.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
