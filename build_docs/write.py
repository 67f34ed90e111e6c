"""Stage 7: write the rendered tree into docs/, touching only what changed."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_tree(files: dict[str, str | bytes], target: Path) -> list[str]:
    """Make target hold exactly files; return the paths written or removed.

    A new target is written into a staging folder and renamed into place. An existing one is
    updated file by file, each written atomically and only if its bytes differ, and files no
    longer produced are removed: unchanged files keep their modification time, so MkDocs'
    watcher and jieba's dictionary cache do not redo work for nothing."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    encoded = {rel: c if isinstance(c, bytes) else c.encode("utf-8") for rel, c in files.items()}
    if not target.exists():
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        try:
            for rel, content in sorted(encoded.items()):
                path = staging / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
            os.rename(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return sorted(encoded)
    changed = []
    for rel, content in sorted(encoded.items()):
        path = target / rel
        if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, path)
        changed.append(rel)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in encoded:
            path.unlink()
            changed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed
