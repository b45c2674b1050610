"""Guards around every exercise answer: it must leave its arguments and the caller's state alone.

A function that changes what the caller gave it (appends to the caller's list, writes a key into
the config dict, divides the logits tensor in place, drops a column of the DataFrame) can return
the right value and still break the caller's next step, so the checker reports it whatever the
exercise's own check looks at. ``guard_arguments(func)`` returns a callable that runs ``func``
unchanged and afterwards compares each plain-data argument with a copy taken before the call.

The same holds for shared state: the upper-case dict and list constants of ``llmscratch``
(``shared_constants``, ``restore_constants``) and PyTorch's global defaults, the dtype, the
device, the grad mode, the float32 matmul precision, the deterministic-algorithms switch and
autograd's anomaly mode (``torch_settings``, ``restore_torch_settings``). The checker puts them
back after every check and fails the answer that changed them. The random generators are
handled apart (``seeded_generators``): every check starts from the same seed, so the same answer
always gets the same verdict and the same hint, and the caller's generators are put back after.

Plain data: tensors (not ``nn.Parameter``s, not on the ``meta`` device), lists, tuples, dicts and
sets of plain data, pandas ``DataFrame`` and ``Series``. Modules, optimizers, loaders, tokenizers
and paths are not compared: an answer is often asked to train or change a model.

Example: after ``answer = guard_arguments(f)`` with ``def f(ids): ids.append(0); return ids``,
``answer([1, 2])`` returns ``[1, 2, 0]`` and ``answer.change`` reads "f changed its argument
`ids` in place: it had 2 items, now 3. ...".
"""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import random
import sys
from typing import Any, Callable

from llmscratch.checking_tools import CheckFailure

_SKIP = object()  # an argument the guard does not compare
_ATOMS = (int, float, complex, str, bytes, bool, type(None))


