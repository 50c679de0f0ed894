#if canImport(Glibc)
internal import CMalloc
#endif

/// Keeps glibc from returning freed training buffers to the kernel after every batch.
///
/// Training allocates and frees the same few large arrays each step (activations and gradients of
/// 256 × 512 floats). With glibc's defaults those go through `mmap`/`munmap` or heap trimming,
/// and every step page-faults its memory back in: about 300,000 faults per benchmark run, a
/// quarter of `fit`'s time. Raising the mmap and trim thresholds once makes glibc reuse the memory.
/// This is process-wide, as allocators of numerical runtimes (PyTorch's caching allocator) are.
enum MemoryTuning {
    /// Applies the tuning (idempotent; the first call does the work).
    static func keepTrainingBuffersResident() {
        _ = applied
    }

    private static let applied: Bool = {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 256 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
        return true
    }()
}
