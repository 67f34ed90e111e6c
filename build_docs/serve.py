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
import html
import json
import multiprocessing
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import readers, wordcut
from .build import BuildConfig, build
from .errors import BuildError, Problem
from .progress import Stages
from .settings import FILE_NAME as SETTINGS_FILE
from .settings import load_settings

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
  // The page shown before the first build (or instead of a failed one) is replaced by the next
  // state, whatever it is; a built page keeps itself and shows a failed build's errors at its foot.
  var waiting = document.documentElement.hasAttribute("data-hb-serve-waiting");
  var seenError = null;
  function poll() {
    fetch("/__serve__/status", {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen === null) { seen = s.version; seenError = s.error; }
        else if (s.version !== seen || (waiting && s.error !== seenError)) { location.reload(); return; }
        if (!waiting) show(s.error);
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
    # The last build's problems as the waiting page shows them: (where, message, the line's text, fix).
    problems: list[tuple[str, str, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True, kw_only=True)
class Preview:
    """What one serve previews: each build's configuration, the two MkDocs configs, what to watch, where to build."""

    configure: Callable[[], BuildConfig]  # called before every build: handbook.yml may have changed
    configs: tuple[Path, Path]  # Simplified, Traditional
    watched: tuple[Path, ...]
    out: Path  # the served site and the builds in progress
    root: Path  # the folder problem locations are relative to (seeds/x.txt:3), to quote their lines


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Return (mtime, size) of every watched file; the tree is small enough to poll."""
    found: dict[str, tuple[int, int]] = {}
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for f in files:
            st = f.stat()
            found[str(f)] = (st.st_mtime_ns, st.st_size)
    return found


def mkdocs_builds(configs: tuple[Path, Path], out: Path, dictionaries: list[tuple[Path | None, Path]]) -> str:
    """Build both scripts' sites side by side into out/next (zh-Hant nested); return errors or ''.

    Each build runs in a process forked from this one, which has MkDocs and the theme loaded
    and the search segmenters holding these (main, user) dictionaries, each kept while its files
    are unchanged: a fresh `mkdocs build` pays over a second for them."""
    for main, user in dictionaries:
        if user.is_file() and (main is None or main.is_file()):
            wordcut.segmenter(main, user).load()
    context = multiprocessing.get_context("fork")
    targets = {configs[0]: out / "next", configs[1]: out / "next-hant"}
    runs = []
    for config, target in targets.items():
        shutil.rmtree(target, ignore_errors=True)
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_site_build, args=(str(config), str(target), send))
        process.start()
        runs.append((config.name, process, receive))
    errors = []
    for name, process, receive in runs:
        message = receive.recv() if receive.poll(600) else "timed out"
        process.join()
        if message or process.exitcode:
            errors.append(f"mkdocs ({name}): {message or f'exit {process.exitcode}'}")
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


def rebuild(preview: Preview, state: State) -> None:
    """Generate, build both sites and swap them in; on failure keep the served site and record why."""
    out = preview.out
    start = generated = time.perf_counter()
    problems: list[Problem] = []
    try:
        config = preview.configure()
        build(config, Stages())
        generated = time.perf_counter()
        hant = config.hant_docs or config.docs.parent / f"{config.docs.name}-zh-Hant"
        # The dictionaries mkdocs.yml and mkdocs.zh-Hant.yml give the search plugin.
        dictionaries = [(None, config.docs / ".jieba_user.txt"), (hant / ".jieba_dict.txt", hant / ".jieba_user.txt")]
        error = mkdocs_builds(preview.configs, out, dictionaries)
    except BuildError as err:
        problems = err.problems
        error = "\n".join(p.explained() for p in problems)
    if not error:
        old = out / "old"
        shutil.rmtree(old, ignore_errors=True)
        if (out / "site").exists():
            os.rename(out / "site", old)
        os.rename(out / "next", out / "site")
        shutil.rmtree(old, ignore_errors=True)
    shown = [(p.where, p.message, line_text(preview.root, p), p.fix) for p in problems]
    if error and not problems:
        shown = [("", error, "", "")]
    with state.lock:
        state.error = error
        state.problems = shown
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
        with self.state.lock:
            waiting = None if self.state.version else (self.state.error, list(self.state.problems))
        if waiting is not None:
            # Until this serve's first build lands, every address shows its progress or its
            # problems: never a site left over from before, and never another folder's.
            return self._send(200 if not waiting[0] else 500, "text/html; charset=utf-8", waiting_page(path, *waiting))
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


# What the waiting page says, in the script of the address asked for.
WAITING_WORDS = {
    "zh-Hans": (
        "正在生成…",
        "正在生成手册，完成后本页自动显示。",
        "生成失败",
        "以下问题改正后，本页自动更新：",
        "原文：",
        "改法：",
    ),
    "zh-Hant": (
        "正在生成…",
        "正在生成手冊，完成後本頁自動顯示。",
        "生成失敗",
        "以下問題改正後，本頁自動更新：",
        "原文：",
        "改法：",
    ),
}


def waiting_page(path: str, error: str, problems: list[tuple[str, str, str, str]]) -> bytes:
    """The page every address shows before the first build: 正在生成…, or the first build's problems, each with its line and fix."""
    lang = "zh-Hant" if path.startswith("/zh-Hant/") or path == "/zh-Hant" else "zh-Hans"
    busy, busy_text, failed, failed_text, quoted, fix = WAITING_WORDS[lang]
    if not error:
        body = f"<h1>{busy}</h1>\n<p>{busy_text}</p>"
    else:
        items = []
        for where, message, text, how in problems:
            row = f"<li><p><code>{html.escape(where)}</code> {html.escape(message)}</p>"
            if text:
                row += f'<p>{quoted}</p><pre class="line">{html.escape(text)}</pre>'
            if how:
                row += f'<p>{fix}</p><pre class="fix">{html.escape(how)}</pre>'
            items.append(row + "</li>")
        body = f"<h1>{failed}</h1>\n<p>{failed_text}</p>\n<ol>{''.join(items)}</ol>"
    page = (
        f'<!doctype html>\n<html lang="{lang}" data-hb-serve-waiting><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{failed if error else busy}</title>'
        "<style>body{font:16px/1.6 system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em}"
        "pre{white-space:pre-wrap;background:#f4f4f4;padding:.5em}code{font-weight:700}</style></head>"
        f"<body>{body}</body></html>"
    )
    return inject(page.encode())


def line_text(root: Path, problem: Problem) -> str:
    """The text of the line a problem names, as the file holds it (undecodable bytes shown as �), or ''."""
    if not problem.line:
        return ""
    path = root / problem.file
    if readers.format_of(path) != "text":
        return ""  # a page's, a document's or a PDF's bytes are no line of text to quote
    try:
        if not path.is_file() or path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
            return ""  # a refused seed is never read, nor anything outside the folder
        with path.open("rb") as f:
            data = f.read(MAX_QUOTED_FILE)
    except OSError:
        return ""
    lines = data.split(b"\n")
    if problem.line > len(lines):
        return ""
    raw = lines[problem.line - 1].rstrip(b"\r")
    return raw.decode("utf-8", errors="replace")[:MAX_QUOTED_LINE]


# How much of a file is read to quote one of its lines, and how much of the line is shown.
MAX_QUOTED_FILE = 8_000_000
MAX_QUOTED_LINE = 400


def inject(html: bytes) -> bytes:
    """Add the reload script before </body>."""
    tag = f'<script src="{RELOAD_PATH}"></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def serve(preview: Preview, addr: str) -> int:
    """Serve the waiting page at once, build, then serve the site and rebuild on every change until interrupted."""
    preview.out.mkdir(parents=True, exist_ok=True)
    (preview.out / "site").mkdir(exist_ok=True)
    state = State()
    host, port = addr.rsplit(":", 1)
    try:
        server = ThreadingHTTPServer((host, int(port)), partial(Handler, state=state, directory=str(preview.out / "site")))
    except OSError as err:
        print(f"serve: cannot listen on {addr}: {err.strerror} (another serve running? choose one with --addr)", file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    where = f"http://{host}:{server.server_address[1]}"
    shown = ", ".join(str(p.relative_to(preview.root)) if p.is_relative_to(preview.root) else p.name for p in preview.watched)
    print(f"serve: {where}/ (zh-Hans) and {where}/zh-Hant/ ; watching {shown}", flush=True)
    try:
        seen = snapshot(list(preview.watched))
        warm()
        rebuild(preview, state)
        while True:
            time.sleep(0.1)
            now = snapshot(list(preview.watched))
            if now != seen:
                time.sleep(0.05)  # an editor's save may touch several files
                seen = snapshot(list(preview.watched))
                rebuild(preview, state)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and serve the seeds of the working directory's project (make serve)."""
    parser = argparse.ArgumentParser(prog="python -m build_docs.serve", description="Serve both scripts, rebuilt on change.")
    parser.add_argument("--seeds", default="seeds")
    parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000, the site_url)")
    parser.add_argument("--out", default=".serve", help="where the served sites are built (default .serve)")
    args = parser.parse_args(argv)
    root, seeds = Path.cwd(), Path(args.seeds)
    settings_file = seeds.parent / SETTINGS_FILE

    def configure() -> BuildConfig:
        # The editors' workbench is what an editor previewing their folder needs; it is never published by default.
        settings = load_settings(settings_file)
        return BuildConfig(seeds=seeds, shown_as=args.seeds.rstrip("/"), strict=True, editors=True, settings=settings,
                           script=settings.script, quotes=settings.quotes)  # fmt: skip

    corrections = BuildConfig(seeds=seeds).corrections_file
    preview = Preview(
        configure=configure,
        configs=(root / "mkdocs.yml", root / "mkdocs.zh-Hant.yml"),
        watched=(seeds, corrections, settings_file, *(root / name for name in WATCHED)),
        out=Path(args.out).resolve(),
        root=root,
    )
    return serve(preview, args.addr)


if __name__ == "__main__":
    sys.exit(main())
