"""The building blocks of exercise checks: comparisons, evidence-based hints, several cases.

Split off ``llmscratch.checking`` (which loads, times and reports the checks) so that each module
stays short; import everything from ``llmscratch.checking``, which re-exports these names:

- ``CheckFailure``: the answer is wrong; its message says what, how far off, and why.
- ``assert_close(actual, expected, what, atol, rtol, hint, dtype=False)``: fails on NaN/inf, on a
  shape (or, with ``dtype=True``, dtype) mismatch, and on values outside the tolerance; the raised
  failure carries ``margin`` = largest difference / allowed difference (``inf`` for NaN, shape or
  dtype), so the test suite can prove that a mutant sits far outside the tolerance; without a
  hint it adds ``describe_difference``'s sentence (a factor, a sign, swapped dims, a shift).
- ``likely_cause(actual, mistakes)``: which known mistake, replayed on the reference, reproduces
  the learner's output; the check then names that cause instead of guessing.
- ``check_cases(cases)``: run several configurations; "partly done" when some still raise
  ``NotImplementedError`` while others pass.
- ``call_answer(impl, args, what, hints)``: call the learner's code; a crash becomes a failure
  that names the input, the learner's own line, and a hint chosen from the error (the check's
  own hints first, else ``explain_error``'s reading of PyTorch's message).
- ``one_thread(check)``: run a check with one torch thread.
- ``same_under_two_seeds(run)``: whether a result ignores the random state its caller set (an
  answer that calls ``torch.manual_seed`` itself).
- ``fresh_copy(impl)``: the answer from a freshly loaded copy of its file, to tell state kept
  between calls from a plain mistake; ``state_probed(impl, cases)`` wraps a check's cases so
  that a failure that fresh copies (a new one for every call) avoid is named as state kept
  between calls;
  ``fresh_calls_right(impl, calls)`` does the same for several calls inside one case;
  ``answer_source(impl)``: that file's text, for hints.
- ``non_contiguous(t)``: the same values in a non-contiguous layout, to try an answer on a
  transposed-like input; ``tensors_not_on(value, device)``: the tensors of a result (or a
  module) left on another device, for a check that runs the answer on the stand-in "meta"
  device.
"""

from __future__ import annotations

import functools
import math
import re
import traceback
from pathlib import Path
from typing import Any, Callable, Iterable

from llmscratch.checking_errors import call_mismatch, explain_error
from llmscratch.checking_patterns import describe_difference


class CheckFailure(AssertionError):
    """The answer under test is wrong; the message says what, how far off, and a likely cause.

    ``margin`` is set by ``assert_close``: how many times the allowed difference the answer is
    off (``inf`` for NaN, a wrong shape or dtype); ``None`` when the failure is not numeric.
    """

    def __init__(self, message: str = "", margin: float | None = None):
        super().__init__(message)
        self.margin = margin


class PartlyDone(CheckFailure):
    """Some cases pass and others still raise ``NotImplementedError``: not passing yet."""


def _as_tensor(value, what: str):
    import torch

    if isinstance(value, torch.Tensor):
        return value
    try:
        return torch.as_tensor(value)
    except (TypeError, ValueError, RuntimeError):
        raise CheckFailure(
            f"{what}: your code returned a {type(value).__name__}, expected a tensor "
            "(or numbers)."
        ) from None


