"""The demo world (two facilities, the demo accounts, a small population with its case work),
built through the real services by ``manage.py seed_demo``, ``make run`` and the tests.

It lives in its own app because it uses every domain app: inside ``casemgmt`` it made the
core import them all (issue 24)."""
