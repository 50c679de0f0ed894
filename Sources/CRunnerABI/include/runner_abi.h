#ifndef RUNNER_ABI_H
#define RUNNER_ABI_H

#include <stdint.h>

// The C functions between swift-cell-runner and what it loads: the one place their names and
// signatures are written. The runner finds them with dlsym and calls them through these types;
// NotebookRuntime defines the runtime's with @_cdecl of these names (RunnerInterfaceTests checks
// that the library exports each), the cell generator the cells' (CellNames).

#pragma clang assume_nonnull begin

/// Connects the runtime to the runner's event channel `events`; values' text then leaves out the
/// names of cell modules, `cell_module_prefix` and a number.
#define NOTEBOOK_RUNTIME_ATTACH "notebook_runtime_attach"
typedef void (*notebook_runtime_attach_fn)(int32_t events, const char *cell_module_prefix);

/// Asks the running cell to stop (the runner calls it on SIGINT).
#define NOTEBOOK_RUNTIME_INTERRUPT "notebook_runtime_interrupt"
typedef void (*notebook_runtime_interrupt_fn)(void);

/// A cell's entry, save or restore function.
typedef void (*notebook_cell_fn)(void);

/// Saves a checkpoint to `path` (`NOTEBOOK_RUNTIME_CHECKPOINT`), or restores one from it
/// (`NOTEBOOK_RUNTIME_RESTORE`), calling the `count` cells' save or restore `functions`.
#define NOTEBOOK_RUNTIME_CHECKPOINT "notebook_runtime_checkpoint"
#define NOTEBOOK_RUNTIME_RESTORE "notebook_runtime_restore"
typedef void (*notebook_runtime_checkpoint_fn)(const char *path, const notebook_cell_fn _Nonnull *_Nullable functions, long count);

#pragma clang assume_nonnull end

#endif
