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
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
MKDOCS = str(ROOT / ".venv" / "bin" / "mkdocs")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))  # fewer only to try the script out
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def tree_rss_mib(pid: int) -> float:
    """Sum the resident memory of a process and all its descendants (MiB), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"^VmRSS:\s+(\d+)", status, re.M)[1]) if "VmRSS" in status else 0
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, TypeError):
            continue  # the process ended while we looked
    return total / 1024


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run a command; return wall and CPU seconds, peak RSS of its whole process tree (MiB), stage lines."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env={**ENV, **(env or {})}, stdout=subprocess.DEVNULL, stderr=log, text=True)
        peak = [0.0]
        done = threading.Event()

        def sample() -> None:
            # Worker processes (PDF layout) each have their own RSS: add them up.
            while not done.wait(0.1):
                peak[0] = max(peak[0], tree_rss_mib(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4, not wait: it gives this child's own CPU time, even while another build runs beside it.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        log.seek(0)
        err = log.read()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    stages = {m[0]: float(m[1]) for m in re.findall(r"^stage (\S+) (\S+)$", err, re.M)}
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": peak[0], "stages": stages}


def summary(runs: list[dict], pages: int | None = None) -> dict:
    walls = [r["wall"] for r in runs]
    out = {
        "wall_median": statistics.median(walls),
        "wall_min": min(walls),
        "wall_max": max(walls),
        "cpu_median": statistics.median(r["cpu"] for r in runs),
        "rss_mib_max": max(r["rss_mib"] for r in runs),
        "runs": len(runs),
    }
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


def generate(seeds: Path, workdir: Path, cold: bool = False) -> dict:
    """Time one generator run; cold, with an empty cache folder (no derived data from earlier runs)."""
    cache = ["--cache-dir", tempfile.mkdtemp(dir=workdir, prefix="cold-cache-")] if cold else []
    return timed([PY, "-m", "build_docs", "--seeds", str(seeds), "--docs", "docs", "--pdf-dir", "no-pdf", "--verbose", *cache], workdir)


def mkdocs(workdir: Path, config: str, site: str, memo: Path) -> dict:
    """Time one MkDocs build whose search segmentation memo is the folder memo (empty: a cold build)."""
    env = {"HANDBOOK_CACHE_DIR": str(memo), "HANDBOOK_PROFILE": "1"}  # the hook prints its phases as stage lines
    return timed([MKDOCS, "build", "--strict", "-q", "-f", config, "-d", site], workdir, env)


def both_concurrently(workdir: Path, memo: Path) -> dict:
    start = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda a: mkdocs(workdir, *a, memo), [("mkdocs.yml", "s1"), ("mkdocs.zh-Hant.yml", "s2")]))
    # Both run at once, so the memory they hold together is (at most) the sum of their peaks.
    return {
        "wall": time.perf_counter() - start,
        "cpu": sum(r["cpu"] for r in runs),
        "rss_mib": sum(r["rss_mib"] for r in runs),
        "stages": {
            f"{script} {k}": v for script, r in zip(("zh-Hans", "zh-Hant"), runs, strict=True) for k, v in r["stages"].items()
        },
    }


PLUGINS_BLOCK_RE = re.compile(r"^plugins:\n(?:[ #].*\n|\n)*", re.M)


def without_search(workdir: Path) -> tuple[str, str]:
    """Write copies of both configs with no plugins; the time saved is the search indexing (jieba)."""
    hans = PLUGINS_BLOCK_RE.sub("", (workdir / "mkdocs.yml").read_text(encoding="utf-8")) + "plugins: []\n"
    hant = PLUGINS_BLOCK_RE.sub("", (workdir / "mkdocs.zh-Hant.yml").read_text(encoding="utf-8")) + "plugins: []\n"
    hant = hant.replace("INHERIT: mkdocs.yml", "INHERIT: mkdocs.nosearch.yml")
    (workdir / "mkdocs.nosearch.yml").write_text(hans, encoding="utf-8")
    (workdir / "mkdocs.zh-Hant.nosearch.yml").write_text(hant, encoding="utf-8")
    return "mkdocs.nosearch.yml", "mkdocs.zh-Hant.nosearch.yml"


def pages_in(workdir: Path) -> int:
    return sum(1 for _ in (workdir / "docs").rglob("*.md")) + sum(1 for _ in (workdir / "docs-zh-Hant").rglob("*.md"))


def measure_corpus(seeds: Path, label: str, articles: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = project(Path(tmp))
        gen, hans, hant, concurrent, hans_bare, hant_bare, cold = [], [], [], [], [], [], []
        hans_warm, hant_warm, concurrent_warm = [], [], []
        small = articles <= 100  # single-script and search-less builds: cheap enough below 1000 articles
        bare = small
        if bare:
            hans_cfg, hant_cfg = without_search(workdir)
        # Interleave the configurations run by run, so that a slow spell of this noisy machine
        # falls on all of them alike; small corpora are cheap, so they get more runs.
        warm_memo = workdir / "memo"
        generate(seeds, workdir)  # fills the generator's cache, so that every warm run is one

        def fresh(run: int) -> Path:
            # The first cold builds fill the memo the warm builds then read.
            return warm_memo if run == 0 else Path(tempfile.mkdtemp(dir=workdir, prefix="cold-memo-"))

        for run in range(RUNS if articles >= 1000 else RUNS + 2):
            # Cold: articles new to the machine (empty cache folders); warm: the same seeds again.
            cold.append(generate(seeds, workdir, cold=True))
            gen.append(generate(seeds, workdir))

            if small:
                hans.append(mkdocs(workdir, "mkdocs.yml", "s1", fresh(run)))
                hant.append(mkdocs(workdir, "mkdocs.zh-Hant.yml", "s2", fresh(run)))
                concurrent.append(both_concurrently(workdir, Path(tempfile.mkdtemp(dir=workdir, prefix="cold-memo-"))))
                hans_warm.append(mkdocs(workdir, "mkdocs.yml", "s1", warm_memo))
                hant_warm.append(mkdocs(workdir, "mkdocs.zh-Hant.yml", "s2", warm_memo))
            else:
                concurrent.append(both_concurrently(workdir, fresh(run)))
            concurrent_warm.append(both_concurrently(workdir, warm_memo))
            if bare:
                hans_bare.append(mkdocs(workdir, hans_cfg, "n1", warm_memo))
                hant_bare.append(mkdocs(workdir, hant_cfg, "n2", warm_memo))
        sequential = [
            {"wall": a["wall"] + b["wall"], "cpu": a["cpu"] + b["cpu"], "rss_mib": max(a["rss_mib"], b["rss_mib"]), "stages": {}}
            for a, b in zip(hans, hant, strict=True)
        ]
        result = {
            "label": label,
            "articles": articles,
            "pages": pages_in(workdir),
            "generator": summary(gen),
            "mkdocs_concurrent": summary(concurrent),
            "mkdocs_concurrent_warm": summary(concurrent_warm),
        }
        if small:
            result["mkdocs_zh_hans"], result["mkdocs_zh_hant"] = summary(hans), summary(hant)
            result["mkdocs_zh_hans_warm"], result["mkdocs_zh_hant_warm"] = summary(hans_warm), summary(hant_warm)
            result["mkdocs_sequential"] = summary(sequential)
            # Each run's concurrent pair against the same run's two builds: these share the machine's mood.
            result["concurrent_ratio_per_run"] = [c["wall"] / q["wall"] for c, q in zip(concurrent, sequential, strict=True)]
        result["generator_cold"] = summary(cold)
        # A full `make site` of articles the cache has never seen, and the same build run again.
        result["site_wall"] = result["generator_cold"]["wall_median"] + result["mkdocs_concurrent"]["wall_median"]
        result["site_wall_warm"] = result["generator"]["wall_median"] + result["mkdocs_concurrent_warm"]["wall_median"]
        if bare:
            result["mkdocs_zh_hans_nosearch"] = summary(hans_bare)
            result["mkdocs_zh_hant_nosearch"] = summary(hant_bare)
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

        out[script] = {
            "page": page.parent.name,
            "html_gzip": gz([page]),
            "css_gzip": gz(css),
            "js_gzip": gz(js),
            "search_index_gzip": gz([index]),
            "search_index_bytes": index.stat().st_size,
        }
    return out


def measure_pdf() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = project(Path(tmp))
        runs = [
            timed(
                [PY, "-m", "build_docs", "--seeds", str(ROOT / "seeds"), "--docs", "docs", "--make-pdf", "--pdf-dir", "pdf", "--verbose"],
                workdir,
            )
            for _ in range(RUNS)
        ]
        return summary(runs, pages=sum(1 for _ in (workdir / "pdf").glob("*.pdf")))


def measure_serve(runs: int = 5) -> dict:
    """Edit-to-reload in `make serve`: append to a seed line, poll both scripts' pages until both show it."""
    import socket
    import urllib.request

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in ("seeds", "build_docs", "templates", "overrides", "mkdocs.yml", "mkdocs.zh-Hant.yml", ".cache"):
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif (ROOT / name).is_file():
                shutil.copy2(ROOT / name, work / name)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        base = f"http://127.0.0.1:{port}/"
        log = (work / "serve.log").open("w")
        server = subprocess.Popen(
            [PY, "-m", "build_docs.serve", "--addr", f"127.0.0.1:{port}"], cwd=work, env=ENV, stdout=log, stderr=subprocess.STDOUT
        )

        def get(path: str) -> str:
            with urllib.request.urlopen(base + path, timeout=10) as r:
                return r.read().decode("utf-8")

        try:
            end = time.monotonic() + 300
            while time.monotonic() < end:
                try:
                    if json.loads(get("__serve__/status"))["version"] >= 1:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            records = json.loads((work / "docs" / "records.json").read_text(encoding="utf-8"))
            article = records["articles"][0]
            block = next(b for b in article["blocks"] if b["kind"] == "paragraph")
            file, lines = block["source"].rsplit(":", 1)
            seed, line = work / file, int(lines.split("-")[-1])
            original = seed.read_text(encoding="utf-8").split("\n")
            pages = (f"districts/{article['district']}/", f"zh-Hant/districts/{article['district']}/")
            times = []
            for n in range(runs):
                marks = (f"编者试改{n}", f"編者試改{n}")
                edited = list(original)
                edited[line - 1] += f"{marks[0]}。"
                start = time.perf_counter()
                seed.write_text("\n".join(edited), encoding="utf-8")
                while not all(mark in get(page) for mark, page in zip(marks, pages, strict=True)):
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
                time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(10)
            log.close()
    return {"runs": times, "median": statistics.median(times), "min": min(times), "max": max(times)}


