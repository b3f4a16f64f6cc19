"""torch's pure computation, taken from torch's own namespaces, and what is denied there.

The debugger (``interp``) models torch generically instead of by hand lists: every public
function of ``torch``, ``torch.nn.functional``, ``torch.nn.init``, ``torch.linalg``, ``torch.fft``
and ``torch.special``, every public ``Tensor`` method, every ``torch.nn`` layer class and every
dtype, as torch itself lists them. Their arguments may only be torch's own values (tensors,
numbers, strings, dtypes: ``values._plain``), so no code of the snippet can run inside one, and
they run on the ``meta`` device (``with torch.device("meta")``: a factory allocates nothing).

What a function can reach besides computing is denied here, by name and by rule, each with the
reason a learner is shown: files, processes, code, threads, the network, process-wide settings,
raw memory. The list is short on purpose: it is what makes the rest safe, and tests/
test_debugger_torchlib.py checks every entry is refused and never runs.
"""

from __future__ import annotations

import inspect
import types
from typing import Any

import torch
from torch import nn

# name -> what it reaches; a denied name is refused with this reason, before anything runs
DENIED: dict[str, str] = {
    # files
    "save": "files",
    "load": "files",
    "from_file": "files",
    "get_file_path": "files",
    "hub": "files and the network",
    "storage": "raw memory",
    "untyped_storage": "raw memory",
    "data_ptr": "raw memory",
    "frombuffer": "raw memory",
    "from_dlpack": "raw memory",
    "to_dlpack": "raw memory",
    "as_strided": "raw memory",
    "as_strided_": "raw memory",
    "as_strided_scatter": "raw memory",
    "as_strided_copy": "raw memory",
    "set_": "raw memory",
    "resize_": "raw memory",
    "resize_as_": "raw memory",
    "resize_as_sparse_": "raw memory",
    "share_memory_": "shared memory",
    "pin_memory": "raw memory",
    "record_stream": "devices",
    # code
    "jit": "code",
    "compile": "code",
    "library": "code",
    "ops": "code",
    "classes": "code",
    "package": "code and files",
    "cpp_extension": "code and files",
    "fx": "code",
    "export": "code",
    "onnx": "code and files",
    "func": "code (functions of functions)",
    "vmap": "code (functions of functions)",
    "cond": "code (functions of functions)",
    "while_loop": "code (functions of functions)",
    "apply_": "code (a Python function per element)",
    "map_": "code (a Python function per element)",
    "map2_": "code (a Python function per element)",
    "register_hook": "code (hooks that run later)",
    "register_post_accumulate_grad_hook": "code (hooks that run later)",
    "import_ir_module": "code",
    "import_ir_module_from_buffer": "code",
    "parse_ir": "code",
    "parse_schema": "code",
    "parse_type_comment": "code",
    "merge_type_from_type_comment": "code",
    "unify_type_list": "code",
    "module_load": "code",
    # processes and threads
    "distributed": "processes and the network",
    "multiprocessing": "processes",
    "fork": "threads",
    "wait": "threads",
    "prepare_multiprocessing_environment": "processes",
    "init_num_threads": "threads",
    "profiler": "threads and files",
    # process-wide settings (every session is a thread of one process)
    "seed": "the process's random state",
    "initial_seed": "the process's random state",
    "get_rng_state": "the process's random state",
    "set_rng_state": "the process's random state",
    "thread_safe_generator": "the process's random state",
    "use_deterministic_algorithms": "process-wide settings",
    "clear_autocast_cache": "process-wide settings",
    "autocast_increment_nesting": "process-wide settings",
    "autocast_decrement_nesting": "process-wide settings",
    "backends": "process-wide settings",
    "DataParallel": "threads and devices",
    "SyncBatchNorm": "processes",
}
# by rule: whole families that reach process-wide state, devices or the compiler
DENIED_PREFIXES: dict[str, str] = {
    "set_": "process-wide settings",
    "sym_": "code (the compiler's symbols)",
    "cudnn_": "devices",
    "miopen_": "devices",
    "mkldnn_": "devices",
    "fbgemm_": "devices",
    "is_autocast": "process-wide settings",
    "get_autocast": "process-wide settings",
}
# where a Python function torch exposes may be defined: torch's own computing modules only
_HOME = (
    "torch",
    "torch.functional",
    "torch.nn.functional",
    "torch.nn.init",
    "torch._C",
    "torch._linalg_utils",
)


