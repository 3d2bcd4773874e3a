"""Instructions the Django process executes for one request of a bench page, counted by
valgrind's callgrind: the same figure on a quiet or a busy machine, a fast or a slow one.

    DATABASE_URL=... .venv/bin/python -m bench.instructions [page ...] [--requests 10]

A page is one of ``bench.profile.urls`` (empty, home, list, case_file, search, caseload,
timeline, api_list); a part of every signed-in request is one of ``PARTS`` (session, user,
device, bell: the signed-in frame's pieces, measured separately). Each runs in a process of its own under ``valgrind --tool=callgrind``
with instrumentation off while Django starts and the page is requested five times; it is
switched on (``callgrind_control -i on``) for ``--requests`` more, and the count divided by
them. PostgreSQL's own work is in another process and not counted: this measures the
Python side of a page (what ``x raw SQL`` adds to the SQL), for comparing two versions of
the code when wall-clock times drift (on the machines of issue #25 the same page's p50
moved by 30% between two runs minutes apart; the count moves by well under 1%). Needs
valgrind (Debian's package); a page takes about a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent


def _session(bench, who):
    from django.conf import settings
    from django.utils.module_loading import import_string

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    key = bench.client(who["supervisor"]).session.session_key
    return lambda: store(key).load()


def _user(bench, who):
    from django.conf import settings
    from django.contrib.auth import load_backend

    backend, pk = load_backend(settings.AUTHENTICATION_BACKENDS[1]), who["supervisor"].pk
    return lambda: backend.get_user(pk)


def _device(bench, who):
    from django.conf import settings
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY

    persistent_id = bench.client(who["supervisor"]).session[DEVICE_ID_SESSION_KEY]
    otp = next(path for path in settings.MIDDLEWARE if path.endswith(".OTPMiddleware"))
    middleware = import_string(otp)(lambda request: None)
    return lambda: middleware._device_from_persistent_id(persistent_id)


def _bell(bench, who):
    from django.test import RequestFactory

    from notifications.context_processors import unread

    request = RequestFactory().get("/")
    request.user = who["supervisor"]
    return lambda: unread(request)["unread_notifications"]()


#: the signed-in frame's parts, each a callable made after Django starts
PARTS = {"session": _session, "user": _user, "device": _device, "bell": _bell}


def child(page: str, requests: int) -> None:
    """Inside valgrind: start Django, warm the page (or part) up, count ``requests`` of it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from bench.measure import Bench
    from bench.profile import urls

    bench = Bench(5)
    who = bench.people()
    if page in PARTS:
        call = PARTS[page](bench, who)
    else:
        user, url = urls(who)[page]
        client = bench.client(user)

        def call():
            status = client.get(url).status_code
            if status != 200:
                raise SystemExit(f"{page}: {url} answered {status}")

    for _ in range(5):
        call()

    def instrument(state: str) -> None:
        # callgrind reads the command while this process runs, so wait busily, not in a syscall
        control = subprocess.Popen(
            ["callgrind_control", "-i", state, str(os.getpid())], stdout=subprocess.DEVNULL
        )
        while control.poll() is None:
            sum(range(1000))

    instrument("on")
    for _ in range(requests):
        call()
    instrument("off")


def count(page: str, requests: int) -> float:
    """Millions of instructions a request of ``page`` (in a valgrind child)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, "-m", "bench.instructions", "--child", page, "--requests", str(requests)],
            cwd=BASE, capture_output=True, text=True, check=False,
        )  # fmt: skip
        found = re.search(r"Collected : (\d+)", done.stderr)
        if done.returncode or not found:
            raise SystemExit(f"{page}: valgrind failed\n{done.stderr[-2000:]}")
        return int(found.group(1)) / requests / 1e6


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["empty", "list"])
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.pages[0], args.requests)
        return 0
    print(f"{'page':<12} {'M instructions a request':>25}")
    for page in args.pages:
        print(f"{page:<12} {count(page, args.requests):>25.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
