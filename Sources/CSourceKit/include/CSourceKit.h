#ifndef CSOURCEKIT_H
#define CSOURCEKIT_H

/// Loads the toolchain's in-process sourcekitd (libsourcekitdInProc.so) and initializes it.
/// Returns NULL on success, or a description of what failed.
const char *_Nullable sourcekit_load(const char *_Nonnull libraryPath);

/// Sends a request written in sourcekitd's YAML form and waits for the response.
/// Returns the response as JSON, or the error's description with *failed set to 1;
/// the caller frees the string.
char *_Nonnull sourcekit_send_yaml(const char *_Nonnull yaml, int *_Nonnull failed);

#endif
