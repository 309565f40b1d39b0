// N-API wrappers of the whole-step trainer (step.h): server/training/native/nativeStepper.ts drives it.
// The typed arrays a trainer reads and writes (weights, moments, the dataset) stay referenced until trainerFree or
// the handle's finalizer, so the pointers it keeps cannot dangle; every per-step operand is bounds-checked.
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>

#include "step.h"

#define PLAN_HEAD 8
#define ARRAYS 5

typedef struct {
  VaeTrainer* trainer;
  napi_ref refs[ARRAYS];
  int64_t params, latent, count, maxBatch, condKind;
} Handle;

static void release(napi_env env, Handle* h) {
  if (h->trainer) vae_trainer_free(h->trainer);
  h->trainer = NULL;
  for (int i = 0; i < ARRAYS; i++) {
    if (h->refs[i]) napi_delete_reference(env, h->refs[i]);
    h->refs[i] = NULL;
  }
}

static void finalize(napi_env env, void* data, void* hint) {
  (void)hint;
  release(env, (Handle*)data);
  free(data);
}

static int typed(napi_env env, napi_value v, napi_typedarray_type want, void** data, size_t* length) {
  bool is = false;
  napi_typedarray_type type;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  if (napi_get_typedarray_info(env, v, &type, length, data, NULL, NULL) != napi_ok) return 0;
  return type == want;
}

static napi_value fail(napi_env env, const char* msg) {
  napi_throw_error(env, NULL, msg);
  return NULL;
}

static int read_stack(const double* p, size_t n, size_t* at, VaeStack* st) {
  if (*at >= n) return 0;
  st->layers = (int64_t)p[(*at)++];
  if (st->layers < 1 || st->layers > VAE_MAX_LAYERS || *at + 4 * (size_t)st->layers > n) return 0;
  for (int64_t i = 0; i < st->layers; i++) {
    st->in[i] = (int64_t)p[(*at)++];
    st->out[i] = (int64_t)p[(*at)++];
    st->w[i] = (int64_t)p[(*at)++];
    st->b[i] = (int64_t)p[(*at)++];
  }
  return 1;
}

// trainerCreate(plan: Float64Array, params: Float32Array [P], moments: Float32Array [2P], images: Uint8Array,
// labels: Uint8Array) → handle. plan = [threads, maxBatch, latent, condKind, condWidth, priorOffset, P,
// encoder layers, (in, out, wOffset, bOffset) per layer, decoder layers, (…) per layer].
static napi_value TrainerCreate(napi_env env, napi_callback_info info) {
  napi_value argv[ARRAYS];
  size_t argc = ARRAYS;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != ARRAYS)
    return fail(env, "vae_kernels.trainerCreate: expected 5 arguments");
  void* data[ARRAYS];
  size_t len[ARRAYS];
  const napi_typedarray_type types[ARRAYS] = {napi_float64_array, napi_float32_array, napi_float32_array, napi_uint8_array,
                                              napi_uint8_array};
  for (int i = 0; i < ARRAYS; i++) {
    if (!typed(env, argv[i], types[i], &data[i], &len[i]))
      return fail(env, "vae_kernels.trainerCreate: expected (Float64Array, Float32Array, Float32Array, Uint8Array, Uint8Array)");
  }
  const double* p = (const double*)data[0];
  if (len[0] < PLAN_HEAD) return fail(env, "vae_kernels.trainerCreate: plan too short");
  VaePlan plan = {0};
  plan.threads = (int64_t)p[0];
  plan.maxBatch = (int64_t)p[1];
  plan.latent = (int64_t)p[2];
  plan.condKind = (int64_t)p[3];
  plan.condWidth = (int64_t)p[4];
  plan.prior = (int64_t)p[5];
  plan.params = (int64_t)p[6];
  size_t at = 7;
  if (!read_stack(p, len[0], &at, &plan.enc) || !read_stack(p, len[0], &at, &plan.dec) || at != len[0])
    return fail(env, "vae_kernels.trainerCreate: malformed plan");
  const int64_t count = (int64_t)len[4];
  if (plan.params < 1 || len[1] != (size_t)plan.params || len[2] != 2 * (size_t)plan.params || count < 1 ||
      len[3] < (size_t)count * 784)
    return fail(env, "vae_kernels.trainerCreate: arrays do not fit the plan");
  Handle* h = calloc(1, sizeof(Handle));
  if (!h) return fail(env, "vae_kernels.trainerCreate: out of memory");
  char err[160] = "";
  float* params = (float*)data[1];
  float* moments = (float*)data[2];
  h->trainer = vae_trainer_create(&plan, params, moments, moments + plan.params, (const uint8_t*)data[3],
                                  (const uint8_t*)data[4], count, err, sizeof(err));
  if (!h->trainer) {
    free(h);
    return fail(env, err[0] ? err : "vae_kernels.trainerCreate: failed");
  }
  h->params = plan.params;
  h->latent = plan.latent;
  h->count = count;
  h->maxBatch = plan.maxBatch;
  h->condKind = plan.condKind;
  for (int i = 1; i < ARRAYS; i++) napi_create_reference(env, argv[i], 1, &h->refs[i]);
  napi_value out;
  if (napi_create_external(env, h, finalize, NULL, &out) != napi_ok) {
    release(env, h);
    free(h);
    return fail(env, "vae_kernels.trainerCreate: cannot make the handle");
  }
  return out;
}