def assert_close(actual, expected, what: str, atol: float = 1e-5, rtol: float = 0.0,
                 hint: str | Callable[[], str] = "", *, dtype: bool = False) -> None:
    """Raise ``CheckFailure`` unless ``actual`` matches ``expected`` elementwise within tolerance.

    Allowed difference per element: ``atol + rtol * |expected|``. The message names ``what`` was
    compared, the shapes or dtypes when they differ, the largest difference against the allowed
    one, and ``hint`` (the likely cause, in a learner's words; or a zero-argument callable
    returning it, called only when the comparison fails, for a hint that costs a replay). For
    example
    ``assert_close(torch.tensor([1.0, 2.5]), torch.tensor([1.0, 2.0]), "the logits")`` fails with
    "max difference 0.5; allowed 1e-05" and ``margin`` 5e4. With ``rtol`` the entry named is the
    one furthest past its own allowance, with the difference and allowance there.
    """
    import torch

    actual_t = _as_tensor(actual, what)
    expected_t = torch.as_tensor(expected)

    def tail() -> str:  # worked out only on a failure
        # no cause known: say how the values relate, when a simple relation holds
        said = (hint() if callable(hint) else hint) or describe_difference(actual_t,
                                                                            expected_t)
        return f" {said}" if said else ""

    if dtype and actual_t.dtype != expected_t.dtype:
        raise CheckFailure(f"{what} has dtype {actual_t.dtype}, expected "
                           f"{expected_t.dtype}.{tail()}", margin=math.inf)
    if actual_t.device.type == "meta" and expected_t.device.type != "meta":
        raise CheckFailure(f"{what} is a tensor on the 'meta' device (shape "
                           f"{tuple(actual_t.shape)}), which holds a shape but no numbers: "
                           "something in your code was made with device='meta', moved there "
                           "with .to('meta'), or built under `with torch.device('meta'):`; make "
                           "it on the inputs' device", margin=math.inf)
    a = actual_t.detach().cpu().double()
    e = expected_t.detach().cpu().double()
    if torch.isnan(e).any():  # the check's own reference is broken: a checker error
        raise ValueError(f"assert_close({what!r}): the expected values contain NaN")
    if a.shape != e.shape:
        raise CheckFailure(f"{what} has shape {tuple(a.shape)}, expected {tuple(e.shape)}.{tail()}",
                           margin=math.inf)
    if not torch.isfinite(a).all():
        bad = int((~torch.isfinite(a)).sum())
        raise CheckFailure(f"{what} contains {bad} NaN or infinite value(s).{tail()}",
                           margin=math.inf)
    diff = (a - e).abs()
    allowed = atol + rtol * e.abs()
    if (diff > allowed).any():
        ratio = diff / allowed.clamp_min(1e-300)
        margin = ratio.max().item() if (allowed > 0).all() else math.inf
        # with a relative part the largest difference can sit within its own allowance (a big
        # value), so point at the entry furthest past what it is allowed
        worst = int(ratio.argmax()) if rtol else int(diff.argmax())
        index = tuple(int(i) for i in torch.unravel_index(torch.tensor(worst), a.shape)) \
            if a.dim() else ()
        got, want = a.flatten()[worst].item(), e.flatten()[worst].item()
        where = f" at position {index[0]}" if len(index) == 1 else (
            f" at index {index}" if index else "")
        how_far = (f"difference there {diff.flatten()[worst].item():.4g}; allowed there "
                   f"{allowed.flatten()[worst].item():.4g} = {atol:g} + {rtol:g} x |expected|"
                   if rtol else f"max difference {diff.max().item():.4g}; allowed {atol:g}")
        raise CheckFailure(
            f"{what} is off{where}: yours {got:.6g}, expected {want:.6g} ({how_far}).{tail()}",
            margin=margin,
        )


def _distance(actual, candidate, atol: float, rtol: float) -> float:
    """How far ``actual`` is from ``candidate`` in units of the allowed difference (inf if not
    comparable); equal non-numeric values are at distance 0."""
    import torch

    try:
        a = torch.as_tensor(actual).detach().cpu().double()
        c = torch.as_tensor(candidate).detach().cpu().double()
    except (TypeError, ValueError, RuntimeError):
        try:
            return 0.0 if actual == candidate else math.inf
        except Exception:  # objects that refuse comparison are simply not a match
            return math.inf
    if a.shape != c.shape:
        return math.inf
    if a.numel() == 0:
        return 0.0
    same = (a == c) | (torch.isnan(a) & torch.isnan(c))  # equal values, infinities, NaNs
    if bool(same.all()):
        return 0.0
    diff = (a[~same] - c[~same]).abs()
    allowed = atol + rtol * c[~same].abs()
    if not (bool(torch.isfinite(diff).all()) and bool(torch.isfinite(allowed).all())):
        return math.inf  # NaN against a number, or an infinity against anything else
    if bool((allowed <= 0).any()):
        return math.inf
    return (diff / allowed).max().item()


