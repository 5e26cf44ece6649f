#!/usr/bin/python3
"""Peer for the RiceDecompress benchmark: CFITSIO's funpack decompressing the same RICE_1 file.

Usage:
  /usr/bin/python3 funpack_rice.py --make FILE      # 2048x2048 int16, sigma-10 noise, fpack (one-row RICE_1 tiles)
  /usr/bin/python3 funpack_rice.py FILE [REPEATS]

Each repeat runs `funpack -S FILE` writing the image to a pipe that is discarded, so the time covers process start,
reading, decompression and writing the 8 MB output. The same is timed on a 1x1 image to estimate the process cost,
and both are printed.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np


def make(path):
    from astropy.io import fits
    rng = np.random.default_rng(7)
    img = np.round(1000 + 10 * rng.standard_normal((2048, 2048))).astype(np.int16)
    plain = path[:-3] if path.endswith('.fz') else path + '.plain'
    fits.writeto(plain, img, overwrite=True)
    if os.path.exists(path):
        os.remove(path)
    subprocess.run(['fpack', '-O', path, plain], check=True)
    os.remove(plain)


def timed(path, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(['funpack', '-S', path], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return times


def main():
    if sys.argv[1] == '--make':
        make(sys.argv[2])
        return
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    timed(path, 2)
    t = timed(path, repeats)
    with tempfile.TemporaryDirectory() as d:
        from astropy.io import fits
        tiny = os.path.join(d, 'tiny.fits')
        fits.writeto(tiny, np.zeros((1, 1), np.int16))
        subprocess.run(['fpack', tiny], check=True)
        t0 = timed(tiny + '.fz', repeats)
    print(f"funpack: median {statistics.median(t) * 1000:.1f} ms, best {min(t) * 1000:.1f} ms per image; "
          f"1x1 image (process cost): median {statistics.median(t0) * 1000:.1f} ms ({path})")


if __name__ == '__main__':
    main()
