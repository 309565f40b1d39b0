#include "step.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "ops.h"
#include "sparse.h"

#define PIXELS 784
#define CLASSES 10

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define cpu_relax() _mm_pause()
#elif defined(__aarch64__)
#define cpu_relax() __asm__ __volatile__("yield")
#else
#define cpu_relax() ((void)0)
#endif

// A barrier that spins briefly, yields, then sleeps. Inside a step the threads meet 2–3 times a millisecond and a
// sleep/wake round trip costs 10–50 µs here, so a short spin catches a partner that is a few µs behind; but on a
// shared machine the partner may be descheduled, and a long spin then burns the very core it waits for (measured:
// 20,000 pause rounds made two threads on a half-busy machine 40 % slower than one thread; 1,000 + 100 yields
// did not). Between steps and while JS runs an epoch's extras or a run is paused, the workers sleep.
#define SPIN_ROUNDS 1000
#define YIELD_ROUNDS 100

typedef struct {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  atomic_uint gen;
  atomic_int count;
  int n;
} Barrier;

static void barrier_wait(Barrier* b) {
  const unsigned gen = atomic_load_explicit(&b->gen, memory_order_acquire);
  if (atomic_fetch_add_explicit(&b->count, 1, memory_order_acq_rel) == b->n - 1) {
    atomic_store_explicit(&b->count, 0, memory_order_relaxed);
    pthread_mutex_lock(&b->mu);
    atomic_fetch_add_explicit(&b->gen, 1, memory_order_release);
    pthread_cond_broadcast(&b->cv);
    pthread_mutex_unlock(&b->mu);
    return;
  }
  for (int i = 0; i < SPIN_ROUNDS; i++) {
    if (atomic_load_explicit(&b->gen, memory_order_acquire) != gen) return;
    cpu_relax();
  }
  for (int i = 0; i < YIELD_ROUNDS; i++) {
    if (atomic_load_explicit(&b->gen, memory_order_acquire) != gen) return;
    sched_yield();
  }
  pthread_mutex_lock(&b->mu);
  while (atomic_load_explicit(&b->gen, memory_order_acquire) == gen) pthread_cond_wait(&b->cv, &b->mu);
  pthread_mutex_unlock(&b->mu);
}

// Activations and their gradients for the whole batch, feature-major [features, size] with row stride `size` (the
// step's batch): thread k reads and writes columns [from, to) in the data-parallel phase, and every thread reads all
// columns in the weight phase. Allocated for maxBatch columns.
typedef struct {
  float* encIn;                  // [784 + condWidth]: x rows, then the condition rows
  float* encAct[VAE_MAX_LAYERS]; // outputs of the encoder's layers; the last is [mu; logvar]
  float* decIn;                  // [L + condWidth]: z rows, then the condition rows
  float* decAct[VAE_MAX_LAYERS]; // outputs of the decoder's layers; the last is the logits [784]
  float* encDz[VAE_MAX_LAYERS];  // ∂loss/∂(pre-activation) of each encoder layer
  float* decDz[VAE_MAX_LAYERS];  // the same for the decoder (the last: ∂loss/∂logits)
  float* dLatent;                // [L] ∂recon/∂z
  float* dPrior;                 // [2L] ∂loss/∂(each image's prior row), when the prior is learned
  int32_t* labels;               // [maxBatch]
} Batch;

// One thread's contiguous scratch for the latent layer of its shard ([rows, n], n = its columns), and its images'
// nonzero first-layer inputs per stack (0 encoder, 1 decoder) with their total; for stacks with rows of mostly ones,
// those rows' column sums of W ([out[0]]) and ∂loss/∂z summed over the batch ([out[0]]).
typedef struct {
  float *enc, *eps, *z, *dz, *dEnc, *prior, *dPrior;
  float* onesW[2];
  float* dzSum;
  SparseColumns nz[2];
  int64_t nnz[2];
  double recon, kl;
} Scratch;

// Input density below which a stack's first layer skips zeros (sparse.h). MNIST pixels: ~0.19 an image; the dense
// GEMM runs ~2–3× faster per multiply than the sparse kernels, so this leaves margin.
#define SPARSE_DENSITY 0.3

struct VaeTrainer {
  VaePlan plan;
  float* params;
  float* m;
  float* v;
  float* grads; // [P]: the batch's gradient (each range written by the thread that owns those weight rows)
  // Per stack: the first layer's input rows [sparseFrom, sparseTo) that are pixels, one-hot or a mask (may be mostly
  // zeros; empty when from = to), of which [onesFrom, onesTo) are mostly ones (the inpainting mask: its nonzeros are
  // kept as value − 1, and W's column sums over those rows stand for the ones); and ∂loss/∂z of that layer
  // image-major [maxBatch, out[0]] for its sparse weight rows.
  int64_t sparseFrom[2], sparseTo[2], onesFrom[2], onesTo[2];
  float* dzT[2];
  const uint8_t* images;
  const uint8_t* labels;
  int64_t count;
  int64_t maxShard;
  Batch batch;
  Scratch scratch[VAE_MAX_THREADS];
  pthread_t workers[VAE_MAX_THREADS];
  int started;
  Barrier barrier;
  const VaeStepArgs* args; // the current step (written before the start barrier)
  int exit;
};

