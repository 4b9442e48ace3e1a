"""CuPy peer: cupyx.scipy.ndimage.correlate on the 7680x4320x4 uint8 image (weights KxKx1, so
each channel is filtered on its own, border 'nearest' = clamp); separable kernels as two
correlate1d calls. Slow cases get fewer samples (at least 5) to fit the time budget."""
import argparse
import json
import sys

import cupy as cp
import cupyx.scipy.ndimage as ndi

import peer_common as pc


class Event:
    def __init__(self):
        self.e = cp.cuda.Event()

    def record(self):
        self.e.record()

    def elapsed(self, other):
        return cp.cuda.get_elapsed_time(self.e, other.e)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    results = []
    try:
        rng = cp.random.default_rng(1)
        base = rng.integers(0, 256, size=(pc.HEIGHT, pc.WIDTH, 4), dtype=cp.uint8)
        inputs = [base, cp.roll(base, 1, axis=1)]  # 265 MB in total
        out = cp.empty_like(base)
        sync = cp.cuda.Device().synchronize
        for k in pc.DENSE:
            w = cp.asarray(pc.dense_weights(k), dtype=cp.float32)
            w = (w / w.sum()).reshape(k, k, 1)
            ms = pc.time_calls(Event, sync,
                               lambda x: ndi.correlate(x, w, output=out, mode="nearest"), inputs)
            results.append(pc.record("cupy-correlate", f"dense{k}", k, False, ms))
        tmp = cp.empty_like(base)
        for k in pc.SEPARABLE:
            g = cp.asarray(pc.gaussian_factor(k), dtype=cp.float32)

            def pair(x):
                ndi.correlate1d(x, g, axis=1, output=tmp, mode="nearest")
                ndi.correlate1d(tmp, g, axis=0, output=out, mode="nearest")

            ms = pc.time_calls(Event, sync, pair, inputs)
            results.append(pc.record("cupy-correlate1d", f"separable{k}", k, True, ms))
    except Exception as e:
        print(f"cupy_peer: {e}", file=sys.stderr)
        json.dump({"tool": "cupy_peer", "error": str(e), "kernel_only": results},
                  open(args.json, "w"), indent=1)
        return 1
    json.dump({"tool": "cupy_peer", "cupy": cp.__version__, "kernel_only": results},
              open(args.json, "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