def machine() -> dict:
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return {
        "date": date.today().isoformat(),
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main() -> None:
    if sys.argv[1:] == ["--report"]:  # re-render results.md from results.json without measuring
        results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
        (ROOT / "bench" / "results.md").write_text(report(results), encoding="utf-8")
        return
    sizes = [10, 100] + ([1000] if os.environ.get("BENCH_FULL") == "1" else [])
    if os.environ.get("BENCH_SIZES"):  # e.g. BENCH_SIZES=10 to try the script out
        sizes = [int(n) for n in os.environ["BENCH_SIZES"].split(",")]
    results = {"machine": machine(), "corpora": []}
    print("bench: real seeds", flush=True)
    results["corpora"].append(measure_corpus(ROOT / "seeds", "real seeds", 9))
    for n in sizes:
        print(f"bench: synthetic corpus of {n} articles", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([PY, str(ROOT / "bench" / "synth.py"), str(n), tmp], check=True, env=ENV, capture_output=True)
            results["corpora"].append(measure_corpus(Path(tmp), f"synthetic {n}", n))
    print("bench: make serve, edit to reload", flush=True)
    results["serve"] = measure_serve()
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
        "# Benchmark results",
        "",
        f"Measured {m['date']} on {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']} ({m['platform']}).",
        f"Each figure: median of {RUNS + 2} runs ({RUNS} for 1000 articles and for `make pdf`) (min–max), the configurations",
        "interleaved run by run, all in one run of `make bench`.",
        "",
        "Cold: empty cache folders, as for articles new to the machine (the generator's `.cache/`, and the",
        "search plugin's segmentation memo for MkDocs); warm: the same pages built again. Single-script",
        "builds are not repeated at 1000 articles (—).",
        "",
        "| corpus | pages | generator cold s | generator warm s | mkdocs zh-Hans cold / warm s | mkdocs zh-Hant cold / warm s | both, sequential (cold) s | both, concurrent cold s | both, concurrent warm s | generator peak MiB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for c in r["corpora"]:

        def f(key, c=c):
            if key not in c:
                return "—"
            s = c[key]
            return f"{s['wall_median']:.2f} ({s['wall_min']:.2f}–{s['wall_max']:.2f})"

        def g(key, c=c):
            return "—" if key not in c else f"{c[key]['wall_median']:.2f} / {c[key + '_warm']['wall_median']:.2f}"

        lines.append(
            f"| {c['label']} | {c['pages']} | {f('generator_cold')} | {f('generator')} | {g('mkdocs_zh_hans')} | {g('mkdocs_zh_hant')} | "
            f"{f('mkdocs_sequential')} | {f('mkdocs_concurrent')} | {f('mkdocs_concurrent_warm')} | "
            f"{max(c['generator']['rss_mib_max'], c['generator_cold']['rss_mib_max']):.0f} |"
        )
    lines += [
        "",
        "## Stages of `make site` on the real seeds (median seconds)",
        "",
        "Generator stages come from its own `stage NAME SECONDS` lines; search indexing is the time a",
        "MkDocs build saves when run side by side without the search plugin (jieba segmentation and the index).",
        "",
        "| stage | s |",
        "|---|---|",
    ]
    lines += [f"| generator, cold: {k} | {v:.3f} |" for k, v in real["generator_cold"]["stages"].items()]
    lines.append(f"| generator, cold: whole process (imports included) | {real['generator_cold']['wall_median']:.3f} |")
    lines += [f"| generator, warm: {k} | {v:.3f} |" for k, v in real["generator"]["stages"].items()]
    lines.append(f"| generator, warm: whole process (imports included) | {real['generator']['wall_median']:.3f} |")
    for script, key in (("zh-Hans", "mkdocs_zh_hans"), ("zh-Hant", "mkdocs_zh_hant")):
        whole = real[key]["wall_median"]
        lines.append(f"| mkdocs build {script}, cold | {whole:.3f} |")
        if f"{key}_nosearch" in real:
            lines.append(f"| … of which search indexing {script} | {whole - real[f'{key}_nosearch']['wall_median']:.3f} |")
        lines.append(f"| mkdocs build {script}, warm (segmentation from the memo) | {real[key + '_warm']['wall_median']:.3f} |")
    lines.append(f"| both mkdocs builds, concurrent, cold | {real['mkdocs_concurrent']['wall_median']:.3f} |")
    lines.append(f"| both mkdocs builds, concurrent, warm | {real['mkdocs_concurrent_warm']['wall_median']:.3f} |")
    if "pdf" in r:
        lines.append(f"| `make pdf` render step (see below) | {r['pdf']['wall_median']:.3f} |")
    lines += [
        "",
        "## Stages at each size (median seconds, cold)",
        "",
        "The generator's own stages; then, for each script's MkDocs build (run concurrently, cold), the",
        "phases the project's hook times page by page: Python-Markdown, the search plugin's indexing",
        "(jieba segmentation and HTML parsing), Material's page template (navigation included), and the",
        "rest of the build (reading files, navigation, writing the site and the search index).",
        "",
        "| stage | " + " | ".join(c["label"] for c in r["corpora"]) + " |",
        "|---|" + "---|" * len(r["corpora"]),
    ]
    gen_stages = [k for k in r["corpora"][-1]["generator_cold"].get("stages", {})]
    mk_stages = sorted({k for c in r["corpora"] for k in c["mkdocs_concurrent"].get("stages", {})})
    for k in gen_stages:
        lines.append(
            f"| generator: {k} | "
            + " | ".join(f"{c['generator_cold'].get('stages', {}).get(k, 0):.2f}" for c in r["corpora"])
            + " |"
        )
    for k in mk_stages:
        lines.append(
            f"| {k} | " + " | ".join(f"{c['mkdocs_concurrent'].get('stages', {}).get(k, 0):.2f}" for c in r["corpora"]) + " |"
        )
    if synth:
        lines += [
            "",
            "## Scaling (per article)",
            "",
            "Full `make site` = generator (cold) + both MkDocs builds run concurrently; run again, the generator is",
            "warm. Memory: peak RSS of the process tree; for the concurrent builds, the sum of the two builds' peaks.",
            "",
            "| articles | pages | generator s/article (cold) | site s (cold) | site s/article (cold) | site again (warm) s | generator peak MiB | both builds peak MiB | MiB/article (site) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for n, c in sorted(synth.items()):
            gen_peak = max(c["generator"]["rss_mib_max"], c["generator_cold"]["rss_mib_max"])
            peak = max(gen_peak, c["mkdocs_concurrent"]["rss_mib_max"])
            lines.append(
                f"| {n} | {c['pages']} | {c['generator_cold']['wall_median'] / n:.4f} | {c['site_wall']:.1f} | {c['site_wall'] / n:.4f} | "
                f"{c['site_wall_warm']:.1f} | {gen_peak:.0f} | {c['mkdocs_concurrent']['rss_mib_max']:.0f} | {peak / n:.2f} |"
            )
    ratio_gen = real["generator_cold"]["wall_median"] / real["site_wall"]
    ratio_conc = real["mkdocs_concurrent"]["wall_median"] / real["mkdocs_sequential"]["wall_median"]
    overhead = real["generator_cold"]["wall_median"] / real["mkdocs_concurrent"]["wall_median"]
    ratios = real.get("concurrent_ratio_per_run") or [ratio_conc]
    per_run = f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"
    lines += [
        "",
        "## Goals",
        "",
        "| goal | measured | met |",
        "|---|---|---|",
        f"| generator ≤ 10% of `make site` wall time (real seeds, cold) | {ratio_gen:.0%} (generator / concurrent mkdocs builds: {overhead:.2f}×) | {'yes' if ratio_gen <= 0.10 else 'no'} |",
        (
            f"| generator ≤ 0.4× one MkDocs build (real seeds; warm against warm, both with their caches) | "
            f"{real['generator']['wall_median'] / real['mkdocs_zh_hans_warm']['wall_median']:.2f}× "
            f"({real['generator']['wall_median']:.2f} s against {real['mkdocs_zh_hans_warm']['wall_median']:.2f} s); "
            f"warm generator against a cold build {real['generator']['wall_median'] / real['mkdocs_zh_hans']['wall_median']:.2f}×; "
            f"cold against cold {real['generator_cold']['wall_median'] / real['mkdocs_zh_hans']['wall_median']:.2f}× "
            f"({real['generator_cold']['wall_median']:.2f} s against {real['mkdocs_zh_hans']['wall_median']:.2f} s) | "
            f"{'yes' if real['generator']['wall_median'] <= 0.4 * real['mkdocs_zh_hans_warm']['wall_median'] else 'no'} |"
        ),
        f"| concurrent builds ≤ 0.65× sequential (real seeds) | {ratio_conc:.2f}× (ratio of medians); per run {per_run} | {'yes' if ratio_conc <= 0.65 else 'no'} |",
    ]
    if "serve" in r:
        sv = r["serve"]
        lines.append(
            f"| `make serve`: a seed edited to both scripts' pages served changed ≤ 2.5 s (median of {len(sv['runs'])}; "
            f"open pages poll every 0.25 s on top) | {sv['median']:.2f} s ({sv['min']:.2f}–{sv['max']:.2f}) | {'yes' if sv['median'] <= 2.5 else 'no'} |"
        )
    if 100 in synth:
        per = {n: c["site_wall"] / n for n, c in synth.items()}
        gen_per = {n: c["generator_cold"]["wall_median"] / n for n, c in synth.items()}
        top = max(per)
        site_ratio, gen_ratio = per[top] / per[100], gen_per[top] / gen_per[100]
        verdict = (
            "not measured at 1000 (run with BENCH_FULL=1)"
            if top != 1000
            else "yes"
            if site_ratio <= 1.3 and gen_ratio <= 1.3
            else "no"
        )
        lines.append(
            f"| linear scaling: per-article cost at 1000 within 1.3× of that at 100, generator and site (largest measured: {top}) | "
            f"site {site_ratio:.2f}×, generator {gen_ratio:.2f}× | {verdict} |"
        )
    if 1000 in synth:
        big = synth[1000]
        lines.append(
            f"| 1000 articles, both scripts, full `make site` ≤ 60 s on 2 cores | {big['site_wall']:.1f} s with articles new to the cache "
            f"(generator {big['generator_cold']['wall_median']:.1f} s + concurrent builds {big['mkdocs_concurrent']['wall_median']:.1f} s); "
            f"{big['site_wall_warm']:.1f} s run again (generator {big['generator']['wall_median']:.1f} s + "
            f"{big['mkdocs_concurrent_warm']['wall_median']:.1f} s) | {'yes' if big['site_wall'] <= 60 else 'no (cold); ' + ('yes' if big['site_wall_warm'] <= 60 else 'no') + ' (again)'} |"
        )
        rss = max(
            synth[1000][k]["rss_mib_max"] for k in ("generator", "generator_cold", "mkdocs_concurrent", "mkdocs_concurrent_warm")
        )
        lines.append(
            f"| 1000 articles, both scripts, peak RSS < 2 GiB | {rss:.0f} MiB (the larger of generator and both concurrent builds together) | {'yes' if rss < 2048 else 'no'} |"
        )
    if "reader" in real:
        lines += [
            "",
            "## Reader side (one district page, gzip bytes)",
            "",
            "| script | page | HTML | CSS | JS | search index (gzip / raw) |",
            "|---|---|---|---|---|---|",
        ]
        for script, v in real["reader"].items():
            lines.append(
                f"| {script} | {v['page']} | {v['html_gzip']} | {v['css_gzip']} | {v['js_gzip']} | {v['search_index_gzip']} / {v['search_index_bytes']} |"
            )
    if "pdf" in r:
        p = r["pdf"]
        lines += [
            "",
            f"## `make pdf` (render step, {p['pages']} PDFs)",
            "",
            f"Generator plus WeasyPrint layout of both books and every district booklet, spread over {m['cores']} worker processes:",
            f"{p['wall_median']:.2f} s ({p['wall_min']:.2f}–{p['wall_max']:.2f}), CPU {p['cpu_median']:.2f} s, "
            f"peak RSS {p['rss_mib_max']:.0f} MiB (all processes together; pages the forked workers share with their parent",
            f"count once per process, so this is an upper bound); layout stage alone {p['stages'].get('pdf', 0):.2f} s.",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