static float UNIT[256];

static float* alloc_floats(int64_t n) {
  void* p = NULL;
  if (posix_memalign(&p, 64, (size_t)(n > 0 ? n : 1) * sizeof(float)) != 0) return NULL;
  return (float*)p;
}

static void split(int64_t size, int64_t parts, int64_t k, int64_t* from, int64_t* to) {
  *from = k * size / parts;
  *to = (k + 1) * size / parts;
}

// Image r's nonzero encoder inputs: its pixels, then its one-hot label row or its visible pixels x·mask (row
// PIXELS + p) and its mask's entries other than one, as mask − 1 (row 2·PIXELS + p); for inpainting also the
// decoder's x·mask and mask rows (rows L + p, L + PIXELS + p). Returns the encoder count.
static int64_t image_nonzeros(const VaeTrainer* t, Scratch* s, const uint8_t* img, int32_t label, const float* mask,
                              int64_t r) {
  int32_t* ei = s->nz[0].idx + r * s->nz[0].cap;
  float* ev = s->nz[0].val + r * s->nz[0].cap;
  int64_t c = 0;
  for (int64_t p = 0; p < PIXELS; p++) {
    // Branch-free compaction: always write, advance only on a nonzero.
    ei[c] = (int32_t)p;
    ev[c] = UNIT[img[p]];
    c += img[p] != 0;
  }
  const int64_t pixels = c;
  if (t->plan.condKind == VAE_COND_LABEL) {
    ei[c] = PIXELS + label;
    ev[c++] = 1.0f;
  } else if (t->plan.condKind == VAE_COND_INPAINT) {
    int32_t* di = s->nz[1].idx + r * s->nz[1].cap;
    float* dv = s->nz[1].val + r * s->nz[1].cap;
    int64_t d = 0;
    for (int64_t q = 0; q < pixels; q++) {
      const int32_t p = ei[q];
      const float v = ev[q] * mask[p];
      ei[c] = PIXELS + p;
      ev[c] = v;
      c += v != 0.0f;
      di[d] = (int32_t)(t->plan.latent + p);
      dv[d] = v;
      d += v != 0.0f;
    }
    for (int64_t p = 0; p < PIXELS; p++) {
      const float off = mask[p] - 1.0f;
      ei[c] = (int32_t)(2 * PIXELS + p);
      ev[c] = off;
      c += off != 0.0f;
      di[d] = (int32_t)(t->plan.latent + PIXELS + p);
      dv[d] = off;
      d += off != 0.0f;
    }
    s->nz[1].count[r] = (int32_t)d;
    s->nnz[1] += d;
  }
  s->nz[0].count[r] = (int32_t)c;
  return c;
}

