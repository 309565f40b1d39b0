#include "ops.h"

#include <cblas.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

// One Adam update of w[0, n) from the gradient g (the formula in ops.h); inlined in both of vae_adam's paths.
static inline void adam_update(float* restrict w, float* restrict m, float* restrict v, const float* g, int64_t n,
                               float stepSize, float beta1, float beta2, float eps) {
  for (int64_t j = 0; j < n; j++) {
    const float gj = g[j];
    const float mj = beta1 * m[j] + gj;
    const float vj = beta2 * v[j] + gj * gj;
    m[j] = mj;
    v[j] = vj;
    w[j] -= stepSize * mj / (sqrtf(vj) + eps);
  }
}

void vae_adam(float* restrict w, const float* g, float* restrict m, float* restrict v, int64_t n, int64_t rows,
              int64_t rowStride, float stepSize, float beta1, float beta2, float eps) {
  if (rows == 1) {
    // One gradient row (the native step's column blocks): no sum to build first.
    adam_update(w, m, v, g, n, stepSize, beta1, beta2, eps);
    return;
  }
  // In blocks: first the rows' sum (in row order), then the update; both loops vectorise.
  float sum[1024];
  for (int64_t start = 0; start < n; start += 1024) {
    const int64_t len = n - start < 1024 ? n - start : 1024;
    memcpy(sum, g + start, (size_t)len * sizeof(float));
    for (int64_t r = 1; r < rows; r++) {
      const float* row = g + r * rowStride + start;
      for (int64_t j = 0; j < len; j++) sum[j] += row[j];
    }
    adam_update(w + start, m + start, v + start, sum, len, stepSize, beta1, beta2, eps);
  }
}

// exp(−a) for a ≥ 0 as 2^(−n) · exp(−r), n = round(a / ln 2), |r| ≤ ln 2 / 2 (Cody–Waite split of ln 2), Taylor
// to r^7. Written out instead of expf so the loops vectorise without -ffast-math or libmvec.
static inline float exp_neg(float a) {
  a = a < 87.0f ? a : 87.0f;
  const float n = floorf(a * 1.44269504f + 0.5f);
  const float r = -(a - n * 0.693359375f - n * -2.12194440e-4f);
  float p = 1.0f / 5040;
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int32_t bits = (127 - (int32_t)n) << 23;
  float scale;
  memcpy(&scale, &bits, 4);
  return p * scale;
}

// log(1 + e) for 0 ≤ e ≤ 1 as 2·atanh(t), t = e / (2 + e) ≤ 1/3, odd series to t^15 (relative error < 3e-7).
static inline float log1p_unit(float e) {
  const float t = e / (2.0f + e), t2 = t * t;
  float p = 1.0f / 15;
  p = p * t2 + 1.0f / 13;
  p = p * t2 + 1.0f / 11;
  p = p * t2 + 1.0f / 9;
  p = p * t2 + 1.0f / 7;
  p = p * t2 + 1.0f / 5;
  p = p * t2 + 1.0f / 3;
  p = p * t2 + 1.0f;
  return 2.0f * t * p;
}

// With e = exp(−|l|): softplus(l) = max(l, 0) + log(1 + e), sigmoid(l) = (l ≥ 0 ? 1 : e) / (1 + e).
double vae_bernoulli_logits(const float* l, const float* x, float* grad, int64_t n, float scale) {
  double total = 0;
  // Blocks of float partial sums keep the loop vectorisable; the blocks add up in double.
  for (int64_t start = 0; start < n; start += 4096) {
    const int64_t end = start + 4096 < n ? start + 4096 : n;
    float partial = 0;
#pragma omp simd reduction(+ : partial)
    for (int64_t i = start; i < end; i++) {
      const float li = l[i], xi = x[i];
      const float e = exp_neg(fabsf(li));
      const float inv = 1.0f / (1.0f + e);
      partial += (li > 0.0f ? li : 0.0f) + log1p_unit(e) - xi * li;
      grad[i] = ((li >= 0.0f ? 1.0f : e) * inv - xi) * scale;
    }
    total += partial;
  }
  return total;
}

void vae_dense_forward(const float* w, const float* h, const float* bias, float* out, int64_t inF, int64_t outF,
                       int64_t b, int relu) {
  for (int64_t o = 0; o < outF; o++) {
    float* row = out + o * b;
    for (int64_t j = 0; j < b; j++) row[j] = bias[o];
  }
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)outF, (int)b, (int)inF, 1.0f, w, (int)outF, h, (int)b, 1.0f,
              out, (int)b);
  if (relu) {
    const int64_t n = outF * b;
    for (int64_t i = 0; i < n; i++) out[i] = out[i] > 0.0f ? out[i] : 0.0f;
  }
}

void vae_dense_backward(const float* w, const float* h, const float* dz, float* dw, float* db, float* dIn, int64_t inF,
                        int64_t outF, int64_t b, int64_t inRows, int reluMask) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)inF, (int)outF, (int)b, 1.0f, h, (int)b, dz, (int)b, 0.0f, dw,
              (int)outF);
  for (int64_t o = 0; o < outF; o++) {
    const float* row = dz + o * b;
    float s = 0;
    for (int64_t j = 0; j < b; j++) s += row[j];
    db[o] = s;
  }
  if (inRows > 0) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)inRows, (int)b, (int)outF, 1.0f, w, (int)outF, dz, (int)b,
                0.0f, dIn, (int)b);
    if (reluMask) {
      const int64_t n = inRows * b;
      for (int64_t i = 0; i < n; i++) dIn[i] = h[i] > 0.0f ? dIn[i] : 0.0f;
    }
  }
}

