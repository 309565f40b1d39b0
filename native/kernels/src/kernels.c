// N-API wrappers of the native kernels for the training threads' tfjs wasm backend (server/training/native/).
//
// Why: tfjs-wasm multiplies matrices with XNNPACK on 128-bit wasm SIMD (~25–30 GFLOP/s here); OpenBLAS uses the
// CPU's widest vectors (AVX2/AVX-512 + FMA), and fused kernels replace chains of small tfjs launches. Tensors
// already live in the wasm instance's linear memory, so every kernel reads and writes them in place through the
// memory's ArrayBuffer (byte offsets): no copies. Every operand span is bounds-checked before use.
#include <cblas.h>
#include <node_api.h>
#include <stdint.h>

#include "ops.h"

napi_status vae_register_trainer(napi_env env, napi_value exports); // step_napi.c

#define CHECK(call)                                           \
  do {                                                        \
    if ((call) != napi_ok) {                                  \
      napi_throw_error(env, NULL, "vae_kernels: bad argument"); \
      return NULL;                                            \
    }                                                         \
  } while (0)

typedef struct {
  float* base;
  uint64_t floats;
} Memory;

// Reads `expected` arguments: the memory ArrayBuffer first, then `ints` integers into out[], then doubles.
static int read_args(napi_env env, napi_callback_info info, size_t expected, const char* name, Memory* mem, int64_t* ints,
                     size_t nInts, double* dbls, size_t nDbls) {
  napi_value argv[16];
  size_t argc = 16;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != expected || 1 + nInts + nDbls != expected) {
    napi_throw_error(env, NULL, name);
    return 0;
  }
  void* data = NULL;
  size_t length = 0;
  if (napi_get_arraybuffer_info(env, argv[0], &data, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "vae_kernels: the first argument must be the wasm memory's ArrayBuffer");
    return 0;
  }
  mem->base = (float*)data;
  mem->floats = (uint64_t)length / 4;
  for (size_t i = 0; i < nInts; i++) {
    if (napi_get_value_int64(env, argv[1 + i], &ints[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, "vae_kernels: expected numbers");
      return 0;
    }
  }
  for (size_t i = 0; i < nDbls; i++) {
    if (napi_get_value_double(env, argv[1 + nInts + i], &dbls[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, "vae_kernels: expected numbers");
      return 0;
    }
  }
  return 1;
}

// `count` floats at byte offset `off`, or NULL when misaligned or outside the memory.
static float* span(const Memory* mem, int64_t off, int64_t count) {
  if (off < 0 || count < 0 || off % 4 != 0) return NULL;
  const uint64_t first = (uint64_t)off / 4;
  if (first > mem->floats || (uint64_t)count > mem->floats - first) return NULL;
  return mem->base + first;
}

// out[i] ← the span of counts[i] floats at byte offset offs[i], for i < n (the wrappers' first n integer arguments are
// their operands' offsets); 0 when any is misaligned or outside the memory.
static int spans(const Memory* mem, const int64_t* offs, const int64_t* counts, int n, float** out) {
  for (int i = 0; i < n; i++) {
    out[i] = span(mem, offs[i], counts[i]);
    if (!out[i]) return 0;
  }
  return 1;
}

static napi_value outside(napi_env env) {
  napi_throw_range_error(env, NULL, "vae_kernels: operands outside the memory (or sizes not positive)");
  return NULL;
}

static napi_value number(napi_env env, double x) {
  napi_value out;
  CHECK(napi_create_double(env, x, &out));
  return out;
}

// sgemm(memory, aOff, bOff, cOff, batch, m, n, k, transA, transB, aStride, bStride): C[batch, m, n] = op(A)·op(B)
// per batch; strides in floats, 0 broadcasts that operand over the batch.
static napi_value Sgemm(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[11];
  if (!read_args(env, info, 12, "vae_kernels.sgemm: expected 12 arguments", &mem, v, 11, NULL, 0)) return NULL;
  const int64_t batch = v[3], m = v[4], n = v[5], k = v[6], aStride = v[9], bStride = v[10];
  const int transA = v[7] != 0, transB = v[8] != 0;
  if (batch < 1 || m < 1 || n < 1 || k < 1 || aStride < 0 || bStride < 0) return outside(env);
  float* p[3]; // A, B, C
  const int64_t counts[3] = {aStride * (batch - 1) + m * k, bStride * (batch - 1) + k * n, batch * m * n};
  if (!spans(&mem, v, counts, 3, p)) return outside(env);
  for (int64_t i = 0; i < batch; i++) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, (int)m, (int)n,
                (int)k, 1.0f, p[0] + i * aStride, transA ? (int)m : (int)k, p[1] + i * bStride, transB ? (int)k : (int)n, 0.0f,
                p[2] + i * m * n, (int)n);
  }
  return NULL;
}