static Handle* handle_of(napi_env env, napi_value v) {
  void* p = NULL;
  napi_valuetype type;
  if (napi_typeof(env, v, &type) != napi_ok || type != napi_external || napi_get_value_external(env, v, &p) != napi_ok) return NULL;
  return (Handle*)p;
}

// Shared by trainerStep and trainerGradients: (handle, perm, start, size, epsSeed, masks | null, klWeight, …, stats).
// epsSeed (an integer 0..2³²−1) seeds the noise the step's threads draw themselves (ops.h vae_gaussian_fill).
static int read_batch(napi_env env, napi_value* argv, Handle** hOut, VaeStepArgs* a) {
  Handle* h = handle_of(env, argv[0]);
  if (!h || !h->trainer) return napi_throw_error(env, NULL, "vae_kernels: the trainer was freed"), 0;
  void* perm;
  size_t permLen;
  int64_t start, size;
  double epsSeed, klWeight;
  if (!typed(env, argv[1], napi_int32_array, &perm, &permLen) || napi_get_value_int64(env, argv[2], &start) != napi_ok ||
      napi_get_value_int64(env, argv[3], &size) != napi_ok || napi_get_value_double(env, argv[4], &epsSeed) != napi_ok ||
      napi_get_value_double(env, argv[6], &klWeight) != napi_ok)
    return napi_throw_type_error(env, NULL, "vae_kernels: expected (handle, Int32Array, start, size, epsSeed, masks, klWeight, …)"), 0;
  if (!(epsSeed >= 0 && epsSeed <= 4294967295.0) || epsSeed != (double)(uint32_t)epsSeed)
    return napi_throw_range_error(env, NULL, "vae_kernels: a noise seed is an integer 0..2^32-1"), 0;
  if (start < 0 || size < 1 || size > h->maxBatch || (uint64_t)(start + size) > permLen)
    return napi_throw_range_error(env, NULL, "vae_kernels: batch outside the permutation or the batch size"), 0;
  const int32_t* p = (const int32_t*)perm;
  for (int64_t i = start; i < start + size; i++) {
    if (p[i] < 0 || p[i] >= h->count) return napi_throw_range_error(env, NULL, "vae_kernels: image index outside the dataset"), 0;
  }
  napi_valuetype mt;
  napi_typeof(env, argv[5], &mt);
  a->masks = NULL;
  if (h->condKind == VAE_COND_INPAINT) {
    void* masks;
    size_t masksLen;
    if (!typed(env, argv[5], napi_float32_array, &masks, &masksLen) || masksLen < (size_t)(size * 784))
      return napi_throw_range_error(env, NULL, "vae_kernels: inpainting needs size × 784 masks"), 0;
    a->masks = (const float*)masks;
  } else if (mt != napi_null && mt != napi_undefined) {
    return napi_throw_type_error(env, NULL, "vae_kernels: masks must be null for this model"), 0;
  }
  a->perm = p;
  a->start = start;
  a->size = size;
  a->eps = NULL;
  a->epsSeed = (uint32_t)epsSeed;
  a->klWeight = (float)klWeight;
  *hOut = h;
  return 1;
}

static int read_stats(napi_env env, napi_value v, double** stats) {
  void* d;
  size_t n;
  if (!typed(env, v, napi_float64_array, &d, &n) || n < 2) return napi_throw_type_error(env, NULL, "vae_kernels: stats must be a Float64Array(2)"), 0;
  *stats = (double*)d;
  return 1;
}

// trainerStep's and trainerGradients' start: exactly `expected` arguments into argv, then the batch (read_batch).
static int read_step_call(napi_env env, napi_callback_info info, size_t expected, const char* usage, napi_value* argv,
                          Handle** h, VaeStepArgs* a) {
  size_t argc = expected;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != expected)
    return napi_throw_error(env, NULL, usage), 0;
  return read_batch(env, argv, h, a);
}

// trainerStep(handle, perm, start, size, eps, masks, klWeight, stepSize, beta1, beta2, adamEps, stats): one Adam step;
// stats ← [Σ recon, Σ KL] over the batch.
static napi_value TrainerStep(napi_env env, napi_callback_info info) {
  napi_value argv[12];
  Handle* h;
  VaeStepArgs a = {0};
  double stepSize, beta1, beta2, adamEps, *stats;
  if (!read_step_call(env, info, 12, "vae_kernels.trainerStep: expected 12 arguments", argv, &h, &a)) return NULL;
  if (napi_get_value_double(env, argv[7], &stepSize) != napi_ok || napi_get_value_double(env, argv[8], &beta1) != napi_ok ||
      napi_get_value_double(env, argv[9], &beta2) != napi_ok || napi_get_value_double(env, argv[10], &adamEps) != napi_ok)
    return fail(env, "vae_kernels.trainerStep: expected numbers");
  if (!read_stats(env, argv[11], &stats)) return NULL;
  a.adam = 1;
  a.stepSize = (float)stepSize;
  a.beta1 = (float)beta1;
  a.beta2 = (float)beta2;
  a.adamEps = (float)adamEps;
  vae_trainer_step(h->trainer, &a, stats);
  return NULL;
}

