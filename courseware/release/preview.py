"""A release served by Debian's nginx with deploy/nginx.conf on 127.0.0.1, as it will run
on the intranet: for a person checking a release before deploying it
(scripts/preview_release.py), and for the tests and the benchmark."""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository, which holds deploy/
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
