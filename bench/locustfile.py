"""A class of students as Locust users, speaking Streamlit's websocket protocol (bench/student.py).

On one machine (``--processes 2``: one Locust worker per core, its master in the same command)::

    .venv/bin/locust -f bench/locustfile.py --headless -u 200 -r 20 --run-time 2m \\
        --host http://127.0.0.1:8501 --processes 2 --csv artifacts/load

Distributed, the load generator on machines of its own (same checkout and .venv on each)::

    # the master: Locust's figures and CSV; it waits for 4 workers, then starts the class
    .venv/bin/locust -f bench/locustfile.py --master --headless --expect-workers 4 \\
        -u 200 -r 20 --run-time 2m --host http://APP-HOST:8501 --csv artifacts/load
    # on each load machine, one per core
    .venv/bin/locust -f bench/locustfile.py --worker --master-host MASTER-HOST

Each user drives one ``bench.student.Student`` (one browser tab). It loads the page (request
``load``: first GET to ``script_finished``), thinks (``--think-min``..``--think-max`` seconds,
from its own seeded generator), then changes one of the ``--settings`` per task (request
``change``: send -> ``script_finished``), reconnecting like a browser after an error. With
``--interactions K`` each student stops after K changes and the run ends when all have
(``bench.load.run_load``); with 0 it runs until ``--run-time``. ``--record-file`` gets Locust's
final figures, the first error samples and ``--record N`` changes as JSON (workers send theirs
to the master with their stats).
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import time
from pathlib import Path

import gevent
from locust import User, events, task
from locust.exception import StopUser
from locust.runners import MasterRunner, WorkerRunner
from locust.stats import CSV_STATS_INTERVAL_SEC, StatsEntry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # locust puts only bench/ on the path
from bench import load, student  # noqa: E402

_numbers = itertools.count()  # students of this process
# What students report besides Locust's stats: how many are done, error samples, recorded changes.
# A worker sends its outbox with each stats report; the local runner or the master keeps _record.
_outbox: dict = {"finished": 0, "error_samples": [], "renders": [], "pastes": []}
_record: dict = {"finished": 0, "error_samples": [], "renders": [], "pastes": []}
_quitting = False


@events.init_command_line_parser.add_listener
def _options(parser) -> None:
    group = parser.add_argument_group("students (bench/locustfile.py)")
    group.add_argument(
        "--page", default="shapes", help="the page of the shared link; several (a,b): students alternate"
    )
    group.add_argument("--query", default=student.DEFAULT_QUERY, help="the shared link's query string")
    group.add_argument(
        "--settings", default=load.format_settings(load.DEFAULT_SETTINGS), help="name=lo:hi,..."
    )
    group.add_argument(
        "--interactions", type=int, default=0, help="changes per student (0: until --run-time)"
    )
    group.add_argument("--think-min", type=float, default=1.0, help="seconds between changes, at least")
    group.add_argument("--think-max", type=float, default=3.0, help="seconds between changes, at most")
    group.add_argument("--seed", type=int, default=0)
    group.add_argument("--student-timeout", type=float, default=60.0, help="seconds one run may take")
    group.add_argument("--record", type=int, default=0, help="changes to write to --record-file")
    group.add_argument("--record-file", default="", help="JSON: error samples and recorded changes")
    hostile = parser.add_argument_group("the hostile paster (PasterUser; bench/hostile.py)")
    hostile.add_argument(
        "--probes", default="keyerror_shared_key", help="bench.hostile.PROBES names, pasted in turn"
    )
    hostile.add_argument("--paste-every", type=float, default=5.0, help="seconds between pastes")
    hostile.add_argument("--pastes", type=int, default=1000, help="pastes at most, then the paster stops")


def _keep(
    box: dict,
    finished: int = 0,
    error: str = "",
    render: dict | None = None,
    record: int = 0,
    paste: dict | None = None,
) -> None:
    box["finished"] += finished
    if paste and len(box["pastes"]) < 1000:
        box["pastes"].append(paste)
    if error and len(box["error_samples"]) < 5:
        box["error_samples"].append(error)
    if render and len(box["renders"]) < record:
        box["renders"].append(render)


def _note(environment, **what) -> None:
    """A student's news: into the worker's outbox, or straight into the record."""
    _keep(_outbox, record=environment.parsed_options.record, **what)
    if not isinstance(environment.runner, WorkerRunner):
        _merge(environment, _take_outbox())


def _take_outbox() -> dict:
    box = dict(_outbox)
    _outbox.update(finished=0, error_samples=[], renders=[], pastes=[])
    return box


def _merge(environment, box: dict) -> None:
    """Keep a box's news; with --interactions, quit once every student is done (Locust would not)."""
    global _quitting
    _keep(_record, finished=box["finished"])
    for error in box["error_samples"]:
        _keep(_record, error=error)
    for render in box["renders"]:
        _keep(_record, render=render, record=environment.parsed_options.record)
    for paste in box.get("pastes", []):
        _keep(_record, paste=paste)
    options = environment.parsed_options
    if options.interactions and _record["finished"] >= options.num_users and not _quitting:
        _quitting = True
        # Not from a user's greenlet, which quit() kills; after the --csv writer's next pass, as
        # Locust writes the CSV every CSV_STATS_INTERVAL_SEC and not again when it quits.
        gevent.spawn_later(2 * CSV_STATS_INTERVAL_SEC, environment.runner.quit)