def likely_cause(actual, mistakes: dict[str, Any], atol: float = 1e-5,
                 rtol: float = 0.0, *, confirm: Callable[[str], bool] | None = None) -> str | None:
    """The cause in ``mistakes`` whose output reproduces ``actual`` best, within tolerance.

    ``mistakes`` maps a cause, in a learner's words, to what the *reference* returns when it makes
    that mistake (a tensor, number, list or string; or a zero-argument callable returning one, so
    costly replays run only when needed). A replay that itself fails is skipped. Returns None when
    no mistake matches, so a check can write ``hint = likely_cause(out, {...}) or "plain text"``.

    A match on one input can be a coincidence (two mistakes that agree on a small case). Pass
    ``confirm(cause) -> bool`` to test a matching cause again, typically by running the answer and
    the same replay on a second configuration with other sizes; a cause it refuses is passed over
    for the next closest match, and a ``confirm`` that raises counts as a refusal.
    """
    def confirmed(cause: str) -> bool:
        if confirm is None:
            return True
        try:
            return bool(confirm(cause))
        except Exception:  # a second configuration that cannot run confirms nothing
            return False

    matches = []
    for order, (cause, output) in enumerate(mistakes.items()):
        if callable(output):
            try:
                output = output()
            except Exception:  # a replay that cannot run is no evidence
                continue
        d = _distance(actual, output, atol, rtol)
        if d == 0.0:
            # An exact match comes first in the ranking below, ahead of any later one, so the
            # costly replays after it need not run.
            if confirmed(cause):
                return cause
        elif d <= 1.0:
            matches.append((d, order, cause))
    for _, _, cause in sorted(matches):
        if confirmed(cause):
            return cause
    return None


_FRAMEWORK = {__file__, str(Path(__file__).with_name("checking_guard.py"))}


def _in_library(filename: str) -> bool:
    """True for a traceback frame of an installed package (torch, numpy, ...), not the learner's
    file and not a check."""
    return any(part in filename for part in ("site-packages", "dist-packages"))


def _raised_by_a_todo(exc: NotImplementedError) -> bool:
    """True when ``exc`` comes from a ``raise`` in the learner's own code (a stub's "your code
    here"), not from a library: torch raises NotImplementedError too, for example
    ``"log_softmax_lastdim_kernel_impl" not implemented for 'Long'``, and that is a mistake."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return True
    last = frames[-1]
    return not _in_library(last.filename) and (last.line or "").lstrip().startswith("raise")


def raised_not_implemented(exc: BaseException | None) -> bool:
    """True when ``exc`` is, or was raised while handling, a ``NotImplementedError`` that the
    learner's code raised itself (an unfinished stub), not one from torch."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, NotImplementedError) and _raised_by_a_todo(exc):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def check_cases(cases: Iterable[tuple[str, Callable[[], Any]]]) -> None:
    """Run every ``(name, zero-argument callable)`` case, then judge them together.

    - every case passes: return;
    - a case fails (a ``CheckFailure`` or an error in the learner's code): re-raise the first such
      failure, its message prefixed with the case name (e.g. "qkv_bias=True: "); the cases after
      it do not run, since nothing they find would change the report;
    - some cases raise ``NotImplementedError`` and at least one passes: raise ``PartlyDone``
      ("partly done: 2 of 3 cases pass ..."), which counts as not passing;
    - every case raises ``NotImplementedError``: re-raise it (the exercise is "not attempted").
    Errors that are not ``Exception`` (a time limit, Ctrl-C) stop the run at once.
    """
    cases = list(cases)
    passed, todo, failures = [], [], []
    for name, run in cases:
        try:
            run()
        except Exception as err:
            if raised_not_implemented(err) and not isinstance(err, PartlyDone):
                todo.append((name, err))
            else:
                failures.append((name, err))
                break
        else:
            passed.append(name)
    if failures:
        name, err = failures[0]
        if isinstance(err, CheckFailure):
            kind = type(err)
            raise kind(f"{name}: {err}", margin=err.margin) from err
        err.check_case = name  # run_check names the case when it reports the error
        raise err
    if todo and passed:
        raise PartlyDone(
            f"partly done: {len(passed)} of {len(cases)} cases pass; still raising "
            f"NotImplementedError: {', '.join(name for name, _ in todo)}. Finish those parts: "
            "the exercise passes when every case does."
        )
    if todo:
        raise todo[0][1]


