// The whole training step in C: forward, backward and Adam of a Dense VAE on a batch, split over a persistent team
// of threads in two phases: (1) data-parallel, thread k takes the k-th shard of the batch through forward, loss and
// the activations' gradients; (2) after a barrier, thread k computes every layer's weight gradient for the k-th
// range of its input rows over the whole batch (no per-thread partial gradients to add up through memory; one
// contiguous range of memory per thread) and runs Adam on exactly those weights while they are in cache. A stack's
// first layer skips zero inputs (pixels, one-hot rows) and an inpainting mask's ones when a shard's are sparse
// (sparse.h): its forward from each image's nonzeros, and in phase 2 its weight rows from the nonzeros of each input
// row, split by blocks of rows.
// Same maths as lib's negElbo and server/training/kernels/fastGrads.ts (feature-major activations [features, batch]),
// built from the kernels of ops.h; the weights live in one flat vector in trainableVariables order.
#ifndef VAE_STEP_H
#define VAE_STEP_H
#include <stddef.h>
#include <stdint.h>

#define VAE_MAX_LAYERS 8
#define VAE_MAX_THREADS 8

enum { VAE_COND_NONE = 0, VAE_COND_LABEL = 1, VAE_COND_INPAINT = 2 };

// One Dense stack: layer i maps in[i] → out[i] features; its kernel [in, out] and bias [out] sit at float offsets
// w[i] and b[i] of the flat weight vector. Hidden layers are ReLU; the last is linear (encoder) or logits (decoder).
typedef struct {
  int64_t layers;
  int64_t in[VAE_MAX_LAYERS], out[VAE_MAX_LAYERS], w[VAE_MAX_LAYERS], b[VAE_MAX_LAYERS];
} VaeStack;

typedef struct {
  int64_t threads;   // 1..VAE_MAX_THREADS, the calling thread included
  int64_t maxBatch;  // largest batch a step may get
  int64_t latent;    // L: the encoder emits [mu; logvar] = 2L features, the decoder takes [z; condition]
  int64_t condKind;  // VAE_COND_*
  int64_t condWidth; // 0, 10 (one-hot digit) or 1568 ([x·mask; mask])
  int64_t prior;     // float offset of the learned label prior [10, 2L], or −1 for N(0, I)
  int64_t params;    // P, the flat vector's length
  VaeStack enc, dec;
} VaePlan;

typedef struct {
  const int32_t* perm; // the epoch's permutation; the batch is images perm[start, start + size)
  int64_t start, size;
  const float* eps;   // [size, L] standard normal, image-major; NULL: drawn from epsSeed (vae_gaussian_fill)
  uint32_t epsSeed;
  const float* masks; // [size, 784] inpainting masks (1 = observed) or NULL
  float klWeight;
  // Adam (scaled moments, see ops.h vae_adam); adam = 0: no update, the batch's gradient goes to gradOut [P]
  int adam;
  float stepSize, beta1, beta2, adamEps;
  float* gradOut;
  // forwardOnly = 1: the loss sums only (evaluation), no gradients, no update; images/labels (when not NULL) replace
  // the training set's for this call, with `count` images
  int forwardOnly;
  const uint8_t* images;
  const uint8_t* labels;
} VaeStepArgs;

typedef struct VaeTrainer VaeTrainer;

// Starts threads − 1 worker threads. params [P], m and v [P] (Adam's scaled moments), images [count, 784] bytes and
// labels [count] are the caller's and must outlive the trainer. NULL with a reason in err on failure.
VaeTrainer* vae_trainer_create(const VaePlan* plan, float* params, float* m, float* v, const uint8_t* images,
                               const uint8_t* labels, int64_t count, char* err, size_t errSize);

// One step; stats = batch sums of [recon, kl] (the caller divides by size and weighs kl).
void vae_trainer_step(VaeTrainer* t, const VaeStepArgs* args, double stats[2]);

// Stops and joins the workers, frees the scratch memory.
void vae_trainer_free(VaeTrainer* t);

#endif
