"""The load client against a real server, briefly.

One Streamlit process started directly (always): two students driven by Locust (bench.load runs
it in a subprocess) and Locust's own command line with its CSV, a class over two pages, the
hostile paster beside two students (bench.hostile's quick mode), a first load timed by parts, one
student changing two settings on every page (bench/student.py's client, without Locust);
then, where nginx is installed,
the whole ``deploy.serve`` stack, started once: two processes behind nginx, with the sticky cookie
proven by a download that only one process holds, then supervisord restarting one that was killed.
"""

import csv
import http.client
import os
import re
import subprocess
import sys
import time

import pytest
from tests_paths import ROOT

from bench import hostile
from bench.load import run_load, soak
from bench.memory import server_memory
from bench.student import Paster, Student, http_get
from deploy import launch, serve
from deploy.serve import free_port
from ui import pages as ui_pages


def get_status(port: int, path: str, cookies: dict[str, str] | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """One `streamlit run app.py` on a free loopback port, shared by this module's tests (torch's
    import is most of a test's time); killed however they end."""
    tmp_path = tmp_path_factory.mktemp("backend")
    port = free_port()
    env = dict(os.environ, EXPLAINER_TORCH_THREADS="1")
    with open(tmp_path / "streamlit.log", "wb") as log:
        proc = subprocess.Popen(
            launch.argv(port),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        # deploy.serve's wait, as every other server the tests start: 300 polls 0.3 s apart (the 90 s
        # this fixture allowed, counted in polls rather than read from the clock)
        if not serve.wait_healthy(port, proc, polls=300, every_s=0.3):
            pytest.fail("streamlit did not start:\n" + (tmp_path / "streamlit.log").read_text()[-2000:])
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_two_students_change_hidden_size_on_one_backend(backend):
    url, pid = backend
    result = run_load(
        url,
        sessions=2,
        interactions=2,
        think_s=(0.05, 0.2),
        seed=7,
        settings={"hidden_size": (2, 64)},
        record=10,
    )
    assert result["errors"] == 0, result["error_samples"]
    assert (result["interactions"], result["measured"], result["loads"]) == (4, 4, 2)
    assert 0 < result["p50_ms"] <= result["p95_ms"] and result["max_ms"] > 0  # Locust rounds percentiles
    # What the server drew changed with each setting: the constructor shown has the new size.
    assert len(result["renders"]) == 4
    for change in result["renders"]:
        assert change["value"] != 20
        assert f"hidden_size={change['value']}," in change["codes"][0], change

    memory = server_memory([{"url": url, "pid": pid}])
    assert memory["rss_mb_total"] > 50
    assert memory["tree_pss_mb_total"] > 50
    assert memory["backends"][0]["cache_bytes"].get("st_cache_data", 0) > 0
    assert server_memory(url)["backends"][0]["pid"] == pid  # found by its listening port


def test_soak_ends_at_its_run_time_without_errors(backend):
    """Students stopped by Locust's run time finish their change and close cleanly (no crash)."""
    url, _ = backend
    result = soak(url, 3, sessions=2, think_s=(0.05, 0.2), settings={"hidden_size": (2, 64)})
    assert result["errors"] == 0, result["error_samples"]
    assert result["measured"] == result["interactions"]


def test_locust_command_line_writes_its_csv(backend, tmp_path):
    """The documented command, small: Locust's CSV has every load and change, and it stops by itself."""
    url, _ = backend
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
    command += ["-u", "3", "-r", "3", "--run-time", "5m", "--host", url, "--csv", str(tmp_path / "load")]
    command += ["--interactions", "2", "--think-min", "0.05", "--think-max", "0.2", "--only-summary"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stderr[-2000:]
    with open(tmp_path / "load_stats.csv", newline="") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    assert (rows["load"]["Request Count"], rows["change"]["Request Count"]) == ("3", "6")
    assert rows["Aggregated"]["Failure Count"] == "0"


def test_a_class_over_two_pages_has_each_pages_figures(backend):
    url, _ = backend
    result = run_load(url, sessions=2, interactions=1, think_s=(0.05, 0.2), page="hidden,shapes", seed=3)
    assert result["errors"] == 0, result["error_samples"]
    assert set(result["pages"]) == {"hidden", "shapes"}  # students alternate between the pages
    assert sum(row["requests"] for row in result["pages"].values()) == result["interactions"] == 2


@pytest.mark.parametrize("page", [page.name for page in ui_pages.PAGES])
def test_a_student_changes_a_setting_on_every_page(backend, page):
    """The client sends what a browser sends for every kind of widget on every page (the gradients
    page's select sliders among them): a change of hidden_size reruns the page without an error."""
    url, _ = backend
    # the debugger's example opens with torch's error in an st.error: that is its right answer
    student = Student(url, page, "lang=en", alerts_fail=page != "debugger")
    try:
        student.open()
        assert student.last.errors == [], student.last.errors
        _, render = student.change("hidden_size", 9)
        assert render.errors == [], render.errors
        _, render = student.change("seq_len", 4)  # a second rerun sends every widget's state back
        assert render.errors == [], render.errors
    finally:
        student.close()


def test_hostile_paster_beside_two_students(backend):
    """bench.hostile's quick mode: 2 students without, then with, one paste; the paste's answer is
    the page's (torch's error here), the students' figures are their own."""
    url, pid = backend
    result = hostile.hostile_load(
        url,
        [{"url": url, "pid": pid}],
        2,
        interactions=2,
        think_s=(0.05, 0.2),
        probes=("bool_of_large_tensor",),  # answered by the checker at once (the worst takes 5 CPU s)
        pastes=1,
        paste_every_s=0.1,
    )
    assert result["errors"] == 0, (result["without"]["error_samples"], result["with"]["error_samples"])
    assert result["without"]["interactions"] == result["with"]["interactions"] == 4
    assert result["with"]["loads"] == 2  # the paster's page load is not a student's
    paster = result["with"]["paster"]
    assert paster["pastes"] == 1 and paster["errors"] == 0
    [answer] = paster["answers"]
    assert answer["answer"] == "error" and "RuntimeError" in answer["text"], answer
    assert result["p95_ratio"] > 0 and result["rss_mb"]["after"] > 50
    assert "hostile paster" in hostile.report(result)[0]


def test_paster_reads_a_refusal_and_every_probe_is_new_to_the_cache(backend):
    url, _ = backend
    paster = Paster(url)
    paster.open()
    try:
        seconds, answer, render = paster.paste(
            hostile.paste("strided_view_1e11", 1) + "z.as_strided((1,), (1,))\n"
        )
    finally:
        paster.close()
    assert answer == "refused" and any("strided" in text for _, text in render.alerts)
    assert seconds > 0
    assert hostile.paste("compare_self", 1) != hostile.paste("compare_self", 2)


def test_a_first_load_is_timed_by_parts(backend):
    url, _ = backend
    student = Student(url, "hidden", static=True)
    try:
        total = student.open()
    finally:
        student.close()
    t = student.timings
    assert set(t) == {"html", "static", "static_kb", "static_files", "stcore", "websocket", "first_run"}
    assert t["static_files"] >= 1 and t["static_kb"] > 10  # the bundles index.html names
    parts = t["html"] + t["static"] + t["stcore"] + t["websocket"] + t["first_run"]
    assert abs(parts - total * 1000) < 5  # the parts add up to the whole


def test_cookie_secret_is_made_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("STREAMLIT_COOKIE_SECRET", raising=False)
    first = serve.cookie_secret(tmp_path)
    assert len(first) == 64 and serve.cookie_secret(tmp_path) == first
    assert (tmp_path / "cookie_secret").stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("STREAMLIT_COOKIE_SECRET", "from-the-environment")
    assert serve.cookie_secret(tmp_path) == "from-the-environment"


def test_nginx_config_lists_every_backend(tmp_path):
    conf = serve.render_config("8501", ["127.0.0.1:8601", "10.0.0.12:8501"], tmp_path)
    assert "@@" not in conf
    assert "server 127.0.0.1:8601 max_fails=3 fail_timeout=10s;" in conf
    assert "server 10.0.0.12:8501 max_fails=3 fail_timeout=10s;" in conf
    assert "hash $route_key consistent;" in conf and f"pid {tmp_path}/nginx.pid;" in conf


NO_NGINX = pytest.mark.skipif(
    serve.find_nginx() is None, reason="nginx is not installed (scripts/serve-deps.sh)"
)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """One whole ``deploy.serve`` stack (supervisord, nginx, two Streamlit processes) shared by
    the stickiness test and, last in this file, the restart test: a second stack cost another
    supervisord start and stop and Streamlit start. Started cold (``warm=False``): neither test
    reads the warm-up (``Served`` carries on past a failed one anyway), and the students' first
    page loads import torch instead; in one measurement on the busy 2-core machine the warm-up
    of both processes took 53 s, the cold students' loads 21 s more than warm ones."""
    ports = [free_port(), free_port()]
    run_dir = tmp_path_factory.mktemp("stack") / "run"
    with serve.start(
        2, port=0, host="127.0.0.1", backend_ports=ports, run_dir=run_dir, echo=False, warm=False
    ) as served:
        yield served


@NO_NGINX
def test_served_stack_is_sticky(stack):
    served, ports = stack, stack.backend_ports
    assert len(served.backend_pids()) == 2
    result = run_load(
        served.url, sessions=2, interactions=1, think_s=(0.05, 0.2), settings={"hidden_size": (2, 64)}
    )
    assert result["errors"] == 0, result["error_samples"]

    student = Student(served.url, "shapes", "mode=GRU&hidden_size=7&num_layers=3&lang=en")
    student.open()
    try:
        student.change("exports", True)  # the downloads panel, drawn only while open
        cookies, media = dict(student.cookies), student.last.media[0]
        for _ in range(6):
            status, _ = http_get("127.0.0.1", served.port, media, cookies, timeout=10)
            assert status == 200
        direct = sorted(get_status(p, media) for p in ports)
    finally:
        student.close()
    assert re.fullmatch(r"[0-9a-f]{32}", cookies["rnn_route"])
    assert "_streamlit_xsrf" in cookies
    assert direct == [200, 404]  # the download lives only in the student's own process
    assert server_memory(served)["rss_mb_total"] > 100


def test_supervisor_config_runs_every_backend_and_nginx_after_them(tmp_path):
    env = {"STREAMLIT_SERVER_COOKIE_SECRET": "abc%def", "EXPLAINER_TORCH_THREADS": "1"}
    conf = serve.render_supervisor(tmp_path, [8601, 8602], env, ["nginx", "-g", "daemon off;"])
    assert "@@" not in conf
    assert "[program:backend-8601]" in conf and "[program:backend-8602]" in conf
    assert "--server.port 8602" in conf and 'STREAMLIT_SERVER_COOKIE_SECRET="abc%%def"' in conf
    nginx = conf[conf.index("[program:nginx]") :]
    assert "autostart = false" in nginx and "command = nginx -g 'daemon off;'" in nginx
    import configparser  # supervisord reads it as INI: it must parse, with its %-escapes

    parser = configparser.ConfigParser()
    parser.read_string(conf)
    assert parser["program:backend-8601"]["autorestart"] == "true"


RESTART_POLLS = 240  # half a second apart


# Last in this file: it kills a process of the shared stack, whose nginx may then count that
# process's failures for a while (max_fails, fail_timeout) and send its students elsewhere, which
# the stickiness test above must not meet. pytest runs a file's tests in order (tests/conftest.py
# keeps it; make test keeps this file on one worker).
@NO_NGINX
def test_supervisord_restarts_a_backend_that_died(stack):
    import signal as sig

    served = stack
    assert (served.run_dir / "supervisord.conf").stat().st_mode & 0o777 == 0o600
    port, other = served.backend_ports
    before = served.processes()
    first, other_pid = before[f"backend-{port}"]["pid"], before[f"backend-{other}"]["pid"]
    assert sorted(served.backend_pids()) == sorted([first, other_pid]) and first != other_pid
    os.kill(first, sig.SIGKILL)
    # poll until the new process answers (torch imports again): a bound on polls, no clock read
    for _ in range(RESTART_POLLS):
        info = served.processes()[f"backend-{port}"]
        # supervisord says RUNNING once the process has lived startsecs, maybe after health answers
        if info["pid"] and info["pid"] != first and serve.health(port) and info["statename"] == "RUNNING":
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"supervisord did not bring the backend back: {served.processes()}")
    after = served.processes()
    assert after[f"backend-{port}"]["statename"] == "RUNNING"
    assert after[f"backend-{other}"]["pid"] == other_pid  # only the one that died was started again
    assert get_status(served.port, "/_stcore/health") == 200  # through nginx again
