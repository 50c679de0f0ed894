// Eight-lane loads and stores on float buffers, for the elementwise loops of training.

extension UnsafeMutableBufferPointer<Float> {
    /// The eight floats starting at `index` (no alignment needed).
    @inline(__always)
    func lanes(at index: Int) -> SIMD8<Float> {
        UnsafeRawPointer(baseAddress! + index).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Stores eight floats starting at `index` (no alignment needed).
    @inline(__always)
    func setLanes(_ value: SIMD8<Float>, at index: Int) {
        UnsafeMutableRawPointer(baseAddress! + index).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}

extension UnsafeBufferPointer<Float> {
    /// The eight floats starting at `index` (no alignment needed).
    @inline(__always)
    func lanes(at index: Int) -> SIMD8<Float> {
        UnsafeRawPointer(baseAddress! + index).loadUnaligned(as: SIMD8<Float>.self)
    }
}