ANSWER_MODULE_PREFIX = "_llmscratch_answer_"  # the module name of every loaded answer file


def fresh_copy(impl: Callable) -> Callable | None:
    """The same function or class from a freshly loaded copy of the answer's file, or None.

    Evidence of state kept between calls (a cache, a global, a mutable default): when the fresh
    copy gets a call right that ``impl`` gets wrong after earlier calls, the answer remembers
    something. None when the file cannot be found or loaded again.
    """
    path = _answer_file(impl)
    name = getattr(_unwrap(impl), "__name__", None)
    if path is None or name is None:
        return None
    try:
        module = load_module(Path(path), f"{ANSWER_MODULE_PREFIX}fresh_{Path(path).stem}")
        return getattr(module, name)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None


STATE_KEPT = "keeps state between calls"  # the phrase every state-kept message starts with


def state_probed(impl: Callable, cases: Iterable[tuple[str, Callable[[Callable], Any]]],
                 *, probe_first: bool = True) -> list[tuple[str, Callable[[], Any]]]:
    """``check_cases``' cases from ``(name, run)`` pairs, ``run(answer)`` running one case.

    When a case fails (a ``CheckFailure`` or a crash of the answer) but the case passes when
    every call goes to a freshly loaded copy of the answer's file, the failure comes from state
    kept between calls (a cache, a module-level or global variable, a mutable default argument
    remembering an earlier model, loader, batch or tensor), so the message says that first,
    whatever other mistake the output resembles, and keeps the failure's own text and
    ``margin`` after it. That probe sees state kept from one call to the next inside the case
    as well as state kept from earlier cases. Where no copy can be made for every call (a class,
    or a case of more than ``FRESH_LOADS_AT_MOST`` calls), one fresh copy runs the whole case
    instead; ``probe_first=False`` skips that fallback for the first case, when the check calls
    the answer for nothing before it. A failure that already names state kept between calls is
    passed on unchanged, and so is a ``NotImplementedError`` left in the answer.
    """
    cases = list(cases)

    def wrap(index: int, run: Callable[[Callable], Any]) -> Callable[[], Any]:
        def case():
            put_back = _case_inputs_saved(run)  # a rerun must see what this run saw
            try:
                run(impl)
            except Exception as err:
                if raised_not_implemented(err) or "between calls" in str(err):
                    raise
                evidence = _kept_state_evidence(run, impl, put_back,
                                                whole_case=index > 0 or probe_first)
                if evidence is None:
                    raise  # no evidence of kept state: the failure stands as it is
                gave = err if isinstance(err, CheckFailure) else \
                    f"{type(err).__name__}: {err}".rstrip(": ")
                raise CheckFailure(
                    f"your code {STATE_KEPT}: {evidence}, but your code, called again and "
                    "again, fails it (a cache, a module-level or global variable, or a mutable "
                    "default argument such as `seen=[]` remembers something from an earlier "
                    "call, such as a model's size, a loader's length, a tensor or a running "
                    "total; a list or dict assigned in a class body, not in __init__, is one "
                    "object that every instance shares): compute everything from this call's "
                    "arguments. What your code "
                    "gave (any cause guessed there was read from output that the kept state "
                    f"changed): {gave}",
                    margin=getattr(err, "margin", None)) from err
        return case
    return [(name, wrap(i, run)) for i, (name, run) in enumerate(cases)]


FRESH_LOADS_AT_MOST = 1000  # the calls one case may make before the per-call probe gives up


