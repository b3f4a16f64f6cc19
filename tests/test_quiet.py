"""Warnings blocks of two sessions (threads of one process) do not undo each other (explainer/quiet.py).

Before, a block that silenced the dropout warning while another thread recorded torch's words for
the page could end in the middle of the recording: its exit put back the filters and the warning
hook it had found, the recorder's included, and the warning torch gave went to stderr instead.
"""

import threading
import warnings

import torch

from explainer import quiet, run
from explainer.config import RNNConfig

# torch warns when this is built: dropout with one layer
WARNS = RNNConfig(mode="LSTM", input_size=3, hidden_size=4, num_layers=1, dropout=0.5)


def test_a_block_ending_in_another_thread_does_not_lose_torchs_warning(monkeypatch):
    expected = run.constructor_warnings(WARNS)
    assert expected and "dropout" in expected[0]  # torch's own words, read with no other thread about
    inside, go = threading.Event(), threading.Event()
    built = torch.nn.LSTM.__init__

    def paused(self, *args, **kwargs):  # the recording thread stops inside its block, before torch warns
        inside.set()
        assert go.wait(60)
        built(self, *args, **kwargs)

    monkeypatch.setattr(torch.nn.LSTM, "__init__", paused)
    filters = list(warnings.filters)
    got = []
    recorder = threading.Thread(target=lambda: got.append(run.constructor_warnings(WARNS)))
    with quiet.ignored(UserWarning):  # another session's block, open first and closed first
        recorder.start()
        # with the lock the recorder cannot enter its block while this one is open: this wait runs out
        # (without it, the recorder is inside at once, and this block's end would drop its recorder)
        inside.wait(2)
    go.set()
    recorder.join(60)
    assert got == [expected]
    assert warnings.filters == filters  # no block left a filter of its own behind


def test_blocks_nest_in_one_thread():
    """A block may call code with a block of its own (the lock is re-entrant)."""
    with quiet.ignored(UserWarning), quiet.recorded() as caught:
        warnings.warn("inner", RuntimeWarning, stacklevel=1)
        with quiet.ignored():
            warnings.warn("silenced", RuntimeWarning, stacklevel=1)
    assert [str(w.message) for w in caught] == ["inner"]


def test_a_record_keeps_only_its_own_threads_warnings():
    """Another session's warning given during a recording (a PNG render's note, outside any block)
    goes to the hook from before the block, not into this thread's record (nor its page's cache)."""
    inside, given = threading.Event(), threading.Event()
    got = []
    passed_on = []

    def record():
        with quiet.recorded() as caught:
            inside.set()
            assert given.wait(60)
            warnings.warn("mine", UserWarning, stacklevel=1)
        got.append([str(w.message) for w in caught])

    def foreign():
        assert inside.wait(60)
        warnings.warn("another session's", UserWarning, stacklevel=1)
        given.set()

    with warnings.catch_warnings():
        warnings.showwarning = lambda message, *rest: passed_on.append(str(message))
        threads = [threading.Thread(target=record), threading.Thread(target=foreign)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert got == [["mine"]] and passed_on == ["another session's"]