// xᵀ columns [from, from + n) from the bytes, the condition rows below them, the labels, and (when the encoder has
// sparse rows) each image's nonzero inputs in thread k's scratch.
static void assemble(VaeTrainer* t, const VaeStepArgs* a, int64_t k, int64_t from, int64_t n) {
  const int64_t ld = a->size;
  const Batch* bt = &t->batch;
  Scratch* s = &t->scratch[k];
  const uint8_t* images = a->images ? a->images : t->images;
  const uint8_t* labels = a->labels ? a->labels : t->labels;
  float* x = bt->encIn + from;
  s->nnz[0] = 0;
  s->nnz[1] = 0;
  // xᵀ in groups of 16 images: each pixel row then gets one cache line of 16 columns at a time, instead of one float
  // into each of 784 lines per image (assembly was ~6 % of a step).
  enum { GROUP = 16 };
  for (int64_t r0 = 0; r0 < n; r0 += GROUP) {
    const int64_t g = n - r0 < GROUP ? n - r0 : GROUP;
    const uint8_t* img[GROUP];
    for (int64_t r = 0; r < g; r++) img[r] = images + (int64_t)a->perm[a->start + from + r0 + r] * PIXELS;
    for (int64_t p = 0; p < PIXELS; p++) {
      float* row = x + p * ld + r0;
      for (int64_t r = 0; r < g; r++) row[r] = UNIT[img[r][p]];
    }
  }
  for (int64_t r = 0; r < n; r++) {
    const int32_t idx = a->perm[a->start + from + r];
    bt->labels[from + r] = labels[idx] % CLASSES;
    if (s->nz[0].cap > 0)
      s->nnz[0] += image_nonzeros(t, s, images + (int64_t)idx * PIXELS, bt->labels[from + r],
                                  a->masks ? a->masks + (from + r) * PIXELS : NULL, r);
  }
  float* cond = x + PIXELS * ld;
  if (t->plan.condKind == VAE_COND_LABEL) {
    for (int64_t c = 0; c < CLASSES; c++) memset(cond + c * ld, 0, (size_t)n * sizeof(float));
    for (int64_t r = 0; r < n; r++) cond[(int64_t)bt->labels[from + r] * ld + r] = 1.0f;
  } else if (t->plan.condKind == VAE_COND_INPAINT) {
    // [x·mask; mask]: the layout of lib/model/conditions.ts fillConditionT (nativeStepper.test.ts holds the two
    // together through the gradients); masks are image-major [size, 784].
    const float* masks = a->masks + from * PIXELS;
    for (int64_t p = 0; p < PIXELS; p++) {
      for (int64_t r = 0; r < n; r++) {
        const float mk = masks[r * PIXELS + p];
        cond[p * ld + r] = x[p * ld + r] * mk;
        cond[(PIXELS + p) * ld + r] = mk;
      }
    }
  }
  // The decoder's condition rows are the same values.
  const int64_t L = t->plan.latent, cw = t->plan.condWidth;
  for (int64_t c = 0; c < cw; c++) memcpy(bt->decIn + (L + c) * ld + from, cond + c * ld, (size_t)n * sizeof(float));
}

// out += W[r0:r1]ᵀ · h[r0:r1] on n columns: the product over input rows [r0, r1) only.
static void gemm_rows(const float* w, int64_t outF, const float* h, int64_t r0, int64_t r1, float* out, int64_t n,
                      int64_t ld) {
  if (r1 <= r0) return;
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)outF, (int)n, (int)(r1 - r0), 1.0f, w + r0 * outF, (int)outF,
              h + r0 * ld, (int)ld, 1.0f, out, (int)ld);
}

// Forward of one stack on columns [from, from + n): out = Wᵀ·h + bias, ReLU on hidden layers. With nz (this shard's
// nonzero inputs), the first layer's rows [s0, s1) come from nz instead of a dense product, plus onesW (W's column
// sums over the rows of mostly ones, whose entries nz holds as offsets from one) when not NULL.
static void forward(const float* params, const VaeStack* st, const float* in, float* const* act, int64_t from, int64_t n,
                    int64_t ld, const SparseColumns* nz, int64_t s0, int64_t s1, const float* onesW) {
  const float* h = in;
  for (int64_t i = 0; i < st->layers; i++) {
    const int64_t inF = st->in[i], outF = st->out[i];
    const float* bias = params + st->b[i];
    float* out = act[i] + from;
    for (int64_t o = 0; o < outF; o++) {
      const float b = i == 0 && onesW ? bias[o] + onesW[o] : bias[o];
      for (int64_t j = 0; j < n; j++) out[o * ld + j] = b;
    }
    if (i == 0 && nz) {
      gemm_rows(params + st->w[0], outF, h + from, 0, s0, out, n, ld);
      gemm_rows(params + st->w[0], outF, h + from, s1, inF, out, n, ld);
      vae_sparse_forward(params + st->w[0], outF, nz, n, out, ld);
    } else {
      gemm_rows(params + st->w[i], outF, h + from, 0, inF, out, n, ld);
    }
    if (i < st->layers - 1) {
      for (int64_t o = 0; o < outF; o++) {
        float* row = out + o * ld;
        for (int64_t j = 0; j < n; j++) row[j] = row[j] > 0.0f ? row[j] : 0.0f;
      }
    }
    h = act[i];
  }
}

// Backward of one stack's activations on columns [from, from + n), from dz of its last layer (already in dz[last]):
// dz[i − 1] = (W_i · dz_i) ⊙ (h_i > 0). The first layer's input gradient (its first inRows0 rows) goes to dIn0.
static void backward(const float* params, const VaeStack* st, float* const* act, float* const* dz, int64_t inRows0,
                     float* dIn0, int64_t from, int64_t n, int64_t ld) {
  for (int64_t i = st->layers - 1; i >= 0; i--) {
    const int64_t inRows = i > 0 ? st->in[i] : inRows0;
    if (inRows == 0) continue;
    float* dIn = (i > 0 ? dz[i - 1] : dIn0) + from;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)inRows, (int)n, (int)st->out[i], 1.0f,
                params + st->w[i], (int)st->out[i], dz[i] + from, (int)ld, 0.0f, dIn, (int)ld);
    if (i > 0) {
      const float* h = act[i - 1] + from;
      for (int64_t f = 0; f < inRows; f++)
        for (int64_t j = 0; j < n; j++) dIn[f * ld + j] = h[f * ld + j] > 0.0f ? dIn[f * ld + j] : 0.0f;
    }
  }
}