@events.report_to_master.add_listener
def _send_outbox(client_id, data, **_kwargs) -> None:
    data["bench"] = _take_outbox()  # in the same message as the stats it goes with


@events.init.add_listener
def _on_init(environment, **_kwargs) -> None:
    if not environment.stop_timeout:
        # A student stopped at --run-time finishes the change it is waiting for. Killed inside the
        # websocket's recv, gevent's libev aborted the process (epoll_modify: invalid fd) in 2 of 4
        # time-bound runs here. --stop-timeout still overrides this; workers get the master's.
        environment.stop_timeout = environment.parsed_options.student_timeout
    if isinstance(environment.runner, MasterRunner):  # the stats listener came first: merged already

        def receive(client_id, data, **_) -> None:
            if "bench" in data:
                _merge(environment, data["bench"])

        environment.events.worker_report.add_listener(receive)


@events.quitting.add_listener
def _write_record(environment, **_kwargs) -> None:
    """The record, with Locust's final stats of the loads and changes and the locustfile's crashes."""
    path = environment.parsed_options.record_file
    if not path or isinstance(environment.runner, WorkerRunner):
        return

    def figures(entry) -> dict:
        return {
            "requests": entry.num_requests,  # failures included, as Locust counts them
            "failures": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.5) if entry.num_requests else None,
            "p95_ms": entry.get_response_time_percentile(0.95) if entry.num_requests else None,
            "max_ms": round(entry.max_response_time, 1) if entry.num_requests else None,
        }

    # "load"/"change" are every student's, whatever their page; "change@hidden" one page's
    stats = {}
    for name in ("load", "change", "paste", "paste_load"):
        total = StatsEntry(environment.stats, name, "WS")
        for entry in environment.stats.entries.values():
            if entry.name == name or entry.name.startswith(name + "@"):
                total.extend(entry)
                if entry.name != name:
                    stats[entry.name] = figures(entry)
        stats[name] = figures(total)
    crashes = [
        f"{row['count']} x {row['traceback'][-300:]}" for row in environment.runner.exceptions.values()
    ]
    record = _record | {"stats": stats, "exceptions": crashes}
    Path(path).write_text(json.dumps(record, ensure_ascii=False) + "\n")


