// Native kernels for the training threads' tfjs wasm backend (server/training/native/): GEMM through OpenBLAS, and
// the flat Adam update.
//
// Why: tfjs-wasm multiplies matrices with XNNPACK on 128-bit wasm SIMD (~25–30 GFLOP/s here); OpenBLAS uses the
// CPU's widest vectors (AVX2/AVX-512 + FMA). The operands already live in the wasm instance's linear memory, so
// this reads and writes them in place through the memory's ArrayBuffer: no copies, one N-API call per product.
#include <node_api.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cblas.h>

#define CHECK(call)                                                  \
  do {                                                               \
    if ((call) != napi_ok) {                                         \
      napi_throw_error(env, NULL, "vae_kernels: bad argument");         \
      return NULL;                                                   \
    }                                                                \
  } while (0)

// sgemm(memory: ArrayBuffer, aOff, bOff, cOff, batch, m, n, k, transA, transB, aStride, bStride)
// Offsets and strides in bytes / floats as named; C[batch, m, n] = op(A) · op(B) per batch, row-major.
// A stride or B stride of 0 broadcasts that operand over the batch.
static napi_value Sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 12) {
    napi_throw_error(env, NULL, "vae_kernels.sgemm: expected 12 arguments");
    return NULL;
  }
  void* data = NULL;
  size_t length = 0;
  CHECK(napi_get_arraybuffer_info(env, argv[0], &data, &length));
  int64_t v[11];
  for (int i = 0; i < 11; i++) CHECK(napi_get_value_int64(env, argv[i + 1], &v[i]));
  const int64_t aOff = v[0], bOff = v[1], cOff = v[2], batch = v[3], m = v[4], n = v[5], k = v[6];
  const int transA = v[7] != 0, transB = v[8] != 0;
  const int64_t aStride = v[9], bStride = v[10];
  if (batch < 1 || m < 1 || n < 1 || k < 1 || aOff < 0 || bOff < 0 || cOff < 0 || aStride < 0 || bStride < 0) {
    napi_throw_range_error(env, NULL, "vae_kernels.sgemm: sizes must be positive and offsets non-negative");
    return NULL;
  }
  // Every byte touched must lie inside the buffer.
  const uint64_t len = (uint64_t)length;
  const uint64_t aEnd = (uint64_t)aOff + 4 * ((uint64_t)aStride * (batch - 1) + (uint64_t)m * k);
  const uint64_t bEnd = (uint64_t)bOff + 4 * ((uint64_t)bStride * (batch - 1) + (uint64_t)k * n);
  const uint64_t cEnd = (uint64_t)cOff + 4 * ((uint64_t)batch * m * n);
  if (aEnd > len || bEnd > len || cEnd > len || (aOff | bOff | cOff) % 4 != 0) {
    napi_throw_range_error(env, NULL, "vae_kernels.sgemm: operands outside the memory");
    return NULL;
  }
  float* base = (float*)data;
  const float* A = base + aOff / 4;
  const float* B = base + bOff / 4;
  float* C = base + cOff / 4;
  const int lda = transA ? (int)m : (int)k;
  const int ldb = transB ? (int)k : (int)n;
  for (int64_t i = 0; i < batch; i++) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, (int)m, (int)n,
                (int)k, 1.0f, A + i * aStride, lda, B + i * bStride, ldb, 0.0f, C + i * m * n, (int)n);
  }
  return NULL;
}

// setThreads(n): OpenBLAS's own thread pool size for this process (1 = compute on the calling thread).
static napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t n = 1;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_value_int32(env, argv[0], &n) != napi_ok || n < 1 || n > 64) {
    napi_throw_range_error(env, NULL, "vae_kernels.setThreads: expected an integer 1..64");
    return NULL;
  }
  openblas_set_num_threads(n);
  return NULL;
}

