#!/usr/bin/env python3
"""numpy peer of RampChainBenchmark: vectorised GLS of the same ramp model on one APOGEE chip.

Model: 47 reads, the first two dropped (44 read differences), gain 1.9 e-/DN, read variance 25 DN^2; per pixel
the differences have covariance C = (f/g + 2 s^2) on the diagonal and -s^2 next to it. The estimator is
ApogeeReduction.jl's closed-form fast path (spec section 2.7): the DST-I eigenbasis Q of the tridiagonal part,
qd = Q d once per pixel (a matrix product), then for each iteration K_k = D_k / (D_k + y) with
x = f/g + 1.5 s^2, y = 2x/s^2: ivar = (n - sum K q1^2)/x, f = (sum d - sum K q1 qd)/(x ivar), and
chi2 = (sum d^2 - sum K qd^2)/x - f^2 ivar. Two iterations from the median of the differences, as upstream.

It does less than the Java chain: no saturation, zeropoint, 1/f correction, nonlinearity, jump detection or masked
ramps (every ramp is complete). Only the fit is timed; the differences of a 64-row block are simulated once
(Poisson + read noise) and fitted 32 times to cover the 2048 rows (the vectorised fit has no data-dependent branch).
Prints read samples per second counted as the Java benchmark does (2560 x 2048 x 47 per chip).

Run: /usr/bin/python3 benchmarks/peers/ramp_gls_numpy.py [repeats]
"""
import sys
import time

import numpy as np

WIDTH, HEIGHT, READS, DROP = 2560, 2048, 47, 2
GAIN, S2 = 1.9, 25.0
BLOCK = 64


def simulate_block(rng):
    """Differences (n, BLOCK*WIDTH) of a block of rows: two rows in seven lit at 1..1000 DN/read along x."""
    n = READS - DROP - 1
    y = np.arange(BLOCK)[:, None]
    x = np.arange(WIDTH)[None, :]
    rate = np.where(y % 7 < 2, 10.0 ** (3.0 * x / WIDTH), 0.02).ravel()
    photons = rng.poisson(rate * GAIN, size=(n, rate.size)) / GAIN
    reads = rng.normal(0.0, np.sqrt(S2), size=(n + 1, rate.size))
    return (photons + np.diff(reads, axis=0)).astype(np.float32), rate


def basis(n):
    k = np.arange(1, n + 1)
    q = np.sqrt(2.0 / (n + 1)) * np.sin(np.outer(k, k) * np.pi / (n + 1))
    eig = 1.0 - 4.0 * np.cos(k * np.pi / (n + 1))
    return q, eig, q @ np.ones(n)


def gls(d, q, eig, q1, iterations=2):
    n = d.shape[0]
    d64 = d.astype(np.float64)
    qd = q @ d64
    sum_d = d64.sum(axis=0)
    sum_d2 = (d64 * d64).sum(axis=0)
    f = np.median(d64, axis=0)
    for _ in range(iterations):
        x = np.maximum(f, 0.0) / GAIN + 1.5 * S2
        y = 2.0 * x / S2
        k = eig[:, None] / (eig[:, None] + y[None, :])
        ivar = (n - (k * (q1 * q1)[:, None]).sum(axis=0)) / x
        f = (sum_d - (k * q1[:, None] * qd).sum(axis=0)) / (x * ivar)
    chi2 = (sum_d2 - (k * qd * qd).sum(axis=0)) / x - f * f * ivar
    return f, ivar, chi2


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rng = np.random.default_rng(1)
    d, rate = simulate_block(rng)
    q, eig, q1 = basis(d.shape[0])
    f, ivar, _ = gls(d, q, eig, q1)
    pull = (f - rate) * np.sqrt(ivar)
    print(f"check on one block: mean pull {pull.mean():+.3f}, std {pull.std():.3f} (self covariance)")
    samples = WIDTH * HEIGHT * READS
    best = float("inf")
    for r in range(repeats):
        t = time.perf_counter()
        for _ in range(HEIGHT // BLOCK):
            gls(d, q, eig, q1)
        dt = time.perf_counter() - t
        best = min(best, dt)
        print(f"run {r}: {dt:.2f} s per chip = {samples / dt / 1e6:.1f} M read samples/s")
    print(f"numpy {np.__version__}: best {best:.2f} s per chip = {samples / best / 1e6:.1f} M read samples/s")


if __name__ == "__main__":
    main()
