#!/usr/bin/python3
"""Side-by-side table of convis CPU paths and OpenCV from their JSON results.

Usage: compare_cpu_opencv.py JSON [JSON ...]   (convis bench and opencv_peer.py files, any order)
Throughput is output megapixels per second from the median wall-clock time per call. For each
image size and kernel: convis sequential, convis parallel at 1 and N threads, OpenCV at 1 and N
threads (filter2D for dense kernels; sepFilter2D and GaussianBlur for Gaussians), the ratio
parallel / OpenCV at N threads (target >= 1), the 1 -> N scaling of both (target >= 1.8 for
convis at N = 2), and parallel at N threads / sequential.
"""
import json
import statistics
import sys


def convis_rows(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    rows = {}
    # path: how the backend ran it ("2d-int avx512+vnni", ...)
    for r in report["records"]:
        total = next(s for s in r["stages"] if s["name"] == "total")
        warm = [v for v in total["warm"] if v is not None]
        mpix = r["image"]["width"] * r["image"]["height"] / (statistics.median(warm) * 1e3)
        size = f'{r["image"]["width"]}x{r["image"]["height"]}'
        rows[(r["backend"], size, r["kernel"]["name"], r["threads"])] = (mpix, r.get("path", ""))
    return rows


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    convis = {}
    cv = {}
    version = "?"
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("peer") == "opencv":
            version = data.get("opencv_version", version)
            for r in data["records"]:
                key = (r["op"], f'{r["width"]}x{r["height"]}', r["kernel_name"], r["threads"])
                cv[key] = r["megapixels_per_second"]
        else:
            convis.update(convis_rows(path))
    threads = sorted({t for (_, _, _, t) in cv})
    low, high = threads[0], threads[-1]

    def fmt(v, digits=1):
        return "-" if v is None else f"{v:.{digits}f}"

    header = (f"{'size':<10} {'kernel':<11} {'opencv op':<13} {'seq':>7} {'par ' + str(low) + 't':>8} "
              f"{'par ' + str(high) + 't':>8} {'cv ' + str(low) + 't':>8} {'cv ' + str(high) + 't':>8} "
              f"{'par/cv':>7} {'par x' + str(high):>7} {'cv x' + str(high):>7} {'par/seq':>8}  path")
    print(f"OpenCV {version}; Mpix/s from median wall-clock times")
    print(header)
    print("-" * len(header))
    misses = []
    keys = sorted({(s, k) for (_, s, k, _) in cv}, key=lambda x: (x[0], x[1].rstrip("0123456789"), int(x[1].lstrip("densgaufi"))))
    for size, kernel in keys:
        ops = ["filter2D"] if kernel.startswith("dense") else ["sepFilter2D", "GaussianBlur"]
        seq = convis.get(("cpu-sequential", size, kernel, 1), (None, ""))[0]
        par_low, path = convis.get(("cpu-parallel", size, kernel, low), (None, ""))
        par_high = convis.get(("cpu-parallel", size, kernel, high), (None, ""))[0]
        for op in ops:
            cv_low = cv.get((op, size, kernel, low))
            cv_high = cv.get((op, size, kernel, high))
            ratio = par_high / cv_high if par_high and cv_high else None
            scale = par_high / par_low if par_high and par_low else None
            cv_scale = cv_high / cv_low if cv_high and cv_low else None
            vs_seq = par_high / seq if par_high and seq else None
            print(f"{size:<10} {kernel:<11} {op:<13} {fmt(seq):>7} {fmt(par_low):>8} {fmt(par_high):>8} "
                  f"{fmt(cv_low):>8} {fmt(cv_high):>8} {fmt(ratio, 2):>7} {fmt(scale, 2):>7} "
                  f"{fmt(cv_scale, 2):>7} {fmt(vs_seq, 1):>8}  {path}")
            if ratio is not None and ratio < 1.0:
                misses.append(f"{size} {kernel}: {ratio:.2f}x {op}")
            if scale is not None and high == 2 and scale < 1.8 and op == ops[0]:
                misses.append(f"{size} {kernel}: 1->2 thread scaling {scale:.2f}")
    print()
    print("targets missed: " + ("none" if not misses else "; ".join(misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