static void gather_rows(const float* src, int64_t rows, int64_t from, int64_t n, int64_t ld, float* dst) {
  for (int64_t f = 0; f < rows; f++) memcpy(dst + f * n, src + f * ld + from, (size_t)n * sizeof(float));
}

static void scatter_rows(const float* src, int64_t rows, int64_t from, int64_t n, int64_t ld, float* dst) {
  for (int64_t f = 0; f < rows; f++) memcpy(dst + f * ld + from, src + f * n, (size_t)n * sizeof(float));
}

// Stack `st`'s first layer takes this shard's nonzero inputs when the stack has sparse rows and they are sparse enough.
static const SparseColumns* shard_nonzeros(const VaeTrainer* t, const Scratch* s, int st, int64_t n) {
  const int64_t width = t->sparseTo[st] - t->sparseFrom[st];
  if (width <= 0 || (double)s->nnz[st] >= SPARSE_DENSITY * (double)(n * width)) return NULL;
  return &s->nz[st];
}

// sum[0, width) = Σ over rows r ∈ [0, rows) of src[r · width + ·] (rows ≥ 1), in row order.
static void sum_rows(const float* src, int64_t rows, int64_t width, float* sum) {
  memcpy(sum, src, (size_t)width * sizeof(float));
  for (int64_t r = 1; r < rows; r++)
    for (int64_t o = 0; o < width; o++) sum[o] += src[r * width + o];
}

// Thread k's column sums of stack st's first-layer weights over its rows of mostly ones (NULL when it has none).
static const float* ones_sums(VaeTrainer* t, int64_t k, int st, const VaeStack* stack) {
  const int64_t r0 = t->onesFrom[st], r1 = t->onesTo[st], outF = stack->out[0];
  if (r1 <= r0) return NULL;
  sum_rows(t->params + stack->w[0] + r0 * outF, r1 - r0, outF, t->scratch[k].onesW[st]);
  return t->scratch[k].onesW[st];
}

// The weight phase takes the sparse path for a stack when every shard did (then every shard left its dzT rows).
static int batch_sparse(const VaeTrainer* t, int st) {
  const int64_t size = t->args->size;
  for (int64_t k = 0; k < t->plan.threads; k++) {
    int64_t from, to;
    split(size, t->plan.threads, k, &from, &to);
    if (to > from && !shard_nonzeros(t, &t->scratch[k], st, to - from)) return 0;
  }
  return t->sparseTo[st] > t->sparseFrom[st];
}

