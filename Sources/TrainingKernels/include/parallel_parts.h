// A small pool of threads for the kernels' parts: workers that spin briefly between products (a
// training step runs one product after another, and waking a sleeping thread costs more than a
// small product), then sleep. One product at a time uses the pool; a caller that finds it busy
// runs its parts itself, which gives the same result.
#ifndef PARALLEL_PARTS_H
#define PARALLEL_PARTS_H

/// Calls `body(context, part)` for every part in 0 ..< parts, on up to `threads` threads (the
/// calling thread among them), and returns when every call has returned. The parts may run in
/// any order and at once, so they must not depend on each other.
void kernels_run_parts(long parts, long threads, void (*body)(void *context, long part), void *context);

#endif