def denied(name: str) -> str | None:
    """What ``name`` would reach (files, code, ...) if it is denied, else None."""
    if name in DENIED:
        return DENIED[name]
    for prefix, why in DENIED_PREFIXES.items():
        if name.startswith(prefix):
            return why
    return None


def _computes(fn: Any) -> bool:
    """A function of torch's own, defined in torch's computing modules (not a class, a module or
    a helper torch re-exports from elsewhere, such as ``typing.Callable``)."""
    if inspect.isclass(fn) or isinstance(fn, types.ModuleType) or not callable(fn):
        return False
    home = getattr(fn, "__module__", None) or ""
    return home in _HOME or home.startswith(("torch._C", "torch.linalg", "torch.fft", "torch.special"))


def functions(namespace: types.ModuleType) -> dict[str, Any]:
    """Every public function of a torch namespace that only computes, by torch's own listing."""
    found = {}
    for name in dir(namespace):
        if name.startswith("_") or denied(name):
            continue
        fn = getattr(namespace, name, None)
        if _computes(fn):
            found[name] = fn
    return found


# torch's namespaces of pure functions, by import name
FUNCTION_NAMESPACES = {
    "torch": torch,
    "torch.nn.functional": torch.nn.functional,
    "torch.nn.init": torch.nn.init,
    "torch.linalg": torch.linalg,
    "torch.fft": torch.fft,
    "torch.special": torch.special,
}

# every dtype torch names (torch.uint8, torch.bfloat16, torch.long, ...)
DTYPES: dict[str, torch.dtype] = {
    name: getattr(torch, name) for name in dir(torch) if isinstance(getattr(torch, name, None), torch.dtype)
}


def module_classes() -> dict[str, type]:
    """Every layer class of ``torch.nn`` (a subclass of nn.Module), less the denied ones and
    ``nn.Module`` itself (the base of the snippet's own classes)."""
    found = {}
    for name in dir(nn):
        cls = getattr(nn, name, None)
        if (
            inspect.isclass(cls)
            and issubclass(cls, nn.Module)
            and cls is not nn.Module
            and not name.startswith("_")
            and not denied(name)
        ):
            found[name] = cls
    return found


MODULE_CLASSES = module_classes()
_MODULE_TYPES = tuple(MODULE_CLASSES.values())

# Tensor methods with a handler of their own in interp (they need numbers, gradients, devices or
# dtype names): never run generically
SPECIAL_METHODS = {"item", "tolist", "backward", "type", "to", "cpu", "cuda"}
# methods that return something other than tensors a verdict can use, or reveal the checker
_NOT_METHODS = {"numpy", "is_meta", "get_device", "is_pinned", "is_shared", "storage_type", "storage_offset"}


def tensor_method(name: str) -> bool:
    """A public method of ``torch.Tensor`` that only computes (or one with a special handler)."""
    if name.startswith("_") or denied(name) or name in _NOT_METHODS:
        return False
    if name in SPECIAL_METHODS:
        return True
    member = inspect.getattr_static(torch.Tensor, name, None)
    return (
        member is not None
        and callable(getattr(torch.Tensor, name, None))
        and not isinstance(member, property)
    )


# Tensor attributes that are values (not methods): read as torch gives them
TENSOR_ATTRS = {
    "shape",
    "dtype",
    "ndim",
    "device",
    "T",
    "mT",
    "H",
    "mH",
    "requires_grad",
    "is_leaf",
    "is_cuda",
    "layout",
    "itemsize",
    "nbytes",
    "real",
    "imag",
    "grad",
}


