"""Benchmark the build; write bench/results.md and bench/results.json.

Every figure is a median (with min and max) of runs made side by side in this one run, or a
ratio of such medians: these machines are noisy. Run with `make bench` after `make site`;
BENCH_FULL=1 adds the 1000-article step.
"""
from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
MKDOCS = str(ROOT / ".venv" / "bin" / "mkdocs")
RUNS = 3
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(cmd: list[str], cwd: Path) -> dict:
    """Run a command under /usr/bin/time; return wall, CPU seconds, peak RSS (MiB) and stage lines."""
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M", *cmd], cwd=cwd, env=ENV,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr[-2000:]}")
    wall, user, sys_, rss = re.findall(r"TIME (\S+) (\S+) (\S+) (\S+)", out.stderr)[-1]
    stages = {m[0]: float(m[1]) for m in re.findall(r"^stage (\S+) (\S+)$", out.stderr, re.M)}
    return {"wall": float(wall), "cpu": float(user) + float(sys_), "rss_mib": int(rss) / 1024, "stages": stages}


def summary(runs: list[dict], pages: int | None = None) -> dict:
    walls = [r["wall"] for r in runs]
    out = {"wall_median": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
           "cpu_median": statistics.median(r["cpu"] for r in runs), "rss_mib_max": max(r["rss_mib"] for r in runs),
           "runs": len(runs)}
    if pages is not None:
        out["pages"] = pages
    stages = {k for r in runs for k in r["stages"]}
    if stages:
        out["stages"] = {k: statistics.median(r["stages"].get(k, 0.0) for r in runs) for k in sorted(stages)}
    return out


def project(workdir: Path) -> Path:
    """A throwaway project folder whose configs and theme point at this repository's."""
    for name in ("mkdocs.yml", "mkdocs.zh-Hant.yml"):
        shutil.copy(ROOT / name, workdir / name)
    for name in ("overrides", "build_docs"):
        (workdir / name).symlink_to(ROOT / name)
    return workdir


def generate(seeds: Path, workdir: Path) -> dict:
    return timed([PY, "-m", "build_docs", "--seeds", str(seeds), "--docs", "docs", "--pdf-dir", "no-pdf"], workdir)


def mkdocs(workdir: Path, config: str, site: str) -> dict:
    return timed([MKDOCS, "build", "--strict", "-q", "-f", config, "-d", site], workdir)


def both_concurrently(workdir: Path) -> dict:
    start = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda a: mkdocs(workdir, *a), [("mkdocs.yml", "s1"), ("mkdocs.zh-Hant.yml", "s2")]))
    return {"wall": time.perf_counter() - start, "cpu": sum(r["cpu"] for r in runs),
            "rss_mib": max(r["rss_mib"] for r in runs), "stages": {}}


def pages_in(workdir: Path) -> int:
    return sum(1 for _ in (workdir / "docs").rglob("*.md")) + sum(1 for _ in (workdir / "docs-zh-Hant").rglob("*.md"))


def measure_corpus(seeds: Path, label: str, articles: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = project(Path(tmp))
        gen = [generate(seeds, workdir) for _ in range(RUNS)]
        hans = [mkdocs(workdir, "mkdocs.yml", "s1") for _ in range(RUNS)]
        hant = [mkdocs(workdir, "mkdocs.zh-Hant.yml", "s2") for _ in range(RUNS)]
        concurrent = [both_concurrently(workdir) for _ in range(RUNS)]
        sequential = [{"wall": a["wall"] + b["wall"], "cpu": a["cpu"] + b["cpu"], "rss_mib": max(a["rss_mib"], b["rss_mib"]),
                       "stages": {}} for a, b in zip(hans, hant)]
        result = {"label": label, "articles": articles, "pages": pages_in(workdir), "generator": summary(gen),
                  "mkdocs_zh_hans": summary(hans), "mkdocs_zh_hant": summary(hant),
                  "mkdocs_sequential": summary(sequential), "mkdocs_concurrent": summary(concurrent)}
        result["site_wall"] = result["generator"]["wall_median"] + result["mkdocs_concurrent"]["wall_median"]
        if label == "real seeds":
            result["reader"] = reader_side(workdir)
        return result


def reader_side(workdir: Path) -> dict:
    """Bytes a reader downloads (gzip) for one district page per script, and the search index sizes."""
    out = {}
    for script, site in (("zh-Hans", "s1"), ("zh-Hant", "s2")):
        base = workdir / site
        page = next((base / "districts").glob("*/index.html"))
        html = page.read_text(encoding="utf-8")
        css = [base / "assets" / m for m in re.findall(r'href="\.\./\.\./assets/([^"]+\.css)"', html)]
        js = [base / "assets" / m for m in re.findall(r'src="\.\./\.\./assets/([^"]+\.js)"', html)]
        index = base / "search" / "search_index.json"

        def gz(paths):
            return sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths)

        out[script] = {"page": page.parent.name, "html_gzip": gz([page]), "css_gzip": gz(css), "js_gzip": gz(js),
                       "search_index_gzip": gz([index]), "search_index_bytes": index.stat().st_size}
    return out


def measure_pdf() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = project(Path(tmp))
        runs = [timed([PY, "-m", "build_docs", "--seeds", str(ROOT / "seeds"), "--docs", "docs", "--make-pdf",
                       "--pdf-dir", "pdf"], workdir) for _ in range(RUNS)]
        return summary(runs, pages=sum(1 for _ in (workdir / "pdf").glob("*.pdf")))