// trainerGradients(handle, perm, start, size, eps, masks, klWeight, out: Float32Array [P], stats): the batch's
// gradient of the mean loss, no update (tests compare it with the reference compositions).
static napi_value TrainerGradients(napi_env env, napi_callback_info info) {
  napi_value argv[9];
  Handle* h;
  VaeStepArgs a = {0};
  double* stats;
  void* out;
  size_t outLen;
  if (!read_step_call(env, info, 9, "vae_kernels.trainerGradients: expected 9 arguments", argv, &h, &a)) return NULL;
  if (!typed(env, argv[7], napi_float32_array, &out, &outLen) || outLen != (size_t)h->params)
    return fail(env, "vae_kernels.trainerGradients: out must be a Float32Array of the weights' length");
  if (!read_stats(env, argv[8], &stats)) return NULL;
  a.adam = 0;
  a.gradOut = (float*)out;
  vae_trainer_step(h->trainer, &a, stats);
  return NULL;
}

// trainerEvaluate(handle, images: Uint8Array, labels: Uint8Array, start, size, eps [size, L], masks | null, stats):
// Σ recon and Σ KL (β = 1) of test images [start, start + size) under the current weights, nothing updated.
static napi_value TrainerEvaluate(napi_env env, napi_callback_info info) {
  napi_value argv[8];
  size_t argc = 8;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 8)
    return fail(env, "vae_kernels.trainerEvaluate: expected 8 arguments");
  Handle* h = handle_of(env, argv[0]);
  if (!h || !h->trainer) return fail(env, "vae_kernels: the trainer was freed");
  void *images, *labels, *eps;
  size_t imagesLen, labelsLen, epsLen;
  int64_t start, size;
  double* stats;
  if (!typed(env, argv[1], napi_uint8_array, &images, &imagesLen) || !typed(env, argv[2], napi_uint8_array, &labels, &labelsLen) ||
      napi_get_value_int64(env, argv[3], &start) != napi_ok || napi_get_value_int64(env, argv[4], &size) != napi_ok ||
      !typed(env, argv[5], napi_float32_array, &eps, &epsLen))
    return fail(env, "vae_kernels.trainerEvaluate: expected (handle, Uint8Array, Uint8Array, start, size, Float32Array, masks, stats)");
  if (!read_stats(env, argv[7], &stats)) return NULL;
  const int64_t count = (int64_t)labelsLen;
  if (start < 0 || size < 1 || size > h->maxBatch || start + size > count || imagesLen < (size_t)count * 784 ||
      epsLen < (size_t)(size * h->latent))
    return napi_throw_range_error(env, NULL, "vae_kernels.trainerEvaluate: images, labels or noise do not fit the batch"), NULL;
  VaeStepArgs a = {0};
  if (h->condKind == VAE_COND_INPAINT) {
    void* masks;
    size_t masksLen;
    if (!typed(env, argv[6], napi_float32_array, &masks, &masksLen) || masksLen < (size_t)(size * 784))
      return napi_throw_range_error(env, NULL, "vae_kernels: inpainting needs size × 784 masks"), NULL;
    a.masks = (const float*)masks;
  }
  int32_t perm[1024];
  if (size > 1024) return napi_throw_range_error(env, NULL, "vae_kernels.trainerEvaluate: at most 1024 images a call"), NULL;
  for (int64_t i = 0; i < size; i++) perm[i] = (int32_t)(start + i);
  a.perm = perm;
  a.start = 0;
  a.size = size;
  a.eps = (const float*)eps;
  a.klWeight = 1;
  a.forwardOnly = 1;
  a.images = (const uint8_t*)images;
  a.labels = (const uint8_t*)labels;
  vae_trainer_step(h->trainer, &a, stats);
  return NULL;
}

// trainerFree(handle): joins the trainer's threads now (the finalizer would, later).
static napi_value TrainerFree(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc = 1;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 1) return fail(env, "vae_kernels.trainerFree: expected a handle");
  Handle* h = handle_of(env, argv[0]);
  if (!h) return fail(env, "vae_kernels.trainerFree: expected a handle");
  release(env, h);
  return NULL;
}

napi_status vae_register_trainer(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"trainerCreate", NULL, TrainerCreate, NULL, NULL, NULL, napi_default, NULL},
      {"trainerStep", NULL, TrainerStep, NULL, NULL, NULL, napi_default, NULL},
      {"trainerGradients", NULL, TrainerGradients, NULL, NULL, NULL, napi_default, NULL},
      {"trainerFree", NULL, TrainerFree, NULL, NULL, NULL, napi_default, NULL},
      {"trainerEvaluate", NULL, TrainerEvaluate, NULL, NULL, NULL, napi_default, NULL},
  };
  return napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}