// adam(w, g, m, v, lo, hi, rows, rowStride, stepSize, beta1, beta2, eps) on Float32Arrays (see ops.h).
static napi_value Adam(napi_env env, napi_callback_info info) {
  napi_value argv[12];
  size_t argc = 12;
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
  vae_adam(arrays[0] + lo, arrays[1] + lo, arrays[2], arrays[3], n, rows, rowStride, (float)stepSize, (float)beta1,
           (float)beta2, (float)eps);
  return NULL;
}

// bernoulliLogits(memory, logitsOff, xOff, gradOff, count, scale) -> Σ softplus(l) − x·l
static napi_value BernoulliLogits(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[4];
  double scale;
  if (!read_args(env, info, 6, "vae_kernels.bernoulliLogits: expected 6 arguments", &mem, v, 4, &scale, 1)) return NULL;
  const int64_t n = v[3];
  float* p[3]; // l, x, g
  if (!spans(&mem, v, (const int64_t[]){n, n, n}, 3, p)) return outside(env);
  return number(env, vae_bernoulli_logits(p[0], p[1], p[2], n, (float)scale));
}

// denseForward(memory, wOff, hOff, biasOff, outOff, inF, outF, b, relu)
static napi_value DenseForward(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[8];
  if (!read_args(env, info, 9, "vae_kernels.denseForward: expected 9 arguments", &mem, v, 8, NULL, 0)) return NULL;
  const int64_t inF = v[4], outF = v[5], b = v[6];
  if (inF < 1 || outF < 1 || b < 1) return outside(env);
  float* p[4]; // w, h, bias, out
  if (!spans(&mem, v, (const int64_t[]){inF * outF, inF * b, outF, outF * b}, 4, p)) return outside(env);
  vae_dense_forward(p[0], p[1], p[2], p[3], inF, outF, b, v[7] != 0);
  return NULL;
}

// denseBackward(memory, wOff, hOff, dzOff, dwOff, dbOff, dInOff, inF, outF, b, inRows, reluMask)
static napi_value DenseBackward(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[11];
  if (!read_args(env, info, 12, "vae_kernels.denseBackward: expected 12 arguments", &mem, v, 11, NULL, 0)) return NULL;
  const int64_t inF = v[6], outF = v[7], b = v[8], inRows = v[9];
  if (inF < 1 || outF < 1 || b < 1 || inRows < 0 || inRows > inF) return outside(env);
  float* p[5]; // w, h, dz, dw, db
  if (!spans(&mem, v, (const int64_t[]){inF * outF, inF * b, outF * b, inF * outF, outF}, 5, p)) return outside(env);
  float* dIn = inRows > 0 ? span(&mem, v[5], inRows * b) : mem.base;
  if (!dIn) return outside(env);
  vae_dense_backward(p[0], p[1], p[2], p[3], p[4], inRows > 0 ? dIn : NULL, inF, outF, b, inRows, v[10] != 0);
  return NULL;
}

// gaussianLatent(memory, encOff, epsOff, zOff, L, b) -> Σ KL
static napi_value GaussianLatent(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[5];
  if (!read_args(env, info, 6, "vae_kernels.gaussianLatent: expected 6 arguments", &mem, v, 5, NULL, 0)) return NULL;
  const int64_t L = v[3], b = v[4];
  if (L < 1 || b < 1) return outside(env);
  float* p[3]; // enc, eps, z
  if (!spans(&mem, v, (const int64_t[]){2 * L * b, L * b, L * b}, 3, p)) return outside(env);
  return number(env, vae_gaussian_latent(p[0], p[1], p[2], L, b));
}

// gaussianLatentGrad(memory, dzOff, encOff, epsOff, dEncOff, L, b, klScale)
static napi_value GaussianLatentGrad(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[6];
  double klScale;
  if (!read_args(env, info, 8, "vae_kernels.gaussianLatentGrad: expected 8 arguments", &mem, v, 6, &klScale, 1)) return NULL;
  const int64_t L = v[4], b = v[5];
  if (L < 1 || b < 1) return outside(env);
  float* p[4]; // dz, enc, eps, dEnc
  if (!spans(&mem, v, (const int64_t[]){L * b, 2 * L * b, L * b, 2 * L * b}, 4, p)) return outside(env);
  vae_gaussian_latent_grad(p[0], p[1], p[2], p[3], L, b, (float)klScale);
  return NULL;
}

// gaussianLatentPrior(memory, encOff, epsOff, priorOff, zOff, L, b) -> Σ KL against the prior columns
static napi_value GaussianLatentPrior(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[6];
  if (!read_args(env, info, 7, "vae_kernels.gaussianLatentPrior: expected 7 arguments", &mem, v, 6, NULL, 0)) return NULL;
  const int64_t L = v[4], b = v[5];
  if (L < 1 || b < 1) return outside(env);
  float* p[4]; // enc, eps, prior, z
  if (!spans(&mem, v, (const int64_t[]){2 * L * b, L * b, 2 * L * b, L * b}, 4, p)) return outside(env);
  return number(env, vae_gaussian_latent_prior(p[0], p[1], p[2], p[3], L, b));
}