def machine() -> dict:
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return {"date": date.today().isoformat(), "cores": os.cpu_count(), "memory_gib": round(mem / 2**20, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def main() -> None:
    sizes = [10, 100] + ([1000] if os.environ.get("BENCH_FULL") == "1" else [])
    results = {"machine": machine(), "corpora": []}
    print("bench: real seeds", flush=True)
    results["corpora"].append(measure_corpus(ROOT / "seeds", "real seeds", 9))
    for n in sizes:
        print(f"bench: synthetic corpus of {n} articles", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([PY, str(ROOT / "bench" / "synth.py"), str(n), tmp], check=True, env=ENV, capture_output=True)
            results["corpora"].append(measure_corpus(Path(tmp), f"synthetic {n}", n))
    if importable("weasyprint"):
        print("bench: make pdf (render only)", flush=True)
        results["pdf"] = measure_pdf()
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (ROOT / "bench" / "results.md").write_text(report(results), encoding="utf-8")
    print("bench: wrote bench/results.md and bench/results.json")


def importable(name: str) -> bool:
    return subprocess.run([PY, "-c", f"import {name}"], capture_output=True).returncode == 0


def report(r: dict) -> str:
    m = r["machine"]
    real = r["corpora"][0]
    synth = {c["articles"]: c for c in r["corpora"][1:]}
    lines = [
        "# Benchmark results", "",
        f"Measured {m['date']} on {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']} ({m['platform']}).",
        f"Each figure: median of {RUNS} runs (min–max), measured side by side in one run of `make bench`.", "",
        "| corpus | pages | generator s | mkdocs zh-Hans s | mkdocs zh-Hant s | both, sequential s | both, concurrent s | generator peak MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in r["corpora"]:
        def f(key):
            s = c[key]
            return f"{s['wall_median']:.2f} ({s['wall_min']:.2f}–{s['wall_max']:.2f})"
        lines.append(f"| {c['label']} | {c['pages']} | {f('generator')} | {f('mkdocs_zh_hans')} | {f('mkdocs_zh_hant')} | "
                     f"{f('mkdocs_sequential')} | {f('mkdocs_concurrent')} | {c['generator']['rss_mib_max']:.0f} |")
    lines += ["", "## Generator stages on the real seeds (median seconds)", "", "| stage | s |", "|---|---|"]
    lines += [f"| {k} | {v:.3f} |" for k, v in real["generator"]["stages"].items()]
    ratio_gen = real["generator"]["wall_median"] / real["site_wall"]
    ratio_conc = real["mkdocs_concurrent"]["wall_median"] / real["mkdocs_sequential"]["wall_median"]
    overhead = real["generator"]["wall_median"] / real["mkdocs_concurrent"]["wall_median"]
    lines += ["", "## Goals", "", "| goal | measured | met |", "|---|---|---|",
              f"| generator ≤ 10% of `make site` wall time | {ratio_gen:.0%} (overhead over plain mkdocs builds: {overhead:.2f}×) | {'yes' if ratio_gen <= 0.10 else 'no'} |",
              f"| concurrent builds ≤ 0.65× sequential | {ratio_conc:.2f}× | {'yes' if ratio_conc <= 0.65 else 'no'} |"]
    if 10 in synth and 100 in synth:
        per = {n: c["site_wall"] / n for n, c in synth.items()}
        gen_per = {n: c["generator"]["wall_median"] / n for n, c in synth.items()}
        top = max(per)
        lines.append(f"| linear scaling: per-article cost at 1000 within 1.3× of that at 100 (largest measured: {top}) | site {per[top] / per[100]:.2f}×, generator {gen_per[top] / gen_per[100]:.2f}× "
                     f"(per article: " + ", ".join(f"{n}: {per[n]:.3f} s" for n in sorted(per)) + f") | {'yes' if top == 1000 and per[1000] / per[100] <= 1.3 else 'not measured at 1000 (BENCH_FULL=1)' if top != 1000 else 'no'} |")
    if 1000 in synth:
        rss = max(synth[1000][k]["rss_mib_max"] for k in ("generator", "mkdocs_zh_hans", "mkdocs_zh_hant"))
        lines.append(f"| 1000 articles, both scripts, peak RSS < 2 GiB | {rss:.0f} MiB | {'yes' if rss < 2048 else 'no'} |")
    if "reader" in real:
        lines += ["", "## Reader side (one district page, gzip bytes)", "", "| script | page | HTML | CSS | JS | search index (gzip / raw) |", "|---|---|---|---|---|---|"]
        for script, v in real["reader"].items():
            lines.append(f"| {script} | {v['page']} | {v['html_gzip']} | {v['css_gzip']} | {v['js_gzip']} | {v['search_index_gzip']} / {v['search_index_bytes']} |")
    if "pdf" in r:
        p = r["pdf"]
        lines += ["", f"## `make pdf` (render step, {p['pages']} PDFs)", "",
                  f"{p['wall_median']:.2f} s ({p['wall_min']:.2f}–{p['wall_max']:.2f}), CPU {p['cpu_median']:.2f} s, peak RSS {p['rss_mib_max']:.0f} MiB."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
