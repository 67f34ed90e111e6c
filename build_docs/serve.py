"""`make serve`: both scripts at one address, regenerated and reloaded when an input changes.

One process keeps the generator's loaded dictionaries (jieba, the gazetteer table, OpenCC) and
rebuilds on a change to the seeds, corrections.yml, the YAML data, the templates or the theme
overrides: the generator in process, then the two MkDocs builds side by side. The Simplified
site is served at `/` and the Traditional one at `/zh-Hant/`, so the script switch works. Open
pages poll a small status address and reload when a new build is in place; a failed build
leaves the last good site served and shows its errors in the terminal and on the page.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import wordcut
from .build import BuildConfig, build
from .errors import BuildError
from .progress import Stages

# What an editor changes; anything else (the code) needs a restart.
# (besides the seeds folder and its corrections.yml, which come from the command line)
WATCHED = ("build_docs/data", "templates", "overrides", "mkdocs.yml", "mkdocs.zh-Hant.yml")
STATUS_PATH = "/__serve__/status"
RELOAD_PATH = "/__serve__/reload.js"

# Polls the status address; reloads on a new build, shows a failed build's errors over the page.
RELOAD_JS = """(function () {
  var seen = null;
  function show(error) {
    var box = document.getElementById("hb-serve-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "hb-serve-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10000;margin:0;max-height:40vh;" +
        "overflow:auto;padding:1em;background:#fff0f0;color:#900;border-top:3px solid #c00;" +
        "font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "构建失败，仍显示上次成功的版本：\\n" + error;
  }
  function poll() {
    fetch("/__serve__/status", {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen === null) seen = s.version;
        else if (s.version !== seen) { location.reload(); return; }
        show(s.error);
      })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 250); });
  }
  poll();
})();
"""


@dataclass
class State:
    """The served build's version and the last build's errors, shared with the request threads."""

    version: int = 0
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Return (mtime, size) of every watched file; the tree is small enough to poll."""
    found: dict[str, tuple[int, int]] = {}
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for f in files:
            st = f.stat()
            found[str(f)] = (st.st_mtime_ns, st.st_size)
    return found


def mkdocs_builds(root: Path, out: Path, dictionaries: list[tuple[Path | None, Path]]) -> str:
    """Build both scripts' sites side by side into out/next (zh-Hant nested); return errors or ''.

    Each build runs in a process forked from this one, which has MkDocs and the theme loaded
    and the search segmenters holding these (main, user) dictionaries, each kept while its files
    are unchanged: a fresh `mkdocs build` pays over a second for them."""
    for main, user in dictionaries:
        if user.is_file() and (main is None or main.is_file()):
            wordcut.segmenter(main, user).load()
    context = multiprocessing.get_context("fork")
    targets = {"mkdocs.yml": out / "next", "mkdocs.zh-Hant.yml": out / "next-hant"}
    runs = []
    for config, target in targets.items():
        shutil.rmtree(target, ignore_errors=True)
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_site_build, args=(str(root / config), str(target), send))
        process.start()
        runs.append((config, process, receive))
    errors = []
    for config, process, receive in runs:
        message = receive.recv() if receive.poll(600) else "timed out"
        process.join()
        if message or process.exitcode:
            errors.append(f"mkdocs ({config}): {message or f'exit {process.exitcode}'}")
    if errors:
        return "\n".join(errors)
    shutil.move(out / "next-hant", out / "next" / "zh-Hant")
    return ""


def _site_build(config_file: str, site_dir: str, send) -> None:
    """Run one strict MkDocs build (in a forked process) and send back '' or the error."""
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        build_site(load_config(config_file, site_dir=site_dir, strict=True))
        send.send("")
    except BaseException as err:  # noqa: BLE001 - any failure is reported to the editor
        send.send(f"{type(err).__name__}: {err}")


def warm() -> None:
    """Load what every MkDocs build needs once, so forked builds start warm."""
    import material  # noqa: F401 - the theme and its search plugin
    import mkdocs.commands.build  # noqa: F401


