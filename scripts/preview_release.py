#!/usr/bin/env python3
"""Serve a release with Debian's nginx and deploy/nginx.conf on 127.0.0.1, as it will
run on the intranet, to check it before deploying.

Usage: python scripts/preview_release.py dist/site-X.Y.Z.tar.gz dist/nginx-csp-X.Y.Z.conf

Prints the address (http://127.0.0.1:PORT/training/) and serves until Ctrl-C. The tests
and the benchmark use the same set-up through serve().
"""
from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(fill_tree, csp_conf: str):
    """Yield http://127.0.0.1:PORT/training/ with nginx serving what fill_tree(folder)
    puts in the /training/ folder, under deploy/nginx.conf and the given CSP line."""
    nginx = shutil.which("nginx") or NGINX
    if not Path(nginx).exists():
        raise RuntimeError("nginx is missing: sudo apt-get install nginx")
    # nginx's workers run as an unprivileged user: the folder must be readable to them.
    work = Path(tempfile.mkdtemp(prefix="course-nginx-"))
    work.chmod(0o755)
    try:
        (work / "www/training").mkdir(parents=True)
        (work / "tmp").mkdir()
        fill_tree(work / "www/training")
        (work / "csp.conf").write_text(csp_conf)
        port = _free_port()
        site = (ROOT / "deploy/nginx.conf").read_text()
        for old, new in [("listen 80;", f"listen 127.0.0.1:{port};"), ("root /var/www/html;", f"root {work}/www;"),
                         ("/etc/nginx/course-csp.conf", f"{work}/csp.conf")]:
            if old not in site:
                raise RuntimeError(f"deploy/nginx.conf no longer has '{old}'")
            site = site.replace(old, new)
        (work / "site.conf").write_text(site)
        temp = " ".join(f"{k}_temp_path {work}/tmp;" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (work / "nginx.conf").write_text(
            f"daemon off; pid {work}/nginx.pid; error_log {work}/error.log;\nevents {{}}\n"
            f"http {{ include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;"
            f" {temp} include {work}/site.conf; }}\n")
        server = subprocess.Popen([nginx, "-c", str(work / "nginx.conf")], stderr=subprocess.PIPE)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if server.poll() is not None:
                        raise RuntimeError(f"nginx stopped: {server.stderr.read().decode()}")
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}/training/"
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(work)


def unpack(archive: Path):
    """A fill_tree for serve(): the release archive, unpacked."""
    def fill(folder: Path):
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
    return fill


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