// Phase 1, thread k: its shard's forward, loss and activation gradients (no weight gradients yet).
static void shard_pass(VaeTrainer* t, int64_t k) {
  const VaeStepArgs* a = t->args;
  const VaePlan* pl = &t->plan;
  const Batch* bt = &t->batch;
  Scratch* s = &t->scratch[k];
  int64_t from, to;
  split(a->size, pl->threads, k, &from, &to);
  const int64_t n = to - from, L = pl->latent, ld = a->size;
  s->recon = 0;
  s->kl = 0;
  if (n <= 0) return;
  const float invB = 1.0f / (float)a->size;
  assemble(t, a, k, from, n);
  const float* eps = a->eps ? a->eps + from * L : s->dEnc; // dEnc is free until the latent gradient
  if (!a->eps) vae_gaussian_fill(a->epsSeed, from * L, (from + n) * L, s->dEnc);
  for (int64_t r = 0; r < n; r++)
    for (int64_t l = 0; l < L; l++) s->eps[l * n + r] = eps[r * L + l];

  const SparseColumns* encNz = shard_nonzeros(t, s, 0, n);
  const SparseColumns* decNz = shard_nonzeros(t, s, 1, n);
  forward(t->params, &pl->enc, bt->encIn, bt->encAct, from, n, ld, encNz, t->sparseFrom[0], t->sparseTo[0],
          encNz ? ones_sums(t, k, 0, &pl->enc) : NULL);
  gather_rows(bt->encAct[pl->enc.layers - 1], 2 * L, from, n, ld, s->enc);
  if (pl->prior >= 0) {
    const float* rows = t->params + pl->prior;
    for (int64_t f = 0; f < 2 * L; f++)
      for (int64_t r = 0; r < n; r++) s->prior[f * n + r] = rows[(int64_t)bt->labels[from + r] * 2 * L + f];
    s->kl = vae_gaussian_latent_prior(s->enc, s->eps, s->prior, s->z, L, n);
  } else {
    s->kl = vae_gaussian_latent(s->enc, s->eps, s->z, L, n);
  }
  scatter_rows(s->z, L, from, n, ld, bt->decIn);
  forward(t->params, &pl->dec, bt->decIn, bt->decAct, from, n, ld, decNz, t->sparseFrom[1], t->sparseTo[1],
          decNz ? ones_sums(t, k, 1, &pl->dec) : NULL);
  const float* logits = bt->decAct[pl->dec.layers - 1];
  float* dLogits = bt->decDz[pl->dec.layers - 1];
  double recon = 0;
  for (int64_t p = 0; p < PIXELS; p++)
    recon += vae_bernoulli_logits(logits + p * ld + from, bt->encIn + p * ld + from, dLogits + p * ld + from, n, invB);
  s->recon = recon;
  if (a->forwardOnly) return;

  backward(t->params, &pl->dec, bt->decAct, bt->decDz, L, bt->dLatent, from, n, ld);
  if (decNz) vae_transpose(bt->decDz[0] + from, pl->dec.out[0], n, ld, t->dzT[1] + from * pl->dec.out[0]);
  gather_rows(bt->dLatent, L, from, n, ld, s->dz);
  const float klScale = a->klWeight * invB;
  if (pl->prior >= 0) {
    vae_gaussian_latent_prior_grad(s->dz, s->enc, s->eps, s->prior, s->dEnc, s->dPrior, L, n, klScale);
    scatter_rows(s->dPrior, 2 * L, from, n, ld, bt->dPrior);
  } else {
    vae_gaussian_latent_grad(s->dz, s->enc, s->eps, s->dEnc, L, n, klScale);
  }
  scatter_rows(s->dEnc, 2 * L, from, n, ld, bt->encDz[pl->enc.layers - 1]);
  backward(t->params, &pl->enc, bt->encAct, bt->encDz, 0, NULL, from, n, ld);
  if (encNz) vae_transpose(bt->encDz[0] + from, pl->enc.out[0], n, ld, t->dzT[0] + from * pl->enc.out[0]);
}

static void adam_span(VaeTrainer* t, const float* g, int64_t at, int64_t len) {
  const VaeStepArgs* a = t->args;
  vae_adam(t->params + at, g + at, t->m + at, t->v + at, len, 1, 0, a->stepSize, a->beta1, a->beta2, a->adamEps);
}

// Floats per weight-gradient block (256 KB): the block is still in L2 when Adam reads it.
#define WEIGHT_BLOCK 65536

// Thread k's bias columns: db[o0:o1] = DZ's row sums over the batch, with Adam.
static void bias_columns(VaeTrainer* t, int64_t k, const float* DZ, int64_t outF, int64_t bOff) {
  const VaeStepArgs* a = t->args;
  const int64_t ld = a->size;
  float* g = a->adam ? t->grads : a->gradOut;
  int64_t o0, o1;
  split(outF, t->plan.threads, k, &o0, &o1);
  for (int64_t o = o0; o < o1; o++) {
    const float* row = DZ + o * ld;
    float sum = 0;
    for (int64_t j = 0; j < ld; j++) sum += row[j];
    g[bOff + o] = sum;
  }
  if (a->adam && o1 > o0) adam_span(t, g, bOff + o0, o1 - o0);
}

// dW[r0:r1, :] = H[r0:r1] · DZᵀ over the whole batch, in blocks of rows, each with its Adam update.
static void dense_weight_rows(VaeTrainer* t, const float* H, const float* DZ, int64_t r0, int64_t r1, int64_t outF,
                              int64_t wOff) {
  const VaeStepArgs* a = t->args;
  const int64_t ld = a->size;
  float* g = a->adam ? t->grads : a->gradOut;
  const int64_t blockRows = WEIGHT_BLOCK / outF > 0 ? WEIGHT_BLOCK / outF : 1;
  for (int64_t b0 = r0; b0 < r1; b0 += blockRows) {
    const int64_t rows = r1 - b0 < blockRows ? r1 - b0 : blockRows;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, (int)outF, (int)ld, 1.0f, H + b0 * ld, (int)ld, DZ,
                (int)ld, 0.0f, g + wOff + b0 * outF, (int)outF);
    if (a->adam) adam_span(t, g, wOff + b0 * outF, rows * outF);
  }
}

// Phase 2, thread k, one layer: its contiguous share of the weight rows (one memory range: the threads share at most
// one cache line of the weights, moments and gradient, where a split by columns shared one per row; on a VM whose two
// CPUs sit on two dies that made the phase ~1.25× slower) and its bias columns.
static void layer_weights(VaeTrainer* t, int64_t k, const float* H, const float* DZ, int64_t inF, int64_t outF, int64_t wOff,
                          int64_t bOff) {
  int64_t r0, r1;
  split(inF, t->plan.threads, k, &r0, &r1);
  dense_weight_rows(t, H, DZ, r0, r1, outF, wOff);
  bias_columns(t, k, DZ, outF, bOff);
}

