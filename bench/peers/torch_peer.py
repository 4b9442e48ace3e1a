"""cuDNN peer through PyTorch: depthwise conv2d (groups=4, one filter per RGBA channel) on the
7680x4320 image as float32 and float16 NCHW tensors; separable kernels as a 1xK then Kx1 pair.
Note: these read and write 2 or 4 bytes per channel where convis moves 1."""
import argparse
import json
import sys

import torch
import torch.nn.functional as F

import peer_common as pc


class Event:
    def __init__(self):
        self.e = torch.cuda.Event(enable_timing=True)

    def record(self):
        self.e.record()

    def elapsed(self, other):
        return self.e.elapsed_time(other.e)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    torch.backends.cudnn.benchmark = True
    results = []
    try:
        gen = torch.Generator(device="cuda").manual_seed(1)
        base = torch.randint(0, 256, (1, 4, pc.HEIGHT, pc.WIDTH), device="cuda",
                             dtype=torch.uint8, generator=gen)
        for dtype, label in ((torch.float32, "torch-cudnn-fp32"), (torch.float16, "torch-cudnn-fp16")):
            inputs = [base.to(dtype), torch.roll(base, 1, dims=3).to(dtype)]  # > 200 MB in total
            for k in pc.DENSE:
                w = torch.tensor(pc.dense_weights(k), dtype=torch.float32, device="cuda")
                w = (w / w.sum()).to(dtype).expand(4, 1, k, k).contiguous()
                with torch.no_grad():
                    ms = pc.time_calls(Event, torch.cuda.synchronize,
                                       lambda x: F.conv2d(x, w, padding=k // 2, groups=4), inputs)
                results.append(pc.record(label, f"dense{k}", k, False, ms))
            for k in pc.SEPARABLE:
                g = torch.tensor(pc.gaussian_factor(k), dtype=dtype, device="cuda")
                wr = g.view(1, 1, 1, k).expand(4, 1, 1, k).contiguous()
                wc = g.view(1, 1, k, 1).expand(4, 1, k, 1).contiguous()

                def pair(x):
                    y = F.conv2d(x, wr, padding=(0, k // 2), groups=4)
                    return F.conv2d(y, wc, padding=(k // 2, 0), groups=4)

                with torch.no_grad():
                    ms = pc.time_calls(Event, torch.cuda.synchronize, pair, inputs)
                results.append(pc.record(label, f"separable{k}", k, True, ms))
            del inputs
            torch.cuda.empty_cache()
    except Exception as e:  # report what ran, and why the rest did not
        print(f"torch_peer: {e}", file=sys.stderr)
        json.dump({"tool": "torch_peer", "error": str(e), "kernel_only": results},
                  open(args.json, "w"), indent=1)
        return 1
    json.dump({"tool": "torch_peer", "torch": torch.__version__,
               "cudnn": torch.backends.cudnn.version(), "kernel_only": results},
              open(args.json, "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