// gaussianLatentPriorGrad(memory, dzOff, encOff, epsOff, priorOff, dEncOff, dPriorOff, L, b, klScale)
static napi_value GaussianLatentPriorGrad(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[8];
  double klScale;
  if (!read_args(env, info, 10, "vae_kernels.gaussianLatentPriorGrad: expected 10 arguments", &mem, v, 8, &klScale, 1)) return NULL;
  const int64_t L = v[6], b = v[7];
  if (L < 1 || b < 1) return outside(env);
  float* p[6]; // dz, enc, eps, prior, dEnc, dPrior
  const int64_t counts[6] = {L * b, 2 * L * b, L * b, 2 * L * b, 2 * L * b, 2 * L * b};
  if (!spans(&mem, v, counts, 6, p)) return outside(env);
  vae_gaussian_latent_prior_grad(p[0], p[1], p[2], p[3], p[4], p[5], L, b, (float)klScale);
  return NULL;
}

// bernoulliRowLogLik(memory, logitsOff, xOff, outOff, rows, cols, repeats)
static napi_value BernoulliRowLogLik(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[6];
  if (!read_args(env, info, 7, "vae_kernels.bernoulliRowLogLik: expected 7 arguments", &mem, v, 6, NULL, 0)) return NULL;
  const int64_t rows = v[3], cols = v[4], repeats = v[5];
  if (rows < 1 || cols < 1 || repeats < 1 || rows % repeats != 0) return outside(env);
  float* p[3]; // l, x, out
  if (!spans(&mem, v, (const int64_t[]){rows * cols, (rows / repeats) * cols, rows}, 3, p)) return outside(env);
  vae_bernoulli_row_loglik(p[0], p[1], p[2], rows, cols, repeats);
  return NULL;
}

// biasReluColumns(memory, cOff, biasOff (−1 = none), rows, cols, relu)
static napi_value BiasReluColumns(napi_env env, napi_callback_info info) {
  Memory mem;
  int64_t v[5];
  if (!read_args(env, info, 6, "vae_kernels.biasReluColumns: expected 6 arguments", &mem, v, 5, NULL, 0)) return NULL;
  const int64_t rows = v[2], cols = v[3];
  if (rows < 1 || cols < 1) return outside(env);
  float* c = span(&mem, v[0], rows * cols);
  const float* bias = v[1] < 0 ? NULL : span(&mem, v[1], cols);
  if (!c || (v[1] >= 0 && !bias)) return outside(env);
  vae_bias_relu_columns(c, bias, rows, cols, v[4] != 0);
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

// gaussianFill(seed, out: Float32Array, from): out ← elements [from, from + out.length) of the noise stream the native
// step draws (ops.h vae_gaussian_fill), so tests can hold it to random.ts gaussianFill.
static napi_value GaussianFill(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  size_t argc = 3;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  napi_typedarray_type type;
  size_t length = 0;
  void* data = NULL;
  uint32_t seed;
  int64_t from;
  if (argc != 3 || napi_get_value_uint32(env, argv[0], &seed) != napi_ok ||
      napi_get_typedarray_info(env, argv[1], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_float32_array ||
      napi_get_value_int64(env, argv[2], &from) != napi_ok || from < 0) {
    napi_throw_type_error(env, NULL, "vae_kernels.gaussianFill: expected (seed, Float32Array, from >= 0)");
    return NULL;
  }
  vae_gaussian_fill(seed, from, from + (int64_t)length, (float*)data);
  return NULL;
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
      {"adam", NULL, Adam, NULL, NULL, NULL, napi_default, NULL},
      {"bernoulliLogits", NULL, BernoulliLogits, NULL, NULL, NULL, napi_default, NULL},
      {"denseForward", NULL, DenseForward, NULL, NULL, NULL, napi_default, NULL},
      {"denseBackward", NULL, DenseBackward, NULL, NULL, NULL, napi_default, NULL},
      {"gaussianLatent", NULL, GaussianLatent, NULL, NULL, NULL, napi_default, NULL},
      {"gaussianLatentGrad", NULL, GaussianLatentGrad, NULL, NULL, NULL, napi_default, NULL},
      {"gaussianLatentPrior", NULL, GaussianLatentPrior, NULL, NULL, NULL, napi_default, NULL},
      {"gaussianLatentPriorGrad", NULL, GaussianLatentPriorGrad, NULL, NULL, NULL, napi_default, NULL},
      {"bernoulliRowLogLik", NULL, BernoulliRowLogLik, NULL, NULL, NULL, napi_default, NULL},
      {"biasReluColumns", NULL, BiasReluColumns, NULL, NULL, NULL, napi_default, NULL},
      {"setThreads", NULL, SetThreads, NULL, NULL, NULL, napi_default, NULL},
      {"describe", NULL, Describe, NULL, NULL, NULL, napi_default, NULL},
      {"gaussianFill", NULL, GaussianFill, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props) != napi_ok) return NULL;
  if (vae_register_trainer(env, exports) != napi_ok) return NULL;
  return exports;
}