def rebuild(config: BuildConfig, root: Path, out: Path, state: State) -> None:
    """Generate, build both sites and swap them in; on failure keep the served site and record why."""
    start = generated = time.perf_counter()
    try:
        build(config, Stages())
        generated = time.perf_counter()
        hant = config.hant_docs or config.docs.parent / f"{config.docs.name}-zh-Hant"
        # The dictionaries mkdocs.yml and mkdocs.zh-Hant.yml give the search plugin.
        dictionaries = [(None, config.docs / ".jieba_user.txt"), (hant / ".jieba_dict.txt", hant / ".jieba_user.txt")]
        error = mkdocs_builds(root, out, dictionaries)
    except BuildError as err:
        error = "\n".join(str(p) for p in err.problems)
    if not error:
        old = out / "old"
        shutil.rmtree(old, ignore_errors=True)
        if (out / "site").exists():
            os.rename(out / "site", old)
        os.rename(out / "next", out / "site")
        shutil.rmtree(old, ignore_errors=True)
    with state.lock:
        state.error = error
        state.version += 0 if error else 1
    took = time.perf_counter() - start
    print(
        f"serve: build failed in {took:.1f}s; last good site still served:\n{error}"
        if error
        else f"serve: rebuilt in {took:.1f}s (generator {generated - start:.1f}s)",
        flush=True,
    )


class Handler(SimpleHTTPRequestHandler):
    """Serve the current site, with the reload script in every HTML page."""

    state: State

    def __init__(self, *args, state: State, **kwargs):
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        """Keep the terminal for build messages."""

    def do_GET(self) -> None:
        """Answer the status and script addresses, inject the script into pages, else serve files."""
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == STATUS_PATH:
            with self.state.lock:
                body = json.dumps({"version": self.state.version, "error": self.state.error}).encode()
            return self._send(200, "application/json", body)
        if path == RELOAD_PATH:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS.encode())
        try:
            target = Path(self.translate_path(path))
            if target.is_dir() and path.endswith("/"):
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self._send(200, "text/html; charset=utf-8", inject(target.read_bytes()))
            found = target.exists()
        except (OSError, ValueError):
            # A name the file system cannot hold (too long, a NUL, undecodable) names no file.
            found = False
        if not found:
            return self._not_found()
        return super().do_GET()

    def send_head(self):
        """Open the file a GET or HEAD names, answering 404 to a path the file system refuses."""
        try:
            return super().send_head()
        except (OSError, ValueError):
            self.send_error(404, "File not found")
            return None

    def _not_found(self) -> None:
        """Answer 404 with the site's own page when it has one."""
        try:
            page = Path(self.directory) / "404.html"
            body = inject(page.read_bytes()) if page.is_file() else b""
        except OSError:
            body = b""
        if body:
            return self._send(404, "text/html; charset=utf-8", body)
        self.send_error(404, "File not found")
        return None

    def _send(self, status: int, kind: str, body: bytes) -> None:
        """Send a whole response that browsers must not cache."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def inject(html: bytes) -> bytes:
    """Add the reload script before </body>."""
    tag = f'<script src="{RELOAD_PATH}"></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build once, then serve and rebuild on every change until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m build_docs.serve", description="Serve both scripts, rebuilt on change.")
    parser.add_argument("--seeds", default="seeds")
    parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000, the site_url)")
    parser.add_argument("--out", default=".serve", help="where the served sites are built (default .serve)")
    args = parser.parse_args(argv)
    root, out = Path.cwd(), Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    # The editors' workbench is what an editor previewing their folder needs; it is never published by default.
    config = BuildConfig(seeds=Path(args.seeds), shown_as=args.seeds.rstrip("/"), strict=True, editors=True)
    state = State()
    warm()
    rebuild(config, root, out, state)
    (out / "site").mkdir(exist_ok=True)  # even a failed first build serves its errors
    host, port = args.addr.rsplit(":", 1)
    server = ThreadingHTTPServer((host, int(port)), partial(Handler, state=state, directory=str(out / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = [config.seeds, config.corrections_file, *(root / name for name in WATCHED)]
    shown = ", ".join(str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in watched)
    print(f"serve: http://{args.addr}/ (zh-Hans) and http://{args.addr}/zh-Hant/ ; watching {shown}", flush=True)
    seen = snapshot(watched)
    try:
        while True:
            time.sleep(0.1)
            now = snapshot(watched)
            if now != seen:
                time.sleep(0.05)  # an editor's save may touch several files
                seen = snapshot(watched)
                rebuild(config, root, out, state)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
