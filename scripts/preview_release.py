#!/usr/bin/env python3
"""Serve a release with Debian's nginx and deploy/nginx.conf on 127.0.0.1, as it will
run on the intranet, to check it before deploying.

Usage: python scripts/preview_release.py dist/site-X.Y.Z.tar.gz dist/nginx-csp-X.Y.Z.conf

Prints the address (http://127.0.0.1:PORT/training/) and serves until Ctrl-C. The tests
and the benchmark use the same set-up (courseware/preview.py).
"""
import signal
import sys
import time
from pathlib import Path

from courseware.preview import serve, unpack


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    archive, csp = map(Path, argv)
    # Stop cleanly (nginx stopped, files removed) on Ctrl-C and on a plain kill.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    with serve(unpack(archive), csp.read_text()) as url:
        print(f"Serving {archive.name} at {url} (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
