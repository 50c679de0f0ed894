#include "parallel_parts.h"
#include <pthread.h>
#include <sched.h>

// The most workers the pool starts (a caller asking for more threads gets this many helpers).
#define MAX_WORKERS 63
// Spins a worker waits for the next product before it sleeps (a few tens of microseconds).
#define SPINS_BEFORE_SLEEP 20000

static void relax(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

// One product at a time. Its fields are published like a sequence lock: `generation` is odd while
// the caller writes them and even once they are complete. A worker counts itself in `busy` before
// it reads them and out when it is done with them; the caller waits for `busy` to reach 0 after
// making the generation odd, so no worker holds the previous product's fields (or takes a part of
// the new one with them) while they change.
static struct {
    pthread_mutex_t lock;          // held while a product is published, and by sleepers checking for one
    pthread_cond_t published;
    pthread_mutex_t in_use;        // held by the one caller using the pool
    long workers;                  // started so far
    unsigned long generation;
    long busy;
    void (*body)(void *, long);
    void *context;
    long parts, helpers;           // helpers: how many workers may take parts
    long next_part, unfinished;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};

// Takes parts of the current product until none is left.
static void take_parts(void (*body)(void *, long), void *context, long parts) {
    for (;;) {
        long part = __atomic_fetch_add(&pool.next_part, 1, __ATOMIC_SEQ_CST);
        if (part >= parts) return;
        body(context, part);
        __atomic_fetch_sub(&pool.unfinished, 1, __ATOMIC_SEQ_CST);
    }
}

static int is_new(unsigned long generation, unsigned long seen) { return generation != seen && generation % 2 == 0; }

static void *worker(void *argument) {
    long index = (long)argument;
    unsigned long seen = 0;
    for (;;) {
        unsigned long generation = __atomic_load_n(&pool.generation, __ATOMIC_SEQ_CST);
        for (int spins = 0; !is_new(generation, seen) && spins < SPINS_BEFORE_SLEEP; spins++) {
            relax();
            generation = __atomic_load_n(&pool.generation, __ATOMIC_SEQ_CST);
        }
        if (!is_new(generation, seen)) {
            pthread_mutex_lock(&pool.lock);
            while (!is_new(generation = __atomic_load_n(&pool.generation, __ATOMIC_SEQ_CST), seen))
                pthread_cond_wait(&pool.published, &pool.lock);
            pthread_mutex_unlock(&pool.lock);
        }
        __atomic_fetch_add(&pool.busy, 1, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&pool.generation, __ATOMIC_SEQ_CST) == generation) {
            seen = generation;
            if (index < pool.helpers) take_parts(pool.body, pool.context, pool.parts);
        }
        __atomic_fetch_sub(&pool.busy, 1, __ATOMIC_SEQ_CST);
    }
    return 0;
}

static void start_workers(long count) {
    while (pool.workers < count) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        int started = pthread_create(&thread, &attributes, worker, (void *)pool.workers) == 0;
        pthread_attr_destroy(&attributes);
        if (!started) return;
        pool.workers++;
    }
}

void kernels_run_parts(long parts, long threads, void (*body)(void *context, long part), void *context) {
    long helpers = (threads < parts ? threads : parts) - 1;
    if (helpers > MAX_WORKERS) helpers = MAX_WORKERS;
    if (helpers <= 0 || pthread_mutex_trylock(&pool.in_use) != 0) {
        for (long part = 0; part < parts; part++) body(context, part);
        return;
    }
    start_workers(helpers);
    if (helpers > pool.workers) helpers = pool.workers;
    pthread_mutex_lock(&pool.lock);
    __atomic_add_fetch(&pool.generation, 1, __ATOMIC_SEQ_CST);   // odd: the fields change
    while (__atomic_load_n(&pool.busy, __ATOMIC_SEQ_CST) != 0) relax();
    pool.body = body;
    pool.context = context;
    pool.parts = parts;
    pool.helpers = helpers;
    __atomic_store_n(&pool.next_part, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&pool.unfinished, parts, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&pool.generation, 1, __ATOMIC_SEQ_CST);   // even: published
    pthread_cond_broadcast(&pool.published);
    pthread_mutex_unlock(&pool.lock);
    take_parts(body, context, parts);
    for (int spins = 0; __atomic_load_n(&pool.unfinished, __ATOMIC_SEQ_CST) != 0; spins++) {
        if (spins < SPINS_BEFORE_SLEEP) relax(); else sched_yield();   // a helper was preempted mid-part
    }
    pthread_mutex_unlock(&pool.in_use);
}
