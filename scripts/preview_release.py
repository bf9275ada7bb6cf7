#!/usr/bin/env python3
"""Serve a release with Debian's nginx and deploy/nginx.conf on 127.0.0.1, as it will
run on the intranet, to check it before deploying.

Usage: scripts/preview_release.py dist/site-X.Y.Z.tar.gz dist/nginx-csp-X.Y.Z.conf  (make preview VERSION=X.Y.Z)

Prints the address (http://127.0.0.1:PORT/training/) and serves until Ctrl-C. The tests
and the benchmark use the same set-up (courseware/release/preview.py).
"""
import os
import signal
import sys
import time
from pathlib import Path

# Run as ./scripts/preview_release.py (or with python3), the system's Python has neither the pinned
# packages nor courseware: start again with the course's .venv, which any make target sets up.
_VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv/bin/python"
if sys.prefix == sys.base_prefix and _VENV_PYTHON.exists():
    os.execv(_VENV_PYTHON, [str(_VENV_PYTHON), *sys.argv])
sys.path.insert(0, str(_VENV_PYTHON.parent.parent.parent))  # the courseware beside this script

from courseware.release.preview import serve, unpack


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    archive, csp = map(Path, argv)
    missing = [str(path) for path in (archive, csp) if not path.is_file()]
    if missing:
        print(f"preview: no {' or '.join(missing)}: make the release first (make release VERSION=X.Y.Z …)",
              file=sys.stderr)
        return 2
    # Stop cleanly (nginx stopped, files removed) on Ctrl-C and on a plain kill.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    with serve(unpack(archive), csp.read_text()) as url:
        print(f"Serving {archive.name} at {url} (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