class StudentUser(User):
    """One student with the shared link open, changing a setting now and then."""

    def __init__(self, environment) -> None:
        super().__init__(environment)
        self.options = environment.parsed_options
        self.label = f"{environment.runner.worker_index}.{next(_numbers)}"
        self.rng = random.Random(f"{self.options.seed}:{self.label}")
        self.settings = load.parse_settings(self.options.settings)
        self.keys = sorted(self.settings)
        self.done = 0
        pages = self.options.page.split(",")
        self.page = pages[int(self.label.split(".")[1]) % len(pages)]
        self.suffix = f"@{self.page}" if len(pages) > 1 else ""  # Locust's request names per page
        self.student = student.Student(self.host, self.page, self.options.query, self.options.student_timeout)

    def wait_time(self) -> float:
        return self.rng.uniform(self.options.think_min, self.options.think_max)

    def on_start(self) -> None:
        self.ensure_open()
        self.wait()  # a student reads the page before changing anything

    def on_stop(self) -> None:
        self.student.close()

    @task
    def change(self) -> None:
        self.done += 1
        if self.ensure_open():
            key = self.rng.choice(self.keys)
            started = time.perf_counter()
            try:
                value = student.pick(self.rng, self.student.value(key), *self.settings[key])
                elapsed, render = self.student.change(key, value)
            except (student.Failure, OSError) as err:
                self.report(
                    "change" + self.suffix,
                    time.perf_counter() - started,
                    error=err,
                    where=f"interaction {self.done}",
                )
                self.student.close()  # a browser reconnects: so does the next interaction
            else:
                self.report("change" + self.suffix, elapsed, size=render.messages)
                change = {"student": self.label, "key": key, "value": value, "codes": render.codes[:3]}
                _note(self.environment, render=change)
        if self.options.interactions and self.done >= self.options.interactions:
            _note(self.environment, finished=1)
            raise StopUser()

    def ensure_open(self) -> bool:
        """Load the page unless connected; a failed load is an error of its own."""
        if self.student.connected:
            return True
        started = time.perf_counter()
        try:
            self.report("load" + self.suffix, self.student.open())
            return True
        except (student.Failure, OSError) as err:
            self.report("load" + self.suffix, time.perf_counter() - started, error=err, where="load")
            self.student.close()
            return False

    def report(
        self, name: str, seconds: float, size: int = 0, error: BaseException | None = None, where: str = ""
    ) -> None:
        """One request in Locust's stats (ms); an error's first samples go to the record file too."""
        if error is not None:
            _note(self.environment, error=f"student {self.label} {where}: {error}")
        self.environment.events.request.fire(
            request_type="WS",
            name=name,
            response_time=seconds * 1000,
            response_length=size,
            exception=error,
            context={},
        )


class PasterUser(StudentUser):
    """One more learner, on the debugger page, pasting the worst probes (bench/hostile.py) one
    every ``--paste-every`` seconds, up to ``--pastes``: Locust's requests ``paste_load`` and
    ``paste`` (send -> script_finished, the worker's answer included), apart from the students'.
    Abstract here, so this locustfile's runs have students only; bench/locustfile_hostile.py
    makes it one user (``fixed_count``) beside them. With ``--interactions`` the run ends when the
    students and the paster are done; without, at ``--run-time``."""

    abstract = True
    fixed_count = 1

    def __init__(self, environment) -> None:
        super().__init__(environment)
        from bench import hostile

        self.probes = [hostile.PROBES[name] for name in self.options.probes.split(",")]
        self.names = self.options.probes.split(",")
        self.suffix = ""
        # the worker's CPU limit takes seconds of wall time on a busy machine: wait for its answer
        self.student = student.Paster(self.host, timeout_s=max(self.options.student_timeout, 120.0))

    def wait_time(self) -> float:
        return self.options.paste_every

    def on_start(self) -> None:
        self.ensure_open()

    def ensure_open(self) -> bool:
        if self.student.connected:
            return True
        started = time.perf_counter()
        try:
            self.report("paste_load", self.student.open())
            return True
        except (student.Failure, OSError) as err:
            self.report("paste_load", time.perf_counter() - started, error=err, where="paste load")
            self.student.close()
            return False

    @task
    def change(self) -> None:
        self.done += 1
        name = self.names[(self.done - 1) % len(self.names)]
        if self.ensure_open():
            started = time.perf_counter()
            try:
                source = (
                    f"{self.probes[(self.done - 1) % len(self.probes)]}# paste {self.label}.{self.done}\n"
                )
                elapsed, answer, render = self.student.paste(source)
            except (student.Failure, OSError) as err:
                self.report("paste", time.perf_counter() - started, error=err, where=f"paste {self.done}")
                self.student.close()
            else:
                self.report("paste", elapsed, size=render.messages)
                text = next((body for kind, body in render.alerts if kind in ("error", "warning")), "")
                paste = {"probe": name, "answer": answer, "ms": round(elapsed * 1000), "text": text[:120]}
                _note(self.environment, paste=paste)
        if self.done >= self.options.pastes:
            _note(self.environment, finished=1)
            raise StopUser()


# Locust's metaclass adds a base class's tasks to a subclass's own: without this the paster also ran
# the students' change (half its turns, by its seeded choice), on a page without their widgets
PasterUser.tasks = [PasterUser.change]