def _kept_state_evidence(run: Callable[[Callable], Any], impl: Callable,
                         put_back: Callable[[], None], *, whole_case: bool) -> str | None:
    """How freshly loaded copies of the answer pass the case ``run`` that ``impl`` failed, or
    None when they do not (no evidence of state kept between calls). ``put_back`` restores
    what the failed run started from (random states, the case's models and tensors) before
    each rerun, so that the rerun sees the same inputs, not new ones that a wrong answer might
    happen to get right."""
    probe, gave_up = _fresh_for_every_call(impl)
    if probe is not None:
        put_back()
        passed = _passes(run, probe)
        if not gave_up():
            return ("with a freshly loaded copy of your file for every call, the case passes"
                    if passed else None)
    if whole_case:
        fresh = fresh_copy(impl)
        put_back()
        if fresh is not None and _passes(run, fresh):
            return "a freshly loaded copy of your file passes this case"
    return None


def _case_inputs_saved(run: Callable) -> Callable[[], None]:
    """A function that puts back, as they are now, what ``run`` draws from or hands to the
    answer: PyTorch's, Python's and NumPy's global random states, and the ``torch.Generator``
    objects, modules (their train/eval mode, parameters and buffers) and tensors that ``run``
    holds in its closure or defaults, looked for through nested functions, lists, tuples and
    dicts. Without it a rerun would see new draws, or a model that the failed run switched to
    eval mode or changed in place."""
    import random

    import torch

    found, seen, todo = [], set(), [run]
    while todo and len(seen) < 200:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, (torch.Generator, torch.nn.Module, torch.Tensor)):
            found.append(item)
        elif isinstance(item, functools.partial):
            todo.extend([item.func, *item.args, *item.keywords.values()])
        elif isinstance(item, (list, tuple)):
            todo.extend(item[:50])
        elif isinstance(item, dict):
            todo.extend(list(item.values())[:50])
        elif callable(item) and hasattr(item, "__code__"):
            cells = [c.cell_contents for c in (item.__closure__ or ()) if _filled(c)]
            todo.extend(cells + list(item.__defaults__ or ()))
    generators = [(g, g.get_state()) for g in found if isinstance(g, torch.Generator)]
    modes = [(m, m.training) for module in found if isinstance(module, torch.nn.Module)
             for m in module.modules()]
    tensors = [t for t in found if isinstance(t, torch.Tensor)] + [
        t for module in found if isinstance(module, torch.nn.Module)
        for t in [*module.parameters(), *module.buffers()]]
    values = []
    if sum(t.numel() for t in tensors) <= 20_000_000:  # small enough to copy
        values = [(t, t.detach().clone()) for t in tensors if t.device.type != "meta"]
    torch_state, python_state = torch.get_rng_state(), random.getstate()
    numpy = __import__("sys").modules.get("numpy")
    numpy_state = numpy.random.get_state() if numpy is not None else None

    def put_back() -> None:
        for g, state in generators:
            g.set_state(state)
        for m, training in modes:
            m.training = training
        with torch.no_grad():
            for t, value in values:
                if t.shape == value.shape and t.dtype == value.dtype:
                    t.copy_(value)
        torch.set_rng_state(torch_state)
        random.setstate(python_state)
        if numpy_state is not None:
            numpy.random.set_state(numpy_state)
    return put_back


def _filled(cell) -> bool:
    try:
        cell.cell_contents  # noqa: B018 (an empty cell raises)
    except ValueError:
        return False
    return True


def _fresh_for_every_call(impl: Callable) -> tuple[Callable | None, Callable[[], bool]]:
    """``(probe, gave_up)``: ``probe`` is ``impl`` as a function whose every call goes to a
    freshly loaded copy of the answer's file (None for a class, a bound method or an answer
    whose file cannot be found); ``gave_up()`` is true once a copy failed to load or the case
    made more than ``FRESH_LOADS_AT_MOST`` calls (the case's result then says nothing).

    The probe lives in the answer's own module namespace, with the answer's file name, so a
    check that puts a spy into the answer's globals during the case (or reads its file)
    reaches every fresh copy too.
    """
    import types

    target = _unwrap(impl)
    path = _answer_file(impl)
    status = {"loads": 0, "gave_up": False}
    if not isinstance(target, types.FunctionType) or hasattr(impl, "__self__") or path is None:
        return None, lambda: True
    space = target.__globals__
    before = dict(space)
    load, missing, limit = fresh_copy, object(), FRESH_LOADS_AT_MOST

    def every_call_fresh(*args, **kwargs):
        status["loads"] += 1
        fresh = load(impl) if status["loads"] <= limit else None
        if fresh is None:
            status["gave_up"] = True
            raise RuntimeError("no fresh copy of the answer for this call")
        fresh_space = getattr(fresh, "__globals__", {})
        for name, value in list(space.items()):
            if name in fresh_space and before.get(name, missing) is not value:
                fresh_space[name] = value  # a spy the check put into the answer's globals
        return fresh(*args, **kwargs)

    code = every_call_fresh.__code__.replace(co_filename=path)
    probe = types.FunctionType(code, space, target.__name__, None, every_call_fresh.__closure__)
    functools.update_wrapper(probe, impl)
    return probe, lambda: status["gave_up"]