// Rows per block of a first layer's sparse weight rows; the blocks go to the threads in turn, since pixel density
// (the work of a row) changes across the image.
#define SPARSE_BLOCK 16

// Phase 2, thread k, the first layer of stack st on a sparse batch. Its share of the dense rows (outside [s0, s1)) by
// GEMM; its blocks of sparse rows from the nonzeros of H's rows and dzT (rows of mostly ones from their entries other
// than one and dzT's column sums); the bias columns as elsewhere; Adam on each block while it is in cache.
static void sparse_layer_weights(VaeTrainer* t, int64_t k, int st, const float* H, const float* DZ, int64_t inF,
                                 int64_t outF, int64_t wOff, int64_t bOff) {
  const VaeStepArgs* a = t->args;
  const int64_t ld = a->size, threads = t->plan.threads, s0 = t->sparseFrom[st], s1 = t->sparseTo[st];
  float* g = a->adam ? t->grads : a->gradOut;
  // The dense rows [0, s0) ∪ [s1, inF) as one index range, split evenly.
  int64_t d0, d1;
  split(s0 + inF - s1, threads, k, &d0, &d1);
  dense_weight_rows(t, H, DZ, d0, d1 < s0 ? d1 : s0, outF, wOff);
  dense_weight_rows(t, H, DZ, s1 + (d0 > s0 ? d0 - s0 : 0), s1 + (d1 > s0 ? d1 - s0 : 0), outF, wOff);
  const float* dzT = t->dzT[st];
  float* dzSum = NULL;
  if (t->onesTo[st] > t->onesFrom[st]) {
    dzSum = t->scratch[k].dzSum;
    sum_rows(dzT, ld, outF, dzSum);
  }
  for (int64_t p0 = s0 + k * SPARSE_BLOCK; p0 < s1; p0 += threads * SPARSE_BLOCK) {
    const int64_t p1 = p0 + SPARSE_BLOCK < s1 ? p0 + SPARSE_BLOCK : s1;
    for (int64_t p = p0; p < p1; p++) {
      const int ones = p >= t->onesFrom[st] && p < t->onesTo[st];
      vae_sparse_weight_row(H + p * ld, ld, dzT, outF, ones ? dzSum : NULL, g + wOff + p * outF);
    }
    if (a->adam) adam_span(t, g, wOff + p0 * outF, (p1 - p0) * outF);
  }
  bias_columns(t, k, DZ, outF, bOff);
}

static void stack_weights(VaeTrainer* t, int64_t k, int st, const VaeStack* stack, const float* in, float* const* act,
                          float* const* dz) {
  const int sparse = batch_sparse(t, st);
  for (int64_t i = 0; i < stack->layers; i++) {
    const float* H = i > 0 ? act[i - 1] : in;
    if (i == 0 && sparse)
      sparse_layer_weights(t, k, st, H, dz[0], stack->in[0], stack->out[0], stack->w[0], stack->b[0]);
    else
      layer_weights(t, k, H, dz[i], stack->in[i], stack->out[i], stack->w[i], stack->b[i]);
  }
}

// Thread k's part of a step: its shard's activations; when all are in, its columns of every layer's weight gradient
// with their Adam update (thread 0 also the learned prior's).
static void work(VaeTrainer* t, int64_t k) {
  const VaeStepArgs* a = t->args;
  const VaePlan* pl = &t->plan;
  const Batch* bt = &t->batch;
  shard_pass(t, k);
  if (a->forwardOnly) {
    if (pl->threads > 1) barrier_wait(&t->barrier);
    return;
  }
  if (pl->threads > 1) barrier_wait(&t->barrier);
  stack_weights(t, k, 0, &pl->enc, bt->encIn, bt->encAct, bt->encDz);
  stack_weights(t, k, 1, &pl->dec, bt->decIn, bt->decAct, bt->decDz);
  if (pl->prior >= 0 && k == 0) {
    // Each image's prior gradient goes back to its digit's row of params [10, 2L].
    const int64_t L = pl->latent, ld = a->size, span = CLASSES * 2 * L;
    float* g = a->adam ? t->grads : a->gradOut;
    float* gp = g + pl->prior;
    memset(gp, 0, (size_t)span * sizeof(float));
    for (int64_t f = 0; f < 2 * L; f++)
      for (int64_t r = 0; r < ld; r++) gp[(int64_t)bt->labels[r] * 2 * L + f] += bt->dPrior[f * ld + r];
    if (a->adam) adam_span(t, g, pl->prior, span);
  }
  if (pl->threads > 1) barrier_wait(&t->barrier);
}

