// The vector type every variant's kernels are written in: sixteen floats, which the compiler maps
// onto one AVX-512 register, two AVX2 registers, four NEON registers, or sixteen scalars.
#ifndef TRAINING_KERNELS_VECTORS_H
#define TRAINING_KERNELS_VECTORS_H

typedef float float16_lanes __attribute__((ext_vector_type(16)));

// Unaligned loads and stores of sixteen floats (macros: a function passing these vectors by
// value would need one ABI for all the variants).
#define LOAD16(p) ({ float16_lanes loaded_; __builtin_memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
#define STORE16(p, v) do { float16_lanes stored_ = (v); __builtin_memcpy((p), &stored_, sizeof stored_); } while (0)

#endif