// adam(w, g, m, v, lo, hi, rows, rowStride, stepSize, beta1, beta2, eps): one Adam step, in place, on w[lo, hi)
// with the gradient summed over `rows` rows of g (row r starts at r·rowStride; summed in row order) and the scaled
// moments m, v indexed from 0 (= weight lo). The same update as server/training/parallel/flatAdam.ts.
static napi_value Adam(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 12) {
    napi_throw_error(env, NULL, "vae_kernels.adam: expected 12 arguments");
    return NULL;
  }
  float* arrays[4];
  size_t lengths[4];
  for (int i = 0; i < 4; i++) {
    napi_typedarray_type type;
    void* data = NULL;
    if (napi_get_typedarray_info(env, argv[i], &type, &lengths[i], &data, NULL, NULL) != napi_ok || type != napi_float32_array) {
      napi_throw_type_error(env, NULL, "vae_kernels.adam: w, g, m, v must be Float32Arrays");
      return NULL;
    }
    arrays[i] = (float*)data;
  }
  int64_t lo, hi, rows, rowStride;
  double stepSize, beta1, beta2, eps;
  CHECK(napi_get_value_int64(env, argv[4], &lo));
  CHECK(napi_get_value_int64(env, argv[5], &hi));
  CHECK(napi_get_value_int64(env, argv[6], &rows));
  CHECK(napi_get_value_int64(env, argv[7], &rowStride));
  CHECK(napi_get_value_double(env, argv[8], &stepSize));
  CHECK(napi_get_value_double(env, argv[9], &beta1));
  CHECK(napi_get_value_double(env, argv[10], &beta2));
  CHECK(napi_get_value_double(env, argv[11], &eps));
  const int64_t n = hi - lo;
  if (lo < 0 || n < 0 || rows < 1 || rowStride < 0 || (uint64_t)hi > lengths[0] || (uint64_t)n > lengths[2] ||
      (uint64_t)n > lengths[3] || (uint64_t)((rows - 1) * rowStride + hi) > lengths[1]) {
    napi_throw_range_error(env, NULL, "vae_kernels.adam: ranges outside the arrays");
    return NULL;
  }
  float* restrict w = arrays[0] + lo;
  const float* g = arrays[1] + lo;
  float* restrict m = arrays[2];
  float* restrict v = arrays[3];
  const float a = (float)stepSize, b1 = (float)beta1, b2 = (float)beta2, e = (float)eps;
  for (int64_t j = 0; j < n; j++) {
    float gj = g[j];
    for (int64_t r = 1; r < rows; r++) gj += g[r * rowStride + j];
    const float mj = b1 * m[j] + gj;
    const float vj = b2 * v[j] + gj * gj;
    m[j] = mj;
    v[j] = vj;
    w[j] -= a * mj / (sqrtf(vj) + e);
  }
  return NULL;
}

// exp(−a) for a ≥ 0 as 2^(−n) · exp(−r), n = round(a / ln 2), |r| ≤ ln 2 / 2 (Cody–Waite split of ln 2), Taylor
// to r^7. Written out instead of expf so the loop below vectorises without -ffast-math or libmvec.
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

// bernoulliLogits(memory, logitsOff, xOff, gradOff, count, scale) -> Σ [softplus(l) − x·l]
// The Bernoulli negative log-likelihood of pixels x given logits l, summed, and its gradient
// (sigmoid(l) − x) · scale written at gradOff, in one pass over wasm memory (byte offsets). With e = exp(−|l|):
// softplus(l) = max(l, 0) + log(1 + e) and sigmoid(l) = (l ≥ 0 ? 1 : e) / (1 + e): one exp and one log per pixel.
static napi_value BernoulliLogits(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 6) {
    napi_throw_error(env, NULL, "vae_kernels.bernoulliLogits: expected 6 arguments");
    return NULL;
  }
  void* data = NULL;
  size_t length = 0;
  CHECK(napi_get_arraybuffer_info(env, argv[0], &data, &length));
  int64_t lOff, xOff, gOff, count;
  double scale;
  CHECK(napi_get_value_int64(env, argv[1], &lOff));
  CHECK(napi_get_value_int64(env, argv[2], &xOff));
  CHECK(napi_get_value_int64(env, argv[3], &gOff));
  CHECK(napi_get_value_int64(env, argv[4], &count));
  CHECK(napi_get_value_double(env, argv[5], &scale));
  const uint64_t len = (uint64_t)length, bytes = 4 * (uint64_t)count;
  if (count < 0 || lOff < 0 || xOff < 0 || gOff < 0 || (lOff | xOff | gOff) % 4 != 0 || lOff + bytes > len ||
      xOff + bytes > len || gOff + bytes > len) {
    napi_throw_range_error(env, NULL, "vae_kernels.bernoulliLogits: operands outside the memory");
    return NULL;
  }
  const float* l = (const float*)data + lOff / 4;
  const float* x = (const float*)data + xOff / 4;
  float* g = (float*)data + gOff / 4;
  const float s = (float)scale;
  double total = 0;
  // Blocks of float partial sums keep the loop vectorisable; the blocks add up in double.
  for (int64_t start = 0; start < count; start += 4096) {
    const int64_t end = start + 4096 < count ? start + 4096 : count;
    float partial = 0;
#pragma omp simd reduction(+ : partial)
    for (int64_t i = start; i < end; i++) {
      const float li = l[i], xi = x[i];
      const float e = exp_neg(fabsf(li));
      const float inv = 1.0f / (1.0f + e);
      partial += (li > 0.0f ? li : 0.0f) + log1p_unit(e) - xi * li;
      g[i] = ((li >= 0.0f ? 1.0f : e) * inv - xi) * s;
    }
    total += partial;
  }
  napi_value out;
  CHECK(napi_create_double(env, total, &out));
  return out;
}

static napi_value Describe(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_string_utf8(env, openblas_get_config(), NAPI_AUTO_LENGTH, &out));
  return out;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"sgemm", NULL, Sgemm, NULL, NULL, NULL, napi_default, NULL},
      {"setThreads", NULL, SetThreads, NULL, NULL, NULL, napi_default, NULL},
      {"bernoulliLogits", NULL, BernoulliLogits, NULL, NULL, NULL, napi_default, NULL},
      {"adam", NULL, Adam, NULL, NULL, NULL, napi_default, NULL},
      {"describe", NULL, Describe, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props) != napi_ok) return NULL;
  return exports;
}
