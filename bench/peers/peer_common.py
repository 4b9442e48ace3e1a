"""Shared by the Python peers: the benchmark's kernels (as bench_kernels.hpp), CUDA-event
timing with warm-ups and rotated inputs, statistics, the roofline, and the JSON record."""
import math

WIDTH, HEIGHT = 7680, 4320
DENSE = [3, 5, 7, 9, 15, 31]
SEPARABLE = [9, 31]


def dense_weights(k):
    return [[1 + (x * 3 + y * 5 + x * y) % 7 for x in range(k)] for y in range(k)]


def gaussian_factor(k):
    sigma = 0.3 * ((k - 1) * 0.5 - 1.0) + 0.8
    g = [math.exp(-((i - (k - 1) // 2) ** 2) / (2.0 * sigma * sigma)) for i in range(k)]
    total = sum(g)
    return [v / total for v in g]


def roofline(k, separable):
    flops = 8.0 * 2 * k if separable else 8.0 * k * k
    return min(472.0, 66.9e3 / flops)


def quantile(sorted_values, q):
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def time_calls(make_event, synchronize, call, inputs, warmup=3, samples=30, budget_s=5.0):
    """Times call(x) with events between consecutive launches, rotating over inputs. Slow
    cases (one call over budget_s / 30) get fewer samples, never fewer than 5."""
    for i in range(warmup):
        call(inputs[i % len(inputs)])
    synchronize()
    probe = [make_event(), make_event()]
    probe[0].record()
    call(inputs[0])
    probe[1].record()
    synchronize()
    one_ms = probe[0].elapsed(probe[1])
    if one_ms * samples > budget_s * 1e3:
        samples = max(5, int(budget_s * 1e3 / one_ms))
    events = [make_event() for _ in range(samples + 1)]
    events[0].record()
    for i in range(samples):
        call(inputs[(i + 1) % len(inputs)])
        events[i + 1].record()
    synchronize()
    return [events[i].elapsed(events[i + 1]) for i in range(samples)]


def record(impl, case, k, separable, ms, warmup=3, width=WIDTH, height=HEIGHT):
    s = sorted(ms)
    median = quantile(s, 0.5)
    gpix = width * height / (median * 1e-3) / 1e9
    roof = roofline(k, separable)
    print(f"{impl:<16} {case:<12} median {median:8.3f} ms (p10 {quantile(s, 0.1):8.3f} "
          f"p90 {quantile(s, 0.9):8.3f})  {gpix:7.1f} Gpix/s  {100 * gpix / roof:5.1f}%", flush=True)
    return {"impl": impl, "case": case, "k": k, "separable": separable, "width": width,
            "height": height, "warmup": warmup, "samples": len(ms), "median_ms": median,
            "p10_ms": quantile(s, 0.1), "p90_ms": quantile(s, 0.9), "gpix_per_s": gpix,
            "roofline_gpix_per_s": roof, "roofline_percent": 100 * gpix / roof,
            "samples_ms": ms}
