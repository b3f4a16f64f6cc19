"""How much one run may do: the bounds on a snippet's work, counted, never timed."""

from __future__ import annotations

MAX_SOURCE = 20_000  # characters
# executed, loops and calls included; the counted work (WORK_LIMIT_S / STATEMENT_S) binds first,
# this only backs it: 200,000 of the cheapest statements measure 1.2-3.4 s of CPU
MAX_STATEMENTS = 200_000
MAX_ITERATIONS = 1_000  # per loop
MAX_CALL_DEPTH = 30
MAX_REAL_ELEMENTS = 2_000_000  # real (non-meta) numbers: torch.tensor data and error re-runs
MAX_TWIN_PARAMETERS = 2_000_000  # a module rebuilt on the CPU to reproduce an error message
# The checking budget is counted, never timed, so a verdict is the same on an idle and a busy
# machine: each statement, call and module built adds its estimated seconds (measured on a 2-core
# machine with one torch thread: a statement ~8 us, a torch function or tensor method on meta
# 50-150 us, building a Linear ~0.8 ms, a recurrent step META_PER_STEP); the wall clock is only
# the worker's generous backstop (explainer.debugger.isolate). Two seconds: a whole project script
# (064, numpy rows through a Dataset over 20 epochs) counts 1.55 and measures ~1.1 s of CPU; the
# worker's CPU limit (5 s) stays well above what the count allows.
WORK_LIMIT_S = 2.0
STATEMENT_S = 1e-5
CALL_S = 2e-4
# A call that stays in Python (a builtin, random.choice, a list's append, the snippet's own function,
# whose statements count on their own) on no tensor: 3-8 us measured, where a torch call costs
# 50-250 us. Charged CALL_S, a loop building 60 random names (8,000 calls) would be refused after
# 0.2 s of real work; a tensor operator (x + y, x[i]) is charged CALL_S as a torch call is.
PY_CALL_S = 5e-6
BUILD_S = 1e-3
META_CALL_S = 0.25  # one recurrent layer's call on meta; a long sequence is checked over a prefix
MAX_WEIGHT = 1_000_000  # list/tuple/str elements built by the snippet, shared ones counted each time
# a walk of the snippet's data before Python compares, hashes, copies or prints it (check_weight):
# each item the walk visits, and each element (shared ones each time) that Python's C then walks
WALK_S = 2e-7
ELEMENT_S = 5e-8
# elements (shared ones each time) of a dict key Python may hash, ~5 ns each here: a KeyError whose
# key is a tuple doubled 22 times (17M, 0.08 s of C) is still Python's verdict; 30 times (10^9) is not
MAX_HASHED = 20_000_000
HASH_S = 1e-8
MAX_TEXT = 1_000_000  # characters of a string built by str(), an f-string or % formatting
MAX_SHOWN = 10_000  # characters of an exception's arguments shown as Python would print them


MAX_PIECES = 10_000  # tensors joined by one torch.cat / torch.stack, or summed by one sum()
MAX_REAL_RESULT = 100_000  # elements of a tensor computed for real (integer data such as lengths)
MAX_STEPS = 2_000  # tensor bindings recorded for the line-by-line table
MAX_LAYERS = 64
MAX_GRAPH = 256  # module calls followed per tensor in autograd's graph; past it, that tensor's is not


MAX_CHILDREN = 1_000  # modules held by one nn.Sequential / nn.ModuleList


MAX_KEY_ITEMS = 1_000
