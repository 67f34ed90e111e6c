"""`make serve` answers requests it cannot map to a file with 404, never with a traceback.

The handler runs in a real server on a free port in this process (no build, no browser), so
each request goes through the same path translation and file checks as under `make serve`.
"""

from __future__ import annotations

import http.client
import threading
from functools import partial
from http.server import ThreadingHTTPServer

import pytest

from build_docs.serve import Handler, State

# A segment longer than any file name the file system allows (255 bytes on Linux).
LONG = "a" * 300
UNMAPPABLE = (f"/{LONG}", f"/{LONG}/", f"/{LONG}.html", f"/docs/{LONG}/index.html", "/a%00b", "/a%00b/", "/%ff%fe.html")


@pytest.fixture(scope="module", params=[True, False], ids=["with-404-page", "without-404-page"])
def server(tmp_path_factory: pytest.TempPathFactory, request):
    """Serve a one-page site (with or without its 404 page) from a fresh folder; yield its port."""
    tmp_path = tmp_path_factory.mktemp("site")
    (tmp_path / "index.html").write_text("<html><body>首页</body></html>", encoding="utf-8")
    if request.param:
        (tmp_path / "404.html").write_text("<html><body>找不到</body></html>", encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, state=State(version=1), directory=str(tmp_path)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _request(port: int, method: str, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_a_page_is_served_with_the_reload_script(server):
    status, body = _request(server, "GET", "/")
    assert status == 200 and "首页".encode() in body and b"/__serve__/reload.js" in body


@pytest.mark.parametrize("path", UNMAPPABLE)
def test_a_path_too_long_with_a_nul_or_undecodable_answers_404_without_a_traceback(server, path, capfd):
    for method in ("GET", "HEAD"):
        status, _ = _request(server, method, path)
        assert status == 404, (method, path)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "OSError" not in err and "Exception" not in err


def test_a_missing_file_still_answers_404(server, capfd):
    assert _request(server, "GET", "/nowhere.html")[0] == 404
    assert _request(server, "HEAD", "/nowhere/")[0] == 404
    assert "Traceback" not in capfd.readouterr().err
