#include "step.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

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

// A barrier that spins briefly, then sleeps. Why both: inside a step the threads meet every ~1 ms and a futex
// round trip (~5–20 µs, more when the scheduler moves a thread) would be paid 3 times a step; between steps and
// while the JS thread runs an epoch's extras (or a run is paused) a spinning worker would burn a core.
#define SPIN_ROUNDS 20000

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
  pthread_mutex_lock(&b->mu);
  while (atomic_load_explicit(&b->gen, memory_order_acquire) == gen) pthread_cond_wait(&b->cv, &b->mu);
  pthread_mutex_unlock(&b->mu);
}

// One thread's activations for a shard of at most `cols` images, all feature-major [features, cols].
typedef struct {
  float* encIn;                // [784 + condWidth]: x rows, then the condition rows
  float* encAct[VAE_MAX_LAYERS]; // outputs of the encoder's layers; the last is [mu; logvar]
  float* decIn;                // [L + condWidth]: z rows, then the condition rows
  float* decAct[VAE_MAX_LAYERS]; // outputs of the decoder's layers; the last is the logits [784]
  float* dLogits;              // [784]
  float* ping;                 // backward deltas of hidden layers [widest hidden]
  float* pong;
  float* dz;                   // [L] ∂recon/∂z
  float* dEnc;                 // [2L]
  float* eps;                  // [L]
  float* prior;                // [2L] each image's prior row, when the prior is learned
  float* dPrior;               // [2L]
  int32_t* labels;             // [cols]
  double recon, kl;
} Scratch;