typedef struct {
  VaeTrainer* t;
  int64_t k;
} WorkerArg;

static void* worker_main(void* p) {
  WorkerArg* w = (WorkerArg*)p;
  VaeTrainer* t = w->t;
  const int64_t k = w->k;
  free(w);
  for (;;) {
    barrier_wait(&t->barrier);
    if (t->exit) break;
    work(t, k);
  }
  return NULL;
}

static int alloc_batch(VaeTrainer* t) {
  const VaePlan* pl = &t->plan;
  Batch* bt = &t->batch;
  const int64_t B = pl->maxBatch, L = pl->latent, cw = pl->condWidth;
  bt->encIn = alloc_floats((PIXELS + cw) * B);
  bt->decIn = alloc_floats((L + cw) * B);
  bt->dLatent = alloc_floats(L * B);
  bt->dPrior = alloc_floats(2 * L * B);
  bt->labels = (int32_t*)alloc_floats(B);
  int ok = bt->encIn && bt->decIn && bt->dLatent && bt->dPrior && bt->labels;
  for (int64_t i = 0; i < pl->enc.layers; i++) {
    ok = ok && (bt->encAct[i] = alloc_floats(pl->enc.out[i] * B));
    ok = ok && (bt->encDz[i] = alloc_floats(pl->enc.out[i] * B));
  }
  for (int64_t i = 0; i < pl->dec.layers; i++) {
    ok = ok && (bt->decAct[i] = alloc_floats(pl->dec.out[i] * B));
    ok = ok && (bt->decDz[i] = alloc_floats(pl->dec.out[i] * B));
  }
  const int64_t n = t->maxShard;
  const VaeStack* firsts[2] = {&pl->enc, &pl->dec};
  for (int64_t k = 0; ok && k < pl->threads; k++) {
    Scratch* s = &t->scratch[k];
    float** all[] = {&s->enc, &s->eps, &s->z, &s->dz, &s->dEnc, &s->prior, &s->dPrior};
    for (size_t i = 0; ok && i < sizeof(all) / sizeof(all[0]); i++) ok = (*all[i] = alloc_floats(2 * L * n)) != NULL;
    for (int st = 0; ok && st < 2; st++) {
      if (t->onesTo[st] <= t->onesFrom[st]) continue;
      ok = (s->onesW[st] = alloc_floats(firsts[st]->out[0])) != NULL;
      if (ok && !s->dzSum) ok = (s->dzSum = alloc_floats(pl->enc.out[0] > pl->dec.out[0] ? pl->enc.out[0] : pl->dec.out[0])) != NULL;
    }
    for (int st = 0; ok && st < 2; st++) {
      SparseColumns* nz = &s->nz[st];
      nz->cap = t->sparseTo[st] - t->sparseFrom[st];
      if (nz->cap <= 0) continue;
      ok = (nz->count = (int32_t*)alloc_floats(n)) && (nz->idx = (int32_t*)alloc_floats(n * nz->cap)) &&
           (nz->val = alloc_floats(n * nz->cap));
    }
  }
  for (int st = 0; ok && st < 2; st++)
    if (t->sparseTo[st] > t->sparseFrom[st]) ok = (t->dzT[st] = alloc_floats(B * firsts[st]->out[0])) != NULL;
  return ok;
}

static void free_batch(VaeTrainer* t) {
  Batch* bt = &t->batch;
  free(bt->encIn);
  free(bt->decIn);
  free(bt->dLatent);
  free(bt->dPrior);
  free(bt->labels);
  for (int i = 0; i < VAE_MAX_LAYERS; i++) {
    free(bt->encAct[i]);
    free(bt->encDz[i]);
    free(bt->decAct[i]);
    free(bt->decDz[i]);
  }
  for (int k = 0; k < VAE_MAX_THREADS; k++) {
    Scratch* s = &t->scratch[k];
    float* all[] = {s->enc, s->eps, s->z, s->dz, s->dEnc, s->prior, s->dPrior};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) free(all[i]);
    free(s->dzSum);
    for (int st = 0; st < 2; st++) {
      free(s->onesW[st]);
      free(s->nz[st].count);
      free(s->nz[st].idx);
      free(s->nz[st].val);
    }
  }
  free(t->dzT[0]);
  free(t->dzT[1]);
}

