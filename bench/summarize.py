"""Merges the benchmark JSON files (convis and peers) into one table: Gpix/s per
implementation and case, cuda-fast's share of the roofline, and its speed-up over NPP."""
import json
import sys


def main(paths):
    rows = {}
    impls = []
    for path in paths:
        try:
            data = json.load(open(path))
        except (OSError, ValueError) as e:
            print(f"(skipped {path}: {e})")
            continue
        if "error" in data:
            print(f"({data.get('tool', path)}: {data['error']})")
        for r in data.get("kernel_only", []):
            rows.setdefault(r["case"], {})[r["impl"]] = r
            if r["impl"] not in impls:
                impls.append(r["impl"])
    cases = sorted(rows, key=lambda c: (c.startswith("separable"), int(c.lstrip("abcdefghijklmnopqrstuvwxyz"))))
    header = f"{'case':<12}" + "".join(f"{i[:16]:>17}" for i in impls) + "   roof  fast%roof  fast/NPP"
    print("Gpix/s, 7680x4320 RGBA8, kernel only (CUDA events, median)")
    print(header)
    for case in cases:
        line = f"{case:<12}"
        for impl in impls:
            r = rows[case].get(impl)
            line += f"{r['gpix_per_s']:>17.1f}" if r else f"{'-':>17}"
        fast = rows[case].get("cuda-fast")
        npp = rows[case].get("npp-row-column" if case.startswith("separable") else "npp-filter-int")
        roof = (fast or npp or {}).get("roofline_gpix_per_s")
        line += f"  {roof:5.1f}" if roof else "      -"
        line += f"  {fast['roofline_percent']:8.1f}%" if fast else "         -"
        line += f"  {fast['gpix_per_s'] / npp['gpix_per_s']:7.2f}x" if fast and npp else "        -"
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
