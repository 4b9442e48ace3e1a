#!/usr/bin/python3
"""OpenCV peer for `convis bench`: the same noise image, kernels, border and timing rules.

2D kernels run through cv2.filter2D (which switches to a DFT for large kernels), separable ones
through cv2.sepFilter2D and cv2.GaussianBlur. Kernels are built exactly as convis bench builds
them: dense K x K integer weights 1 + (3x + 5y + xy) mod 7 divided by their sum, and Gaussians
from OpenCV's default sigma for the size, 0.3 * ((K - 1) / 2 - 1) + 0.8. Times are wall-clock
(time.perf_counter) around each call into a preallocated output, warm-up runs first, then the
median, p10 and p90 (linear interpolation, as convis) of the measured samples.
"""
import argparse
import json
import sys
import time

import cv2
import numpy as np

BORDERS = {
    "zero": cv2.BORDER_CONSTANT,
    "clamp": cv2.BORDER_REPLICATE,
    "mirror": cv2.BORDER_REFLECT_101,
    "wrap": cv2.BORDER_WRAP,
}


def dense_kernel(k):
    y, x = np.mgrid[0:k, 0:k]
    w = (1 + (x * 3 + y * 5 + x * y) % 7).astype(np.float32)
    return w / np.float32(w.sum())


def dense_float_kernel(k):
    y, x = np.mgrid[0:k, 0:k]
    w = (1 + (x * 3 + y * 5 + x * y) % 7).astype(np.float32) * np.float32(0.1) + np.float32(0.05)
    return w / np.float32(w.sum())


def gaussian_1d(k):
    sigma = 0.3 * ((k - 1) * 0.5 - 1.0) + 0.8
    d = np.arange(k) - (k - 1) // 2
    g = np.exp(-(d * d) / (2.0 * sigma * sigma))
    return (g / g.sum()).astype(np.float32), sigma


def parse_list(text, cast=str):
    return [cast(item) for item in text.split(",") if item]


def measure(fn, warmup, samples):
    cold = []
    for _ in range(warmup):
        t0 = time.perf_counter()
        fn()
        cold.append((time.perf_counter() - t0) * 1e3)
    warm = []
    for _ in range(samples):
        t0 = time.perf_counter()
        fn()
        warm.append((time.perf_counter() - t0) * 1e3)
    return cold, warm


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1920x1080,3840x2160")
    parser.add_argument("--k", default="3,5,9,15,31")
    parser.add_argument("--kind", choices=["both", "dense", "separable"], default="both")
    parser.add_argument("--float-dense", action="store_true",
                        help="also densefK: the dense weights * 0.1 + 0.05 (as convis bench)")
    parser.add_argument("--border", default="clamp", choices=sorted(BORDERS))
    parser.add_argument("--threads", default="2", help="comma-separated, for cv2.setNumThreads")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args()

    border = BORDERS[args.border]
    records = []
    for size in parse_list(args.size):
        w, h = (int(v) for v in size.split("x"))
        image = np.random.default_rng(args.seed).integers(0, 256, (h, w, 4), dtype=np.uint8)
        out = np.empty_like(image)
        for k in parse_list(args.k, int):
            ops = []
            if args.kind in ("both", "dense"):
                kernel = dense_kernel(k)
                ops.append(("filter2D", f"dense{k}",
                            lambda kernel=kernel: cv2.filter2D(image, -1, kernel, dst=out,
                                                               borderType=border)))
                if args.float_dense:
                    fkernel = dense_float_kernel(k)
                    ops.append(("filter2D", f"densef{k}",
                                lambda kernel=fkernel: cv2.filter2D(image, -1, kernel, dst=out,
                                                                    borderType=border)))
            if args.kind in ("both", "separable"):
                g, sigma = gaussian_1d(k)
                ops.append(("sepFilter2D", f"gaussian{k}",
                            lambda g=g: cv2.sepFilter2D(image, -1, g, g, dst=out,
                                                        borderType=border)))
                ops.append(("GaussianBlur", f"gaussian{k}",
                            lambda k=k, sigma=sigma: cv2.GaussianBlur(
                                image, (k, k), sigma, dst=out, borderType=border)))
            for threads in parse_list(args.threads, int):
                cv2.setNumThreads(threads)
                for op, name, fn in ops:
                    print(f"opencv {op} {w}x{h} {name} threads {threads}", file=sys.stderr)
                    try:
                        cold, warm = measure(fn, args.warmup, args.samples)
                    except cv2.error as error:
                        print(f"  skipped: {str(error).strip().splitlines()[-1]}", file=sys.stderr)
                        continue
                    median = float(np.median(warm))
                    records.append({
                        "op": op, "kernel_name": name, "k": k, "width": w, "height": h,
                        "threads": threads, "border": args.border,
                        "warmup_count": args.warmup, "sample_count": args.samples,
                        "cold_ms": cold, "warm_ms": warm, "median_ms": median,
                        "p10_ms": float(np.percentile(warm, 10)),
                        "p90_ms": float(np.percentile(warm, 90)),
                        "megapixels_per_second": w * h / (median * 1e3),
                    })
    print(f"{'op':<13} {'size':<10} {'kernel':<11} {'thr':>3} {'median ms':>10} "
          f"{'p10 ms':>9} {'p90 ms':>9} {'Mpix/s':>9}")
    for r in records:
        print(f"{r['op']:<13} {r['width']}x{r['height']:<5} {r['kernel_name']:<11} "
              f"{r['threads']:>3} {r['median_ms']:>10.2f} {r['p10_ms']:>9.2f} "
              f"{r['p90_ms']:>9.2f} {r['megapixels_per_second']:>9.1f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"peer": "opencv", "opencv_version": cv2.__version__,
                       "numpy_version": np.__version__, "records": records}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