def fresh_calls_right(impl: Callable, calls: Iterable[tuple[tuple, Callable[[Any], bool]]]
                      ) -> bool:
    """Whether freshly loaded copies of the answer, a new one for every call, get all ``calls``
    right: ``(args, right)`` pairs, ``right(result)`` judging one call's result.

    The evidence of state kept between calls inside one case, where a check calls the answer
    several times and judges the results together (``state_probed`` reloads once per case and
    cannot see it). False when no copy loads, one crashes or one is wrong: no evidence.
    """
    try:
        for args, right in calls:
            fresh = fresh_copy(impl)
            if fresh is None or not right(fresh(*args)):
                return False
    except Exception:  # noqa: BLE001 (a crash of a fresh copy is no evidence)
        return False
    return True


def _passes(run: Callable[[Callable], Any], answer: Callable) -> bool:
    try:
        run(answer)
    except Exception:  # noqa: BLE001 (any failure of the fresh copy means no evidence)
        return False
    return True


def load_module(path: Path, module_name: str):
    """Import the file at ``path`` as a module of its own (in ``sys.modules`` only while it
    runs, so dataclasses and the like work, and no earlier copy is reused)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(module_name, None)
    return module


def _unwrap(impl: Callable) -> Callable:
    """``impl`` without decorators and without a bound method's instance."""
    import inspect

    return inspect.unwrap(getattr(impl, "__func__", impl))


def _answer_file(impl: Callable) -> str | None:
    """The file that defines ``impl`` (a function, a class or a bound method), or None.

    An answer's module is not kept in ``sys.modules`` once loaded, so for a class (where
    ``inspect`` asks the module) the file is read from the code of its methods instead.
    """
    import inspect

    obj = _unwrap(impl)
    try:
        return inspect.getsourcefile(obj)
    except (TypeError, OSError, ValueError):
        pass
    if inspect.isclass(obj):
        for value in vars(obj).values():
            try:  # a method the checker wrapped (a guarded __init__) names the answer's file
                value = _unwrap(value)
            except ValueError:  # a __wrapped__ chain that loops
                continue
            code = getattr(value, "__code__", None)
            if code is not None:
                return code.co_filename
    return None


def answer_source(impl: Callable) -> str | None:
    """The text of the file that defines the answer ``impl``, or None when it cannot be read.

    For hints only, never for a verdict: a check may look in the code for a sign of the mistake
    a replay already reproduced (a ``math.ceil``, a ``return`` inside a loop), to name it.
    """
    path = _answer_file(impl)
    return read_source(Path(path)) if path else None


