"""scripts/release.py, killed with SIGKILL at a chosen point: the fault no `except` can see.

  python tests/killed_release.py POINT RELEASE-ARGUMENTS...

POINT is `after-deploy` (mike's commit is made, nothing is in dist/ yet) or `after-N-moves`
(the release is ready and N of its files have been renamed into dist/).
"""
from __future__ import annotations

import importlib.util
import os
import re
import signal
import sys
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))
spec = importlib.util.spec_from_file_location("release", ROOT / "scripts/release.py")
release = importlib.util.module_from_spec(spec)
spec.loader.exec_module(release)


def die():
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


point, arguments = sys.argv[1], sys.argv[2:]
if point == "after-deploy":
    deploy = release.deploy

    def deploy_then_die(*args, **kwargs):
        deploy(*args, **kwargs)
        die()

    release.deploy = deploy_then_die
elif moves := re.fullmatch(r"after-(\d+)-moves", point):
    move, done = release.move_into_place, []

    def move_then_maybe_die(*args, **kwargs):
        move(*args, **kwargs)
        done.append(args)
        if len(done) == int(moves.group(1)):
            die()

    release.move_into_place = move_then_maybe_die
else:
    sys.exit(f"unknown point {point!r}")
sys.exit(release.main(arguments))