struct VaeTrainer {
  VaePlan plan;
  float* params;
  float* m;
  float* v;
  float* grads; // [threads × P]: thread k's gradient of its shard (already divided by the batch size)
  const uint8_t* images;
  const uint8_t* labels;
  int64_t count;
  int64_t maxShard;
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

static void shard_range(int64_t size, int64_t parts, int64_t k, int64_t* from, int64_t* to) {
  *from = k * size / parts;
  *to = (k + 1) * size / parts;
}

// The weights' range thread k updates: cut at multiples of 16 floats so two threads never write one cache line.
static void weight_range(int64_t P, int64_t parts, int64_t k, int64_t* lo, int64_t* hi) {
  const int64_t blocks = (P + 15) / 16;
  *lo = (k * blocks / parts) * 16;
  *hi = ((k + 1) * blocks / parts) * 16;
  if (*lo > P) *lo = P;
  if (*hi > P) *hi = P;
}

// xᵀ [784, n] from the bytes, the condition rows below it, and the labels.
static void assemble(const VaeTrainer* t, const VaeStepArgs* a, Scratch* s, int64_t from, int64_t n) {
  float* x = s->encIn;
  for (int64_t r = 0; r < n; r++) {
    const int32_t idx = a->perm[a->start + from + r];
    const uint8_t* img = t->images + (int64_t)idx * PIXELS;
    for (int64_t p = 0; p < PIXELS; p++) x[p * n + r] = UNIT[img[p]];
    s->labels[r] = t->labels[idx];
  }
  float* cond = x + PIXELS * n;
  if (t->plan.condKind == VAE_COND_LABEL) {
    memset(cond, 0, (size_t)(CLASSES * n) * sizeof(float));
    for (int64_t r = 0; r < n; r++) cond[(int64_t)(s->labels[r] % CLASSES) * n + r] = 1.0f;
  } else if (t->plan.condKind == VAE_COND_INPAINT) {
    // [x·mask; mask], lib/model/conditions.ts's layout; masks are image-major [size, 784].
    const float* masks = a->masks + from * PIXELS;
    for (int64_t p = 0; p < PIXELS; p++) {
      for (int64_t r = 0; r < n; r++) {
        const float mk = masks[r * PIXELS + p];
        cond[p * n + r] = x[p * n + r] * mk;
        cond[(PIXELS + p) * n + r] = mk;
      }
    }
  }
}

static void forward(const float* params, const VaeStack* st, const float* in, float** act, int64_t n) {
  const float* h = in;
  for (int64_t i = 0; i < st->layers; i++) {
    vae_dense_forward(params + st->w[i], h, params + st->b[i], act[i], st->in[i], st->out[i], n, i < st->layers - 1);
    h = act[i];
  }
}

// Backward from dOut (the last layer's pre-activation gradient); the first layer's input gradient, of its first
// inRows0 features, goes to dIn0 (inRows0 = 0: not needed).
static void backward(const VaeTrainer* t, Scratch* s, const VaeStack* st, const float* in, float** act, const float* dOut,
                     float* g, int64_t inRows0, float* dIn0, int64_t n) {
  const float* dz = dOut;
  for (int64_t i = st->layers - 1; i >= 0; i--) {
    const int64_t inRows = i > 0 ? st->in[i] : inRows0;
    float* dIn = i > 0 ? (dz == s->ping ? s->pong : s->ping) : dIn0;
    vae_dense_backward(t->params + st->w[i], i > 0 ? act[i - 1] : in, dz, g + st->w[i], g + st->b[i], dIn, st->in[i],
                       st->out[i], n, inRows, i > 0);
    dz = dIn;
  }
}

// Thread k's shard: gradient into its row of grads, sums of recon and KL into its scratch.
static void shard_gradient(VaeTrainer* t, int64_t k) {
  const VaeStepArgs* a = t->args;
  const VaePlan* pl = &t->plan;
  Scratch* s = &t->scratch[k];
  float* g = t->grads + k * pl->params;
  int64_t from, to;
  shard_range(a->size, pl->threads, k, &from, &to);
  const int64_t n = to - from, L = pl->latent, cw = pl->condWidth;
  s->recon = 0;
  s->kl = 0;
  if (n <= 0) {
    memset(g, 0, (size_t)pl->params * sizeof(float));
    return;
  }
  const float invB = 1.0f / (float)a->size;
  assemble(t, a, s, from, n);
  for (int64_t r = 0; r < n; r++)
    for (int64_t l = 0; l < L; l++) s->eps[l * n + r] = a->eps[(from + r) * L + l];

  forward(t->params, &pl->enc, s->encIn, s->encAct, n);
  const float* enc = s->encAct[pl->enc.layers - 1];
  if (pl->prior >= 0) {
    const float* rows = t->params + pl->prior;
    for (int64_t f = 0; f < 2 * L; f++)
      for (int64_t r = 0; r < n; r++) s->prior[f * n + r] = rows[(int64_t)(s->labels[r] % CLASSES) * 2 * L + f];
    s->kl = vae_gaussian_latent_prior(enc, s->eps, s->prior, s->decIn, L, n);
  } else {
    s->kl = vae_gaussian_latent(enc, s->eps, s->decIn, L, n);
  }
  if (cw > 0) memcpy(s->decIn + L * n, s->encIn + PIXELS * n, (size_t)(cw * n) * sizeof(float));
  forward(t->params, &pl->dec, s->decIn, s->decAct, n);
  s->recon = vae_bernoulli_logits(s->decAct[pl->dec.layers - 1], s->encIn, s->dLogits, PIXELS * n, invB);

  backward(t, s, &pl->dec, s->decIn, s->decAct, s->dLogits, g, L, s->dz, n);
  const float klScale = a->klWeight * invB;
  if (pl->prior >= 0) {
    vae_gaussian_latent_prior_grad(s->dz, enc, s->eps, s->prior, s->dEnc, s->dPrior, L, n, klScale);
    float* gp = g + pl->prior;
    memset(gp, 0, (size_t)(CLASSES * 2 * L) * sizeof(float));
    for (int64_t f = 0; f < 2 * L; f++)
      for (int64_t r = 0; r < n; r++) gp[(int64_t)(s->labels[r] % CLASSES) * 2 * L + f] += s->dPrior[f * n + r];
  } else {
    vae_gaussian_latent_grad(s->dz, enc, s->eps, s->dEnc, L, n, klScale);
  }
  backward(t, s, &pl->enc, s->encIn, s->encAct, s->dEnc, g, 0, NULL, n);
}

// Thread k's part of a step: its shard's gradient; when all are in, Adam (or the gradients' sum) on its range.
static void work(VaeTrainer* t, int64_t k) {
  const VaeStepArgs* a = t->args;
  const int64_t P = t->plan.params, T = t->plan.threads;
  shard_gradient(t, k);
  if (T > 1) barrier_wait(&t->barrier);
  int64_t lo, hi;
  weight_range(P, T, k, &lo, &hi);
  if (hi > lo) {
    if (a->adam) {
      vae_adam(t->params + lo, t->grads + lo, t->m + lo, t->v + lo, hi - lo, T, P, a->stepSize, a->beta1, a->beta2,
               a->adamEps);
    } else {
      // Rows summed in thread order, as Adam sums them.
      memcpy(a->gradOut + lo, t->grads + lo, (size_t)(hi - lo) * sizeof(float));
      for (int64_t r = 1; r < T; r++) {
        const float* row = t->grads + r * P;
        for (int64_t i = lo; i < hi; i++) a->gradOut[i] += row[i];
      }
    }
  }
  if (T > 1) barrier_wait(&t->barrier);
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

static int alloc_scratch(VaeTrainer* t, Scratch* s) {
  const VaePlan* pl = &t->plan;
  const int64_t n = t->maxShard, L = pl->latent, cw = pl->condWidth;
  int64_t widest = 1;
  for (int64_t i = 0; i + 1 < pl->enc.layers; i++) widest = pl->enc.out[i] > widest ? pl->enc.out[i] : widest;
  for (int64_t i = 0; i + 1 < pl->dec.layers; i++) widest = pl->dec.out[i] > widest ? pl->dec.out[i] : widest;
  s->encIn = alloc_floats((PIXELS + cw) * n);
  s->decIn = alloc_floats((L + cw) * n);
  s->dLogits = alloc_floats(PIXELS * n);
  s->ping = alloc_floats(widest * n);
  s->pong = alloc_floats(widest * n);
  s->dz = alloc_floats(L * n);
  s->dEnc = alloc_floats(2 * L * n);
  s->eps = alloc_floats(L * n);
  s->prior = alloc_floats(2 * L * n);
  s->dPrior = alloc_floats(2 * L * n);
  s->labels = (int32_t*)alloc_floats(n);
  int ok = s->encIn && s->decIn && s->dLogits && s->ping && s->pong && s->dz && s->dEnc && s->eps && s->prior && s->dPrior &&
           s->labels;
  for (int64_t i = 0; i < pl->enc.layers; i++) ok = ok && (s->encAct[i] = alloc_floats(pl->enc.out[i] * n));
  for (int64_t i = 0; i < pl->dec.layers; i++) ok = ok && (s->decAct[i] = alloc_floats(pl->dec.out[i] * n));
  return ok;
}

static void free_scratch(Scratch* s) {
  float* all[] = {s->encIn, s->decIn, s->dLogits, s->ping, s->pong, s->dz, s->dEnc, s->eps, s->prior, s->dPrior,
                  (float*)s->labels};
  for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) free(all[i]);
  for (int i = 0; i < VAE_MAX_LAYERS; i++) {
    free(s->encAct[i]);
    free(s->decAct[i]);
  }
  memset(s, 0, sizeof(*s));
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
  t->grads = alloc_floats(plan->threads * plan->params);
  int ok = t->grads != NULL;
  for (int64_t k = 0; ok && k < plan->threads; k++) ok = alloc_scratch(t, &t->scratch[k]);
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
  for (int64_t k = 0; k < VAE_MAX_THREADS; k++) free_scratch(&t->scratch[k]);
  free(t->grads);
  free(t);
}