double vae_gaussian_latent(const float* enc, const float* eps, float* z, int64_t L, int64_t b) {
  const float* mu = enc;
  const float* logvar = enc + L * b;
  double kl = 0;
  for (int64_t i = 0; i < L * b; i++) {
    const float lv = logvar[i];
    z[i] = mu[i] + eps[i] * expf(0.5f * lv);
    kl += 1.0 + lv - (double)mu[i] * mu[i] - exp((double)lv);
  }
  return -0.5 * kl;
}

void vae_gaussian_latent_grad(const float* dz, const float* enc, const float* eps, float* dEnc, int64_t L, int64_t b,
                              float klScale) {
  const float* mu = enc;
  const float* logvar = enc + L * b;
  float* dMu = dEnc;
  float* dLogvar = dEnc + L * b;
  for (int64_t i = 0; i < L * b; i++) {
    const float std = expf(0.5f * logvar[i]);
    dMu[i] = dz[i] + klScale * mu[i];
    dLogvar[i] = 0.5f * dz[i] * eps[i] * std + 0.5f * klScale * (std * std - 1.0f);
  }
}

double vae_gaussian_latent_prior(const float* enc, const float* eps, const float* prior, float* z, int64_t L, int64_t b) {
  const float* mu = enc;
  const float* logvar = enc + L * b;
  const float* m = prior;
  const float* s = prior + L * b;
  double kl = 0;
  for (int64_t i = 0; i < L * b; i++) {
    const float lv = logvar[i];
    z[i] = mu[i] + eps[i] * expf(0.5f * lv);
    const double d = (double)mu[i] - m[i];
    kl += (double)s[i] - lv + (exp((double)lv) + d * d) * exp(-(double)s[i]) - 1.0;
  }
  return 0.5 * kl;
}

void vae_gaussian_latent_prior_grad(const float* dz, const float* enc, const float* eps, const float* prior, float* dEnc,
                                    float* dPrior, int64_t L, int64_t b, float klScale) {
  const float* mu = enc;
  const float* logvar = enc + L * b;
  const float* m = prior;
  const float* s = prior + L * b;
  for (int64_t i = 0; i < L * b; i++) {
    const float std = expf(0.5f * logvar[i]);
    const float invVar = expf(-s[i]);
    const float d = mu[i] - m[i];
    const float pull = klScale * d * invVar;
    const float ratio = std * std * invVar;
    dEnc[i] = dz[i] + pull;
    dEnc[L * b + i] = 0.5f * dz[i] * eps[i] * std + 0.5f * klScale * (ratio - 1.0f);
    dPrior[i] = -pull;
    dPrior[L * b + i] = 0.5f * klScale * (1.0f - ratio - d * d * invVar);
  }
}

void vae_bernoulli_row_loglik(const float* l, const float* x, float* out, int64_t rows, int64_t cols, int64_t repeats) {
  for (int64_t r = 0; r < rows; r++) {
    const float* lr = l + r * cols;
    const float* xr = x + (r / repeats) * cols;
    float total = 0;
#pragma omp simd reduction(+ : total)
    for (int64_t p = 0; p < cols; p++) {
      const float li = lr[p];
      const float e = exp_neg(fabsf(li));
      total += xr[p] * li - ((li > 0.0f ? li : 0.0f) + log1p_unit(e));
    }
    out[r] = total;
  }
}

void vae_bias_relu_columns(float* c, const float* bias, int64_t rows, int64_t cols, int relu) {
  for (int64_t r = 0; r < rows; r++) {
    float* row = c + r * cols;
    if (bias) {
      for (int64_t j = 0; j < cols; j++) row[j] += bias[j];
    }
    if (relu) {
      for (int64_t j = 0; j < cols; j++) row[j] = row[j] > 0.0f ? row[j] : 0.0f;
    }
  }
}

// Draw n (0-based) of mulberry32(seed): its state after n + 1 steps is seed + (n + 1)·0x6D2B79F5.
static inline double mulberry_draw(uint32_t seed, int64_t n) {
  uint32_t t = seed + (uint32_t)(n + 1) * 0x6D2B79F5u;
  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return (double)(t ^ (t >> 14)) / 4294967296.0;
}

void vae_gaussian_fill(uint32_t seed, int64_t from, int64_t to, float* out) {
  for (int64_t p = from / 2; 2 * p < to; p++) {
    const double radius = sqrt(-2.0 * log(1.0 - mulberry_draw(seed, 2 * p)));
    const double angle = 2.0 * 3.141592653589793 * mulberry_draw(seed, 2 * p + 1);
    if (2 * p >= from) out[2 * p - from] = (float)(radius * cos(angle));
    if (2 * p + 1 >= from && 2 * p + 1 < to) out[2 * p + 1 - from] = (float)(radius * sin(angle));
  }
}
