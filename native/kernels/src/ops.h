// Pure C kernels behind the N-API wrappers in kernels.c: plain pointers, no Node types, row-major float32.
// Shapes follow lib/model/fastGrads.ts's feature-major layout: activations are [features, batch].
#ifndef VAE_OPS_H
#define VAE_OPS_H
#include <stdint.h>

// Adam in place on w[0, n) with the gradient summed over `rows` rows of g (row r at g + r·rowStride) and scaled
// moments m, v: m ← β1·m + g, v ← β2·v + g², w ← w − stepSize · m / (√v + eps).
void vae_adam(float* w, const float* g, float* m, float* v, int64_t n, int64_t rows, int64_t rowStride, float stepSize,
              float beta1, float beta2, float eps);

// Σ softplus(l) − x·l over n pixels (returned), and grad = (sigmoid(l) − x) · scale.
double vae_bernoulli_logits(const float* l, const float* x, float* grad, int64_t n, float scale);

// out[outF, b] = Wᵀ · h + bias (per row), then ReLU if relu. W [inF, outF], h [inF, b].
void vae_dense_forward(const float* w, const float* h, const float* bias, float* out, int64_t inF, int64_t outF,
                       int64_t b, int relu);

// dW [inF, outF] = h · dzᵀ, db [outF] = Σ_columns dz, and when inRows > 0: dIn [inRows, b] = W[:inRows] · dz,
// times ReLU'(h) (h > 0) when reluMask. h [inF, b], dz [outF, b].
void vae_dense_backward(const float* w, const float* h, const float* dz, float* dw, float* db, float* dIn, int64_t inF,
                        int64_t outF, int64_t b, int64_t inRows, int reluMask);

// enc [2L, b] = [mu; logvar]: z [L, b] = mu + eps · exp(logvar / 2); returns Σ KL = −½ Σ (1 + logvar − mu² − e^logvar).
double vae_gaussian_latent(const float* enc, const float* eps, float* z, int64_t L, int64_t b);

// dEnc [2L, b] = [dz + klScale·mu; ½·dz·eps·e^(logvar/2) + ½·klScale·(e^logvar − 1)].
void vae_gaussian_latent_grad(const float* dz, const float* enc, const float* eps, float* dEnc, int64_t L, int64_t b,
                              float klScale);

// Against a per-column Gaussian prior [m; s] [2L, b] (mean, log-variance) instead of N(0, I): z as above; returns
// Σ KL = ½ Σ (s − logvar + (e^logvar + (mu − m)²)·e^−s − 1).
double vae_gaussian_latent_prior(const float* enc, const float* eps, const float* prior, float* z, int64_t L, int64_t b);

// Its gradients, d = mu − m: dEnc = [dz + klScale·d·e^−s; ½·dz·eps·e^(logvar/2) + ½·klScale·(e^(logvar−s) − 1)],
// dPrior = [−klScale·d·e^−s; ½·klScale·(1 − (e^logvar + d²)·e^−s)].
void vae_gaussian_latent_prior_grad(const float* dz, const float* enc, const float* eps, const float* prior, float* dEnc,
                                    float* dPrior, int64_t L, int64_t b, float klScale);

// out[0, to − from) = elements [from, to) of server/training/loop/random.ts gaussianFill(·, seed): Box–Muller over
// mulberry32, pair p from draws 2p and 2p + 1 (a draw is a function of its index, so each thread fills its own range),
// in double like the JS (libm's log/cos/sin may differ from V8's in the last bit of a double, not of the float).
void vae_gaussian_fill(uint32_t seed, int64_t from, int64_t to, float* out);

// out[r] = Σ_p x·l − softplus(l) over the cols pixels of row r of l [rows, cols]: log p(x | z) of a Bernoulli
// decoder, per sample. x [rows / repeats, cols]: row r is scored against image r / repeats (k samples per image).
void vae_bernoulli_row_loglik(const float* l, const float* x, float* out, int64_t rows, int64_t cols, int64_t repeats);

// c[rows, cols] += bias[cols] per column (when bias is not NULL), then ReLU if relu: tfjs's _FusedMatMul epilogue.
void vae_bias_relu_columns(float* c, const float* bias, int64_t rows, int64_t cols, int relu);

#endif
