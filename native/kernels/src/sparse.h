// Products with a layer input that is mostly zeros. An MNIST image has ~19 % nonzero pixels (a batch of 128 ~68 % in
// its union), and the inputs of a stack's first layer are pixels (x, x·mask), one-hot labels and an inpainting mask
// (mostly ones: kept as its entries minus one, with W's column sums for the ones): the dense GEMMs of that layer
// spend most of their multiplications on zeros (or ones). These kernels skip them and compute the same sums (in
// another order, so equal to float rounding). step.c picks them per batch when the input is sparse enough.
#ifndef VAE_SPARSE_H
#define VAE_SPARSE_H
#include <stdint.h>

// Each image's nonzero input rows: image j's `count[j]` pairs (row, value) sit at idx/val + j·cap.
typedef struct {
  int32_t* count;
  int32_t* idx;
  float* val;
  int64_t cap;
} SparseColumns;

// out[o, j] += Σ_q val_j[q] · W[idx_j[q], o] for the n images; W [rows, outF] row-major, out feature-major [outF, ld].
void vae_sparse_forward(const float* w, int64_t outF, const SparseColumns* sc, int64_t n, float* out, int64_t ld);

// g[0, outF) = Σ_j h[j] · dzT[j, :] over the b entries of one input row h (dzT [b, outF], image-major ∂loss/∂z):
// one row of a weight gradient, reading only the images where h is nonzero. For a row of mostly ones pass dzSum
// (Σ_j dzT[j, :]): then g = dzSum + Σ_j (h[j] − 1) · dzT[j, :], reading only the images where h is not one.
void vae_sparse_weight_row(const float* h, int64_t b, const float* dzT, int64_t outF, const float* dzSum, float* g);

// dst [n, rows] = srcᵀ for src [rows, n] with row stride ld (feature-major columns → image-major rows).
void vae_transpose(const float* src, int64_t rows, int64_t n, int64_t ld, float* dst);

#endif