def read_source(path: Path) -> str | None:
    """The text of the Python file at ``path``, or None when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def call_answer(impl: Callable, args: tuple, what: str,
                hints: Iterable[tuple[type | str, str]] = ()) -> Any:
    """Return ``impl(*args)``; turn a crash into a ``CheckFailure`` a learner can act on.

    The message says for which input (``what``) the code raised, quotes the error with the line
    of the learner's own file where it happened, and adds the first hint whose key matches:
    ``hints`` pairs an exception type or a piece of the error text with a hint. An unfinished
    stub's ``NotImplementedError`` passes through unchanged; one raised by torch ("not
    implemented for 'Float'") is a crash like any other. An ``AssertionError`` raised by the
    answer's own ``assert`` is re-raised with ``what`` attached, for the check or ``run_check``.
    """
    try:
        return impl(*args)
    except AssertionError as err:
        # a learner's own assert: left to the check (some name the assumption it states), then
        # reported by run_check with the input it failed on; a CheckFailure passes untouched
        if not isinstance(err, CheckFailure) and getattr(err, "check_input", None) is None:
            err.check_input = what
        raise
    except (RuntimeError, IndexError, ValueError, TypeError, ZeroDivisionError, KeyError,
            AttributeError, StopIteration, MemoryError, OverflowError, re.error) as err:
        if raised_not_implemented(err):
            raise
        text = str(err)
        frames = traceback.extract_tb(err.__traceback__)
        answers = {frame.f_code.co_filename for frame, _ in traceback.walk_tb(err.__traceback__)
                   if str(frame.f_globals.get("__name__", "")).startswith(ANSWER_MODULE_PREFIX)}
        home = _answer_file(getattr(err, "refused_by", None) or impl)
        # the answer's own file first: a crash inside a check's test model (called by the
        # answer, or by a check's lambda around it) points at the learner's line
        mine = [f for f in frames if f.filename in answers] or \
            [f for f in frames if home and f.filename == home] or \
            [f for f in frames if f.filename not in _FRAMEWORK and not _in_library(f.filename)]
        hint = next((h for key, h in hints if (isinstance(key, str) and key in text) or
                     (isinstance(key, type) and isinstance(err, key))), "")
        mismatch = "" if answers or hint else \
            call_mismatch(err, read_source(Path(home)) if home else None)
        if mismatch:  # the check called the answer with arguments its def line does not take
            raise CheckFailure(f"{what}: {mismatch}.") from err
        where = f" (line {mine[-1].lineno} of {Path(mine[-1].filename).name})" if mine else ""
        hint = hint or explain_error(err) or (
            "next() was called on an iterator with nothing left (an empty list, a loader or "
            "generator already used up, or a search that found nothing): check what it "
            "iterates over, or give next() a default" if isinstance(err, StopIteration) else "")
        said = f": {text.rstrip('.')}" if text else ""
        raise CheckFailure(f"{what}: your code raised {type(err).__name__}{said}{where}. "
                           f"{hint}".rstrip()) from err


def call_by_name(impl: Callable, what: str, signature: str, **kwargs) -> Any:
    """``impl(**kwargs)``: the answer called with its parameters passed by the names the
    stub's docstring gives them (``signature``, such as ``"def repeat_kv(kv, group_size)"``).
    A renamed parameter (Llama's ``n_rep`` or ``dim``, a ``top_k``) works when called by
    position only; the TypeError a call by name then raises fails the answer with the
    answer's own parameter names beside the docstring's."""
    import inspect

    try:
        return impl(**kwargs)
    except TypeError as err:
        if "keyword argument" not in str(err) and "positional argument" not in str(err):
            raise
        try:
            names = f" Your parameters are ({', '.join(inspect.signature(impl).parameters)})."
        except (TypeError, ValueError):  # no signature to show
            names = ""
        raise CheckFailure(f"{what}: your code raised TypeError: {err}.{names} Keep the "
                           f"parameter names of the docstring, {signature}: callers may "
                           "pass them by name") from err


def mixed_device_calls(names: Iterable[str]):
    """A context (a ``TorchFunctionMode``) that records in ``.seen`` each call of a torch
    function named in ``names`` that mixes a tensor on the ``meta`` device (the checks'
    stand-in for a GPU) with a CPU tensor of one dimension or more. The meta device accepts
    such a mix (a CPU mask for ``masked_fill``, a CPU index for ``index_select``) where CUDA
    refuses it, so only a spy shows a tensor made inside without ``device=``; a 0-d CPU tensor
    is left out, since CUDA takes it as a scalar."""
    import torch

    wanted = set(names)

    class MixedDevices(torch.overrides.TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.seen: list[str] = []

        def __torch_function__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            if getattr(func, "__name__", "") in wanted:
                tensors = [a for a in (*args, *kwargs.values()) if isinstance(a, torch.Tensor)]
                if any(t.device.type == "meta" for t in tensors) and any(
                        t.device.type == "cpu" and t.dim() > 0 for t in tensors):
                    self.seen.append(func.__name__)
            return func(*args, **kwargs)

    return MixedDevices()


def one_thread(check: Callable[[Any], None]) -> Callable[[Any], None]:
    """Decorate a check so it runs with one torch thread (tiny models only lose time to threads,
    and a learner's laptop may be busy); the previous setting is restored afterwards."""

    @functools.wraps(check)
    def wrapper(impl):
        import torch

        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return check(impl)
        finally:
            torch.set_num_threads(before)

    return wrapper


def non_contiguous(t):
    """``t``'s values, sizes and dtype in a non-contiguous layout (a copy).

    An answer that calls ``.view`` where ``.reshape`` is needed crashes on it as it would on a
    transposed input, and one that assumes its input's strides reads the wrong numbers. With two
    or more dims (the last two above size 1) the last two are stored column by column, as after
    a transpose; otherwise every other slot of a wider buffer holds a value.
    """
    import torch

    t = torch.as_tensor(t)
    if t.dim() >= 2 and t.shape[-1] > 1 and t.shape[-2] > 1:
        return t.transpose(-1, -2).contiguous().transpose(-1, -2)
    if t.numel() > 1:
        return torch.stack([t, torch.zeros_like(t)], dim=-1)[..., 0]
    return t.clone()


def tensors_not_on(value: Any, device, name: str = "the result") -> list[str]:
    """Each tensor in ``value`` that is not on ``device``, as "<where> is on <device>".

    ``value`` is a tensor, an ``nn.Module`` (its parameters and buffers), or dicts, lists and
    tuples of those. The "meta" device is a stand-in any machine has: inputs and a model moved
    there run through PyTorch without numbers (so no ``.item()``), and a tensor the answer
    makes without ``device=``, or moves with a fixed ``.to("cpu")``, ``.cuda()`` or
    ``get_device()``, ends up elsewhere (or crashes with a mixed-device error, which
    ``call_answer`` explains).
    """
    import torch

    want = torch.device(device)

    def elsewhere(t) -> bool:
        return t.device.type != want.type or (want.index is not None and
                                               t.device.index != want.index)

    if isinstance(value, torch.Tensor):
        return [f"{name} is on {value.device}"] if elsewhere(value) else []
    if isinstance(value, torch.nn.Module):
        return [f"{name}.{key} is on {t.device}"
                for key, t in [*value.named_parameters(), *value.named_buffers()] if elsewhere(t)]
    if isinstance(value, dict):
        return [w for key, v in value.items() for w in tensors_not_on(v, device,
                                                                      f"{name}[{key!r}]")]
    if isinstance(value, (list, tuple)):
        return [w for i, v in enumerate(value) for w in tensors_not_on(v, device, f"{name}[{i}]")]
    return []


def same_results(a: Any, b: Any) -> bool:
    """Exact equality through tensors, dicts, lists and tuples (``torch.equal`` for tensors)."""
    import torch

    if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
        return (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)
                and a.shape == b.shape and torch.equal(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_results(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_results(x, y) for x, y in zip(a, b))
    return bool(a == b)


def same_under_two_seeds(run: Callable[..., Any], *, prepare: Callable[[], tuple] = tuple,
                         seeds: tuple[int, int] = (1, 2),
                         same: Callable[[Any, Any], bool] = same_results) -> bool:
    """Whether ``run`` gives the same result after two different ``torch.manual_seed`` calls.

    For each seed: ``args = prepare()`` (what must not depend on the seed, such as a model built
    under a fixed seed of its own), then ``torch.manual_seed(seed)``, then ``run(*args)``. A
    result that draws from the caller's random state changes with the seed (weights, dropout
    masks, sampled tokens); an answer that calls ``torch.manual_seed`` itself, or keeps a
    generator of its own, repeats it, and so does greedy decoding, which must not sample.
    """
    import torch

    results = []
    for seed in seeds:
        args = prepare()
        torch.manual_seed(seed)
        results.append(run(*args))
    return same(results[0], results[1])