def _plain(value, depth: int = 0) -> bool:
    """Whether ``value`` is plain data the guard can copy and compare cheaply."""
    import torch

    if depth > 6:
        return False
    if isinstance(value, _ATOMS):
        return True
    if isinstance(value, torch.Tensor):
        return (not isinstance(value, torch.nn.Parameter) and value.layout == torch.strided
                and value.device.type != "meta")
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) <= 100_000 and all(_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return len(value) <= 100_000 and all(
            _plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items())
    return _is_pandas(value)


def _is_pandas(value) -> bool:
    return type(value).__module__.split(".")[0] == "pandas" and type(value).__name__ in (
        "DataFrame", "Series")


def _snapshot(value):
    import torch

    with torch._C.DisableTorchFunctionSubclass():  # a check's spy tensor must not see this
        if isinstance(value, _ATOMS) or not _plain(value):
            return _SKIP
        if _is_pandas(value):
            return value.copy(deep=True)
        return copy.deepcopy(value) if not isinstance(value, torch.Tensor) else \
            value.detach().clone()


def _difference(before, after) -> str | None:
    """How ``after`` differs from the copy ``before``, in words; None when it does not."""
    import torch

    if type(before) is not type(after) and not isinstance(after, type(before)):
        return f"it was a {type(before).__name__}, now a {type(after).__name__}"
    if isinstance(before, torch.Tensor):
        with torch._C.DisableTorchFunctionSubclass():
            if after.shape != before.shape or after.dtype != before.dtype:
                return (f"its shape/dtype was {tuple(before.shape)}/{before.dtype}, now "
                        f"{tuple(after.shape)}/{after.dtype}")
            same = (after.detach() == before) | (after.detach().isnan() & before.isnan()) \
                if before.is_floating_point() else after.detach() == before
            changed = int((~same).sum())
            return f"{changed} of its {before.numel()} values changed" if changed else None
    if _is_pandas(before):
        return None if before.equals(after) else "its contents changed"
    if isinstance(before, (list, tuple)):
        if len(before) != len(after):
            return f"it had {len(before)} items, now {len(after)}"
        for i, (b, a) in enumerate(zip(before, after)):
            inner = _difference(b, a)
            if inner:
                return f"item {i}: {inner}"
        return None
    if isinstance(before, dict):
        if set(before) != set(after):
            added, gone = sorted(map(repr, set(after) - set(before))), sorted(
                map(repr, set(before) - set(after)))
            return ", ".join(filter(None, [added and f"keys added: {', '.join(added)}",
                                           gone and f"keys removed: {', '.join(gone)}"]))
        for key in before:
            inner = _difference(before[key], after[key])
            if inner:
                return f"key {key!r}: {inner}"
        return None
    if isinstance(before, (set, frozenset)):
        return None if before == after else f"it had {len(before)} items, now {len(after)}"
    if isinstance(before, float) and before != before and after != after:
        return None  # NaN never equals itself, yet it was left as it was
    return None if before == after else f"it was {before!r}, now {after!r}"


class GuardedAnswer:
    """``func`` with its arguments compared after every call (see ``guard_arguments``).

    The first change seen is kept in ``change`` (a sentence for the learner) rather than raised,
    so that the exercise's own check still runs and speaks first where it knows more;
    ``llmscratch.checking.run_check`` reports the change when the check has not.
    """

    def __init__(self, func: Callable, label: str | None = None):
        functools.update_wrapper(self, func)  # name, docstring, __wrapped__ for inspect
        self.change: str | None = None
        self.label = label or func.__name__  # how the message names the callable

    @property
    def __globals__(self) -> dict:  # checks that replace a name in the answer's module
        return self.__wrapped__.__globals__

    def __call__(self, *args, **kwargs) -> Any:
        func = self.__wrapped__
        try:
            bound = inspect.signature(func).bind(*args, **kwargs)
        except (TypeError, ValueError):
            try:
                return func(*args, **kwargs)  # the call itself is wrong: let Python say so
            except TypeError as err:  # raised here, not in the answer: say whose def refused
                err.refused_by = func
                raise
        before = {name: _snapshot(v) for name, v in bound.arguments.items() if name != "self"}
        # which objects a list argument held: an entry replaced (items[i] = new) reads
        # differently from an entry changed in place (items[i].append(...))
        held = {name: [id(item) for item in v] for name, v in bound.arguments.items()
                if isinstance(v, list) and before.get(name) is not _SKIP}
        out = func(*args, **kwargs)
        for name, snap in before.items():
            if snap is _SKIP:
                continue
            try:
                what = _difference(snap, bound.arguments[name])
            except Exception:  # noqa: BLE001 (an odd object the guard cannot compare: no verdict)
                what = None
            replaced = _replaced_entries(held.get(name), bound.arguments[name]) if what else []
            if replaced and self.change is None:
                self.change = (
                    f"{self.label} changed its argument `{name}` in place: "
                    f"{len(replaced)} {'entry' if len(replaced) == 1 else 'entries'} of the "
                    "caller's list "
                    f"({', '.join(map(str, replaced[:5]))}) now hold other objects ({name}[i] = "
                    "... puts your new value into the caller's list, even where the item itself "
                    f"was copied). The caller still needs `{name}` as it was: collect the new "
                    "values in a list of your own")
            if what and self.change is None:
                self.change = (
                    f"{self.label} changed its argument `{name}` in place: {what}. The "
                    f"caller still needs `{name}` as it was: work on a copy (list(...), "
                    "dict(...), tensor ops that return a new tensor such as x = x / t "
                    "instead of x /= t)")
        return out


def _replaced_entries(ids: list[int] | None, after) -> list[int]:
    """The positions of a list argument that hold another object than before the call (only
    where its length is unchanged); [] when nothing was recorded."""
    if ids is None or not isinstance(after, list) or len(after) != len(ids):
        return []
    return [i for i, (was, item) in enumerate(zip(ids, after)) if id(item) != was]


def shared_constants() -> list[tuple[str, str, Any, Any]]:
    """``(module, name, value, copy)`` for every upper-case dict or list constant of the loaded
    ``llmscratch`` modules (``GPT_CONFIG_124M``, ``GPT2_CONFIGS``, ...): an answer must not
    change them, since every later use of the package in the same session would see it."""
    import sys

    found = []
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("llmscratch.") or module is None:
            continue
        for name, value in list(vars(module).items()):
            if name.isupper() and isinstance(value, (dict, list)) and _plain(value):
                found.append((module_name, name, value, copy.deepcopy(value)))
    return found


def restore_in_place(live, saved) -> None:
    """Make the dict or list ``live`` equal to its copy ``saved`` again, in place, keeping the
    identity of the inner dicts still present (other code may hold them, e.g. one entry of
    ``GPT2_CONFIGS``)."""
    if isinstance(live, list):
        live[:] = saved
        return
    for key in list(live):
        if key not in saved:
            del live[key]
    for key, value in saved.items():
        if isinstance(value, dict) and isinstance(live.get(key), dict):
            restore_in_place(live[key], value)
        else:
            live[key] = value


def restore_constants(constants) -> str | None:
    """Put back any constant of ``shared_constants()`` that changed; say which, or None."""
    said = None
    for module_name, name, value, saved in constants:
        try:
            what = _difference(saved, value)
        except Exception:  # noqa: BLE001 (cannot compare: no verdict)
            what = None
        if what:
            restore_in_place(value, saved)
            said = said or (
                f"your answer changed llmscratch's {name} ({module_name}) in place: {what} "
                f"(put back by the checker). Every later use of {name} would see the change: "
                f"copy it first, e.g. cfg = dict({name}) or {{**{name}, ...}}")
    return said


CHECK_SEED = 123  # the seed every check starts from (Python's, NumPy's and PyTorch's CPU generator)


@contextlib.contextmanager
def seeded_generators(seed: int = CHECK_SEED):
    """Seed Python's, NumPy's (when imported) and PyTorch's CPU random generators with ``seed``
    for the duration of the block, then put back the states they had before it.

    A check draws its test inputs and weights from these generators; starting them from a fixed
    seed means a learner who runs the same answer twice reads the same verdict and hint. Only the
    CPU generator is seeded: ``torch.manual_seed`` would also reseed the CUDA and MPS generators,
    whose states this block could not put back, and the checks draw nothing on them."""
    import torch

    numpy = sys.modules.get("numpy")
    python_state = random.getstate()
    numpy_state = numpy.random.get_state() if numpy is not None else None
    with torch.random.fork_rng(devices=[]):
        random.seed(seed)
        if numpy is not None:
            numpy.random.seed(seed)
        torch.random.default_generator.manual_seed(seed)
        try:
            yield
        finally:
            random.setstate(python_state)
            if numpy_state is not None:
                numpy.random.set_state(numpy_state)


def torch_settings() -> tuple:
    """PyTorch's global defaults an answer must leave alone: dtype, device, grad mode, the
    float32 matmul precision, the deterministic-algorithms switch (with its warn-only flag)
    and autograd's anomaly mode (with its NaN check)."""
    import torch

    return (torch.get_default_dtype(), _device_context(), torch.is_grad_enabled(),
            _matmul_precision(), (torch.are_deterministic_algorithms_enabled(),
                                  torch.is_deterministic_algorithms_warn_only_enabled()),
            (torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()))


def _matmul_precision() -> tuple:
    """The float32 matmul precision as PyTorch keeps it: the setting of
    ``torch.set_float32_matmul_precision`` ("mixed" when its getter refuses, after the newer
    API was used beside it), then the newer ``fp32_precision`` of CUDA's matmul and of all
    backends (None where this PyTorch lacks them)."""
    import torch

    try:
        legacy = torch.get_float32_matmul_precision()
    except RuntimeError:
        legacy = "mixed"
    return (legacy, getattr(torch.backends.cuda.matmul, "fp32_precision", None),
            getattr(torch.backends, "fp32_precision", None))


def _put_matmul_precision(saved: tuple) -> None:
    """Put back what ``_matmul_precision()`` returned: the older setting first (which also
    writes CUDA's matmul one), then the newer ones over it."""
    import torch

    legacy, cuda_matmul, every_backend = saved
    if legacy != "mixed":
        torch.set_float32_matmul_precision(legacy)
    if every_backend is not None:
        torch.backends.fp32_precision = every_backend
    if cuda_matmul is not None:
        torch.backends.cuda.matmul.fp32_precision = cuda_matmul


def _device_context():
    """The device ``torch.set_default_device`` set, or None when none is set. Setting "cpu" is
    a change too: ``get_default_device()`` still says cpu, but every later torch call then goes
    through the device mode (an extra frame in every traceback)."""
    import torch

    context = getattr(getattr(torch, "_GLOBAL_DEVICE_CONTEXT", None), "device_context", None)
    return None if context is None else context.device


def restore_torch_settings(saved: tuple) -> str | None:
    """Put back what ``torch_settings()`` returned; say what the answer had changed, or None.

    An answer that calls ``torch.set_default_dtype(torch.float64)`` may pass its own check and
    break every check that runs after it in the same process, so the change is undone here."""
    import torch

    dtype, context, grad, matmul, deterministic, anomaly = saved
    changed = []
    if torch.get_default_dtype() != dtype:
        changed.append(f"the default dtype to {torch.get_default_dtype()} "
                       "(torch.set_default_dtype)")
        torch.set_default_dtype(dtype)
    # the default device lives only in the device context; it is read from there, not through
    # torch.get_default_device(), which makes a tensor and so raises when an answer set "cuda"
    # on a machine without CUDA
    now = _device_context()
    if now != context:
        changed.append(f"the default device to {'cpu' if now is None else now} "
                       "(torch.set_default_device)")
        torch.set_default_device(context)  # None: no default device, as before the answer
    if torch.is_grad_enabled() != grad:
        changed.append("the grad mode (torch.set_grad_enabled or "
                       "torch.autograd.set_grad_enabled)")
        torch.set_grad_enabled(grad)
    now = _matmul_precision()
    if now != matmul:
        said = repr(now[0]) if now[0] not in ("mixed", matmul[0]) else \
            f"fp32_precision {now[1] if now[1] != matmul[1] else now[2]!r}"
        changed.append(f"the float32 matmul precision to {said} "
                       "(torch.set_float32_matmul_precision, torch.backends.cuda.matmul."
                       "allow_tf32 or fp32_precision: on a GPU every later float32 product "
                       "rounds its inputs)")
        _put_matmul_precision(matmul)
    now = (torch.are_deterministic_algorithms_enabled(),
           torch.is_deterministic_algorithms_warn_only_enabled())
    if now != deterministic:
        changed.append(
            "the deterministic-algorithms switch to "
            f"{'on' if now[0] else 'off'}{' (warn only)' if now[0] and now[1] else ''} "
            "(torch.use_deterministic_algorithms: while it is on, every later operation "
            "without a deterministic kernel raises or warns, and some run slower)")
        torch.use_deterministic_algorithms(deterministic[0], warn_only=deterministic[1])
    now = (torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
    if now != anomaly:
        changed.append(
            f"autograd's anomaly mode to {'on' if now[0] else 'off'}"
            f"{'' if now[1] == anomaly[1] else ', check_nan=' + str(now[1])} "
            "(torch.autograd.set_detect_anomaly: while it is on, every later backward "
            "records a traceback per operation and runs several times slower, and a NaN "
            "anywhere in a later backward raises)")
        torch.autograd.set_detect_anomaly(anomaly[0], check_nan=anomaly[1])
    if not changed:
        return None
    return ("your code changed PyTorch's global settings for the caller: " + "; ".join(changed)
            + ". Leave them alone: pass dtype= or device= where you make a tensor, and use a "
            "`with torch.no_grad():` block, which restores the grad mode")


def report_change(change: str | None, failure: CheckFailure | None) -> CheckFailure | None:
    """The failure to report after a check ran, given the ``change`` the guard saw (the
    answer's ``change``, or a shared constant's): the check's own ``failure`` when it already
    speaks of a change in place or nothing changed; otherwise one that leads with the change
    (and keeps the check's words after it)."""
    if change is None or (failure is not None and "in place" in str(failure)):
        return failure
    if failure is None:
        return CheckFailure(change)
    # the later failure may only be a consequence of the change (a sort in place reorders
    # what the check reads next), so it is not presented as a second, separate mistake
    merged = CheckFailure(f"{change}. Fix that first: the check also found the following, "
                          f"which may only follow from it: {failure}")
    merged.margin = failure.margin
    return merged


def guard_arguments(entry):
    """``entry`` guarded: a plain function wrapped in a ``GuardedAnswer``; a class whose own
    ``__init__`` is written in Python gets that ``__init__`` guarded in place (the class stays
    the same object, so ``isinstance`` and subclassing work as before), so that a constructor
    that changes the config dict or the vocabulary it was given is reported too. Other objects
    are returned as they are. ``argument_change(answer)`` reads what the guard saw."""
    if inspect.isfunction(entry):
        return GuardedAnswer(entry)
    init = vars(entry).get("__init__") if inspect.isclass(entry) else None
    if inspect.isfunction(init):
        guard = GuardedAnswer(init, label=f"{entry.__name__}(...)")

        def __init__(self, *args, **kwargs):
            guard(self, *args, **kwargs)

        functools.update_wrapper(__init__, init)  # the signature a check reads stays the same
        entry.__init__ = __init__
        entry._llmscratch_constructor_guard = guard
    return entry


def argument_change(answer) -> str | None:
    """What the guard around ``answer`` (see ``guard_arguments``) saw changed, or None."""
    if isinstance(answer, GuardedAnswer):
        return answer.change
    guard = vars(answer).get("_llmscratch_constructor_guard") if inspect.isclass(answer) else None
    return guard.change if isinstance(guard, GuardedAnswer) else None
