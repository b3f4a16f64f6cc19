"""bench/locustfile.py's students with one hostile paster beside them (bench/hostile.py's probes).

    .venv/bin/locust -f bench/locustfile_hostile.py --headless -u 41 -r 10 --run-time 2m \\
        --host http://127.0.0.1:8501 --page hidden --probes keyerror_shared_key --paste-every 5

``-u 41``: 40 students and the paster (exactly one, whatever ``-u``). Its requests are ``paste``
and ``paste_load``, apart from the students' ``change`` and ``load``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # locust puts only bench/ on the path
from bench.locustfile import PasterUser, StudentUser  # noqa: E402, F401 - Locust finds both here


class HostilePaster(PasterUser):
    abstract = False
