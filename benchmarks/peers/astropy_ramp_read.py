#!/usr/bin/python3
"""Peer for the RampRead benchmark: astropy's time to get every read of a raw ramp as float32 arrays.

Usage (use /usr/bin/python3, which has astropy and numpy):
  /usr/bin/python3 astropy_ramp_read.py --make FILE   # write a 2560x2048x47 uint16 ramp, one HDU per read
  /usr/bin/python3 astropy_ramp_read.py FILE [REPEATS]

The file is read once first so it is in the page cache, as in the JMH benchmark. Each repeat opens the file and
converts every read HDU to a float32 array (astropy applies BZERO 32768). Prints the median and best times.
"""
import statistics
import sys
import time

import numpy as np
from astropy.io import fits

W, H, N = 2560, 2048, 47


def make(path):
    rng = np.random.default_rng(0)
    planes = [np.round(12000 + 100 * k + 10 * rng.standard_normal((H, W))).astype(np.uint16) for k in range(4)]
    hdus = [fits.PrimaryHDU()]
    for k in range(N):
        h = fits.ImageHDU(planes[k % 4])  # astropy writes uint16 as BITPIX 16, BZERO 32768
        h.header['INTOFF'] = (10600.0, 'ms')
        hdus.append(h)
    fits.HDUList(hdus).writeto(path, overwrite=True)


def read(path):
    total = 0.0
    with fits.open(path) as h:
        for hdu in h[1:]:
            a = np.asarray(hdu.data, dtype=np.float32)
            total += float(a[-1, -1])
    return total


def main():
    if sys.argv[1] == '--make':
        make(sys.argv[2])
        return
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    read(path)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - t0)
    print(f"astropy ramp read: median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms "
          f"over {repeats} runs ({path})")


if __name__ == '__main__':
    main()
