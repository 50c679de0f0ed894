// The header is the target (SwiftPM builds a C target only from a source file).
#include "runner_abi.h"