def is_module_class(value: Any) -> bool:
    return inspect.isclass(value) and value in _MODULE_TYPES


# a module's attributes a snippet may read: its parameters, buffers and children by name, and its
# constructor's settings (numbers, flags, strings, tuples of them); never a method or a hook
_SETTING = (int, float, bool, str, type(None), torch.dtype)


def module_attribute(module: nn.Module, name: str) -> tuple[bool, Any]:
    """(found, value) of a module's parameter, buffer, child or setting named ``name``."""
    if name.startswith("_") or denied(name):
        return False, None
    for table in ("_parameters", "_buffers", "_modules"):
        members = module.__dict__.get(table, {})
        if name in members:
            return True, members[name]
    value = module.__dict__.get(name, inspect.getattr_static(type(module), name, None))
    if name in module.__dict__ and (
        isinstance(value, _SETTING)
        or (isinstance(value, tuple) and all(isinstance(v, _SETTING) for v in value))
    ):
        return True, value
    return False, None


# --- integers whose values the meta device does not have, but whose range is known -----------
# torch.sort's indices along a dimension of size n are a permutation of 0..n-1 (each one appears);
# argmax's, topk's, max(dim)'s lie in 0..n-1. A range is (lo, hi, hi_appears): enough to tell
# whether indexing with them fails, and with which message, without knowing their order.
Range = tuple[int, int, bool]
# the result holds every index of the dimension, in some order
PERMUTING = {"sort", "argsort"}
# the result's indices lie in the dimension (some of them)
PICKING = {
    "topk",
    "max",
    "min",
    "kthvalue",
    "mode",
    "median",
    "nanmedian",
    "cummax",
    "cummin",
    "argmax",
    "argmin",
}
# methods and functions that keep every value of their input (and add none)
KEEPS_VALUES = {
    "view",
    "reshape",
    "permute",
    "transpose",
    "t",
    "contiguous",
    "clone",
    "detach",
    "long",
    "int",
    "flatten",
    "squeeze",
    "unsqueeze",
    "view_as",
    "reshape_as",
    "movedim",
    "swapaxes",
    "flip",
    "roll",
    "ravel",
}
# functions whose index arguments torch checks against sizes on real data only
INDEXING = {
    "index_select",
    "gather",
    "take",
    "take_along_dim",
    "scatter",
    "scatter_",
    "scatter_add",
    "scatter_add_",
    "scatter_reduce",
    "scatter_reduce_",
    "index_add",
    "index_add_",
    "index_copy",
    "index_copy_",
    "index_fill",
    "index_fill_",
    "index_reduce",
    "index_reduce_",
    "put",
    "put_",
    "embedding",
}


def index_ranges(name: str, source: Any, args: tuple, kwargs: dict, result: Any) -> list[tuple[Any, Range]]:
    """(tensor, range) for the integer tensors of ``result`` that ``name`` (sort, argmax, ...)
    computed from ``source``: indices into one of its dimensions."""
    if not isinstance(source, torch.Tensor) or name not in PERMUTING | PICKING:
        return []
    dim = kwargs.get(
        "dim", args[0] if args and isinstance(args[0], int) and not isinstance(args[0], bool) else None
    )
    if name in ("sort", "argsort") and dim is None:
        dim = -1
    if name in ("topk", "kthvalue"):
        dim = kwargs.get("dim", args[1] if len(args) > 1 else -1)
    if dim is None:
        if name not in ("argmax", "argmin"):
            return []  # max(x): a value, no indices
        n = source.numel()
    else:
        if not isinstance(dim, int) or isinstance(dim, bool) or source.dim() == 0:
            return []
        try:
            n = source.shape[dim]
        except IndexError:
            return []
    if n == 0:
        return []
    indices = result if isinstance(result, torch.Tensor) else getattr(result, "indices", None)
    if not isinstance(indices, torch.Tensor) or indices.dtype != torch.int64 or indices.numel() == 0:
        return []
    return [(indices, (0, n - 1, name in PERMUTING))]