static int check_stack(const VaeStack* st, int64_t in0, int64_t outLast, int64_t P) {
  if (st->layers < 1 || st->layers > VAE_MAX_LAYERS || st->in[0] != in0 || st->out[st->layers - 1] != outLast) return 0;
  for (int64_t i = 0; i < st->layers; i++) {
    if (st->in[i] < 1 || st->out[i] < 1 || (i > 0 && st->in[i] != st->out[i - 1])) return 0;
    if (st->w[i] < 0 || st->b[i] < 0 || st->w[i] + st->in[i] * st->out[i] > P || st->b[i] + st->out[i] > P) return 0;
  }
  return 1;
}

VaeTrainer* vae_trainer_create(const VaePlan* plan, float* params, float* m, float* v, const uint8_t* images,
                               const uint8_t* labels, int64_t count, char* err, size_t errSize) {
  const int64_t L = plan->latent, cw = plan->condWidth;
  const int condOk = (plan->condKind == VAE_COND_NONE && cw == 0) || (plan->condKind == VAE_COND_LABEL && cw == CLASSES) ||
                     (plan->condKind == VAE_COND_INPAINT && cw == 2 * PIXELS);
  if (plan->threads < 1 || plan->threads > VAE_MAX_THREADS || plan->maxBatch < 1 || L < 1 || !condOk || count < 1 ||
      !check_stack(&plan->enc, PIXELS + cw, 2 * L, plan->params) || !check_stack(&plan->dec, L + cw, PIXELS, plan->params) ||
      (plan->prior >= 0 && (plan->condKind != VAE_COND_LABEL || plan->prior + CLASSES * 2 * L > plan->params))) {
    snprintf(err, errSize, "vae_trainer: the plan does not describe a Dense VAE");
    return NULL;
  }
  for (int i = 0; i < 256; i++) UNIT[i] = (float)i / 255.0f;
  VaeTrainer* t = calloc(1, sizeof(VaeTrainer));
  if (!t) return NULL;
  t->plan = *plan;
  t->params = params;
  t->m = m;
  t->v = v;
  t->images = images;
  t->labels = labels;
  t->count = count;
  t->maxShard = (plan->maxBatch + plan->threads - 1) / plan->threads;
  // The first layers' rows that are pixels, one-hot or a mask: the encoder's x (and its label row, or x·mask and the
  // mask); the decoder's x·mask and mask when inpainting (its one-hot rows are too few to matter, its z rows are
  // dense). The mask rows are mostly ones (its hole is ~15 % of the image).
  const int inpaint = plan->condKind == VAE_COND_INPAINT;
  t->sparseTo[0] = inpaint ? 3 * PIXELS : PIXELS + (plan->condKind == VAE_COND_LABEL ? CLASSES : 0);
  t->sparseFrom[1] = L;
  t->sparseTo[1] = inpaint ? L + 2 * PIXELS : L;
  if (inpaint) {
    t->onesFrom[0] = 2 * PIXELS;
    t->onesTo[0] = 3 * PIXELS;
    t->onesFrom[1] = L + PIXELS;
    t->onesTo[1] = L + 2 * PIXELS;
  }
  t->grads = alloc_floats(plan->params);
  int ok = t->grads != NULL && alloc_batch(t);
  pthread_mutex_init(&t->barrier.mu, NULL);
  pthread_cond_init(&t->barrier.cv, NULL);
  t->barrier.n = (int)plan->threads;
  for (int64_t k = 1; ok && k < plan->threads; k++) {
    WorkerArg* w = malloc(sizeof(WorkerArg));
    ok = w != NULL;
    if (!ok) break;
    w->t = t;
    w->k = k;
    if (pthread_create(&t->workers[k], NULL, worker_main, w) != 0) {
      free(w);
      ok = 0;
      break;
    }
    t->started = (int)k;
  }
  if (!ok) {
    snprintf(err, errSize, "vae_trainer: out of memory or threads");
    // Workers that did start wait at the barrier for `threads` parties: release them with exit set.
    t->barrier.n = t->started + 1;
    vae_trainer_free(t);
    return NULL;
  }
  return t;
}

void vae_trainer_step(VaeTrainer* t, const VaeStepArgs* args, double stats[2]) {
  t->args = args;
  if (t->plan.threads > 1) barrier_wait(&t->barrier);
  work(t, 0);
  stats[0] = 0;
  stats[1] = 0;
  for (int64_t k = 0; k < t->plan.threads; k++) {
    stats[0] += t->scratch[k].recon;
    stats[1] += t->scratch[k].kl;
  }
}

void vae_trainer_free(VaeTrainer* t) {
  if (!t) return;
  if (t->started > 0) {
    t->exit = 1;
    barrier_wait(&t->barrier);
    for (int k = 1; k <= t->started; k++) pthread_join(t->workers[k], NULL);
  }
  pthread_mutex_destroy(&t->barrier.mu);
  pthread_cond_destroy(&t->barrier.cv);
  free_batch(t);
  free(t->grads);
  free(t);
}
