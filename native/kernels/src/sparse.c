#include "sparse.h"

#include <string.h>

// Output columns per pass: 64 floats of accumulators stay in registers (eight 8-float vectors, spelled out so the
// compiler neither spills them nor vectorises across the list with gathers) while the nonzeros stream by.
#define CHUNK 64
typedef float v8f __attribute__((vector_size(32)));

static inline v8f load8(const float* p) {
  v8f v;
  memcpy(&v, p, sizeof(v));
  return v;
}

// acc[0, w) = Σ_q val[q] · row_q[c0, c0 + w) for the rows base + idx[q]·stride.
static inline void accumulate_rows(const float* base, int64_t stride, const int32_t* idx, const float* val, int64_t cnt,
                                   int64_t c0, int64_t w, float* acc) {
  if (w == CHUNK) {
    v8f a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0}, a4 = {0}, a5 = {0}, a6 = {0}, a7 = {0};
    for (int64_t q = 0; q < cnt; q++) {
      const float v = val[q];
      const float* row = base + (int64_t)idx[q] * stride + c0;
      a0 += v * load8(row);
      a1 += v * load8(row + 8);
      a2 += v * load8(row + 16);
      a3 += v * load8(row + 24);
      a4 += v * load8(row + 32);
      a5 += v * load8(row + 40);
      a6 += v * load8(row + 48);
      a7 += v * load8(row + 56);
    }
    const v8f all[8] = {a0, a1, a2, a3, a4, a5, a6, a7};
    memcpy(acc, all, sizeof(all));
    return;
  }
  for (int64_t i = 0; i < w; i++) acc[i] = 0;
  for (int64_t q = 0; q < cnt; q++) {
    const float v = val[q];
    const float* row = base + (int64_t)idx[q] * stride + c0;
    for (int64_t i = 0; i < w; i++) acc[i] += v * row[i];
  }
}

void vae_sparse_forward(const float* w, int64_t outF, const SparseColumns* sc, int64_t n, float* out, int64_t ld) {
  float acc[CHUNK];
  // Column chunks outside, images inside: the chunk of W (rows × 64 floats, ~200 KB) stays in L2 for all the images,
  // where W itself (800 KB–1.6 MB) would not.
  for (int64_t c0 = 0; c0 < outF; c0 += CHUNK) {
    const int64_t width = outF - c0 < CHUNK ? outF - c0 : CHUNK;
    for (int64_t j = 0; j < n; j++) {
      const int64_t cnt = sc->count[j];
      if (cnt == 0) continue;
      accumulate_rows(w, outF, sc->idx + j * sc->cap, sc->val + j * sc->cap, cnt, c0, width, acc);
      for (int64_t i = 0; i < width; i++) out[(c0 + i) * ld + j] += acc[i];
    }
  }
}

// Images per pass of vae_sparse_weight_row (the list of nonzeros lives on the stack).
#define PIECE 1024

void vae_sparse_weight_row(const float* h, int64_t b, const float* dzT, int64_t outF, const float* dzSum, float* g) {
  int32_t idx[PIECE];
  float val[PIECE];
  float acc[CHUNK];
  const float base = dzSum ? 1.0f : 0.0f;
  if (dzSum)
    memcpy(g, dzSum, (size_t)outF * sizeof(float));
  else
    memset(g, 0, (size_t)outF * sizeof(float));
  for (int64_t j0 = 0; j0 < b; j0 += PIECE) {
    const int64_t len = b - j0 < PIECE ? b - j0 : PIECE;
    int64_t cnt = 0;
    for (int64_t j = 0; j < len; j++) {
      // Branch-free compaction: always write, advance only on an entry other than the base.
      const float off = h[j0 + j] - base;
      idx[cnt] = (int32_t)(j0 + j);
      val[cnt] = off;
      cnt += off != 0.0f;
    }
    if (cnt == 0) continue;
    for (int64_t c0 = 0; c0 < outF; c0 += CHUNK) {
      const int64_t width = outF - c0 < CHUNK ? outF - c0 : CHUNK;
      accumulate_rows(dzT, outF, idx, val, cnt, c0, width, acc);
      for (int64_t i = 0; i < width; i++) g[c0 + i] += acc[i];
    }
  }
}

#define TILE 16

void vae_transpose(const float* src, int64_t rows, int64_t n, int64_t ld, float* dst) {
  for (int64_t r0 = 0; r0 < rows; r0 += TILE) {
    const int64_t r1 = r0 + TILE < rows ? r0 + TILE : rows;
    for (int64_t j0 = 0; j0 < n; j0 += TILE) {
      const int64_t j1 = j0 + TILE < n ? j0 + TILE : n;
      for (int64_t r = r0; r < r1; r++)
        for (int64_t j = j0; j < j1; j++) dst[j * rows + r] = src[r * ld + j];
    }
  }
}
