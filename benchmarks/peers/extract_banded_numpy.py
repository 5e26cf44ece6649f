#!/usr/bin/env python3
"""numpy/scipy peer of ExtractBenchmark.extractOptimal: the same banded solve of all fibre fluxes per column.

One APOGEE-like chip: 300 fibres at 6.58 px spacing (9.3 px between bundles of 30), Gaussian profiles of rms width
1.1 px, 2040 columns. As in drpkit, each fibre uses the pixels within ceil(4 sigma) + 1 of round(centre) (13), the
pixel fractions are differences of the normal CDF at pixel edges (scipy.special.ndtr), the normal matrix of each
column is tridiagonal here (neighbours overlap, next-but-one do not) and is factored exactly (LDL^T), and the
marginal variances come from the diagonal of its inverse (the Takahashi recurrence). Everything is vectorised over
the 2040 columns; the loops run over the 300 fibres. Not done (drpkit does them): Gauss-Hermite h3/h4 terms, flags,
the model and residual images, trace windows of varying width.

Run: python3 benchmarks/peers/extract_banded_numpy.py [repeats]   (a python3 with numpy and scipy)
"""
import sys
import time

import numpy as np
from scipy.special import ndtr

WIDTH, HEIGHT, COLUMNS, X0 = 2560, 2048, 2040, 4
FIBRES, SPACING, GAP, FIRST = 300, 6.58, 9.3, 29.0
SIGMA, HALF = 1.1, 6  # ceil(4 * 1.1) + 1


def geometry():
    y = np.empty(FIBRES)
    pos = FIRST
    for i in range(FIBRES):
        if i:
            pos += GAP if i % 30 == 0 else SPACING
        y[i] = pos
    x = np.arange(X0, X0 + COLUMNS)
    t = (x - 1023.5) / 1000.0
    centre = y[:, None] + 0.5 * t[None, :] + 2.5 * t[None, :] ** 2   # (fibres, columns)
    return centre


def fractions(centre):
    lo = np.rint(centre).astype(np.int64) - HALF                     # (f, c)
    k = np.arange(2 * HALF + 2)                                      # edges
    z = (lo[:, None, :] + k[None, :, None] - 0.5 - centre[:, None, :]) / SIGMA
    cdf = ndtr(z)
    return lo, np.diff(cdf, axis=1)                                  # (f, 13, c)


def simulate(centre, rng):
    lo, p = fractions(centre)
    flux = rng.uniform(50, 500, size=centre.shape)
    img = np.zeros((HEIGHT, WIDTH))
    cols = np.arange(X0, X0 + COLUMNS)
    for f in range(FIBRES):
        for k in range(2 * HALF + 1):
            np.add.at(img, (lo[f] + k, cols), flux[f] * p[f, k])
    var = 0.02 + img / 87.4
    img = img + rng.normal(size=img.shape) * np.sqrt(var)
    return img, 1.0 / var, flux


def extract(img, ivar, centre):
    lo, p = fractions(centre)
    cols = np.arange(X0, X0 + COLUMNS)
    rows = lo[:, None, :] + np.arange(2 * HALF + 1)[None, :, None]   # (f, 13, c)
    d = img[rows, cols[None, None, :]]
    w = ivar[rows, cols[None, None, :]]
    wp = w * p
    a = (wp * p).sum(axis=1)                                         # diagonal (f, c)
    b = (wp * d).sum(axis=1)
    off = np.zeros((FIBRES - 1, COLUMNS))                            # A(f, f+1)
    for f in range(FIBRES - 1):
        s = lo[f + 1] - lo[f]
        for k in range(2 * HALF + 1):
            j = k - s
            ok = (j >= 0) & (j <= 2 * HALF)
            jj = np.clip(j, 0, 2 * HALF)
            off[f] += np.where(ok, wp[f, k] * np.take_along_axis(p[f + 1], jj[None, :], axis=0)[0], 0.0)
    # LDL^T of the tridiagonal matrix, vectorised over columns
    dd = np.empty_like(a)
    ll = np.empty_like(off)
    dd[0] = a[0]
    for f in range(1, FIBRES):
        ll[f - 1] = off[f - 1] / dd[f - 1]
        dd[f] = a[f] - ll[f - 1] * off[f - 1]
    zz = np.empty_like(b)
    zz[0] = b[0]
    for f in range(1, FIBRES):
        zz[f] = b[f] - ll[f - 1] * zz[f - 1]
    x = np.empty_like(b)
    x[-1] = zz[-1] / dd[-1]
    for f in range(FIBRES - 2, -1, -1):
        x[f] = zz[f] / dd[f] - ll[f] * x[f + 1]
    # diagonal of the inverse (Takahashi, band 1)
    var = np.empty_like(a)
    var[-1] = 1.0 / dd[-1]
    for f in range(FIBRES - 2, -1, -1):
        var[f] = 1.0 / dd[f] + ll[f] * ll[f] * var[f + 1]
    return x, 1.0 / var


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rng = np.random.default_rng(1)
    centre = geometry()
    img, ivar, flux = simulate(centre, rng)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        x, iv = extract(img, ivar, centre)
        times.append(time.perf_counter() - t0)
    pull = (x - flux) * np.sqrt(iv)
    print(f"numpy banded extraction of one chip ({FIBRES} fibres x {COLUMNS} columns): "
          f"median {1000 * np.median(times):.0f} ms over {repeats} runs; pulls mean {pull.mean():+.4f} std {pull.std():.4f}")


if __name__ == "__main__":
    main()
