"""Check exercise answers: the engine behind ``python -m llmscratch check chNN``.

Every chapter folder has ``exercises/`` (stubs you edit) and ``solutions/`` (our answers). The
checks themselves live in ``tests/exercises/<chapter>.py`` as a list ``EXERCISES`` of
``Exercise`` records; each check receives the entry point (a function or class) loaded from the
file under test and raises ``CheckFailure`` with a message in plain words when the answer is wrong.

The same check runs three ways:
- against ``solutions/`` (the default in the test suite and CI), where it must pass;
- against kept mutants in ``tests/exercises/mutants/<chapter>/``, where it must fail, which proves
  the check can fail at all;
- against your ``exercises/`` files, where a stub that still raises ``NotImplementedError`` is
  reported as "not attempted" rather than as a failure.

Statuses: "passed"; "failed" (a ``CheckFailure``, or your code raised an error); "partly done"
(some cases pass, others still raise ``NotImplementedError``: see ``check_cases``); "timed out"
(past ``Exercise.timeout`` seconds, 60 by default); "not attempted"; "checker error" (the check's
own code crashed: reported with its traceback, never blamed on you); "error" (a file is missing).
The tools checks are built from (``assert_close``, ``likely_cause``, ``check_cases``,
``state_probed``) live in ``llmscratch.checking_tools``, and ``describe_difference`` (how a wrong
tensor relates to the expected one) and ``describe_elementwise`` (one function applied to every
number) in ``llmscratch.checking_patterns``; all are re-exported
here. Every check runs under ``llmscratch.checking_guard``: an answer fails, whichever exercise
it is, when it changes the lists, dicts, tensors or DataFrames it was given, llmscratch's shared
configs, or PyTorch's global defaults (the last two are put back). An answer whose check
passes still fails when its def line renames, reorders or drops the parameters of the
solution's (``signature_change``): code that passes them by name or position would break.
"""

from __future__ import annotations

import ast
import inspect
import math
import re
import signal
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from llmscratch.checking_errors import (
    ANSWER_GRAPH_BROKEN,
    MODULE_NOT_BUILT,
    MODULE_SETUP_MISSING,
    call_mismatch,
    explain_error,
)
from llmscratch.checking_guard import (
    argument_change,
    guard_arguments,
    report_change,
    restore_constants,
    restore_torch_settings,
    seeded_generators,
    shared_constants,
    torch_settings,
)
from llmscratch.checking_patterns import (
    describe_difference,
    describe_elementwise,
    narrowed_dtype,
)
from llmscratch.checking_tools import (
    ANSWER_MODULE_PREFIX,
    CheckFailure,
    PartlyDone,
    answer_source,
    assert_close,
    call_answer,
    call_by_name,
    check_cases,
    fresh_calls_right,
    fresh_copy,
    likely_cause,
    load_module,
    mixed_device_calls,
    non_contiguous,
    one_thread,
    raised_not_implemented,
    read_source,
    same_results,
    same_under_two_seeds,
    state_probed,
    tensors_not_on,
)

__all__ = [
    "CHAPTERS", "STATUSES", "CheckFailure", "CheckTimeout", "Exercise", "PartlyDone", "Result",
    "answer_source", "assert_close", "call_answer", "call_by_name", "call_with_time_limit",
    "check_cases",
    "check_chapter", "describe_difference", "describe_elementwise", "format_progress",
    "format_results",
    "fresh_calls_right", "fresh_copy", "likely_cause", "load_entry", "load_exercises",
    "mixed_device_calls", "narrowed_dtype", "non_contiguous", "one_thread",
    "raised_not_implemented", "repo_root",
    "run_check",
    "same_results", "same_under_two_seeds", "signature_change", "signature_of", "state_probed",
    "tensors_not_on",
]

# chapter key -> folder name
CHAPTERS: dict[str, str] = {
    "ch02": "ch02_tokenizing",
    "ch03": "ch03_attention",
    "ch04": "ch04_gpt_model",
    "ch05": "ch05_pretraining",
    "ch06": "ch06_classification",
    "ch07": "ch07_instruction",
    "appendix_a": "appendix_a_pytorch",
}
_ALIASES = {"a": "appendix_a", "appa": "appendix_a", "appendix-a": "appendix_a"}

# Every status a check can end in, with its symbol in reports; all but "passed" and
# "not attempted" make ``check`` exit 1.
STATUSES: dict[str, str] = {
    "passed": "PASS",
    "failed": "FAIL",
    "partly done": "PART",
    "timed out": "TIME",
    "not attempted": "----",
    "checker error": "BUG ",
    "error": "ERR ",
}


@dataclass(frozen=True)
class Exercise:
    """One exercise: ``file`` in exercises/ and solutions/, its ``entry`` point, its check, and a
    time limit in seconds (``check --timeout`` overrides it)."""

    id: str
    file: str
    entry: str
    title: str
    check: Callable[[Any], None]
    timeout: float = 60.0


@dataclass
class Result:
    """The outcome of checking one exercise file; ``status`` is a key of ``STATUSES``.
    ``margin`` is the failure's distance in allowed differences when ``assert_close`` failed."""

    exercise: Exercise
    path: Path
    status: str
    message: str = ""
    margin: float | None = None


class CheckTimeout(BaseException):
    """Raised inside a check that ran past its time limit. A ``BaseException``, so that an
    ``except Exception`` in the answer under test cannot swallow it."""


def normalize_chapter(chapter: str) -> str:
    """Map "ch2", "02", "ch02_tokenizing", "appendix_a" ... to a key of ``CHAPTERS``."""
    key = chapter.strip().lower().rstrip("/")
    key = _ALIASES.get(key, key)
    for k, folder in CHAPTERS.items():
        if key in (k, folder):
            return k
    digits = key.removeprefix("ch")
    if digits.isdigit() and f"ch{int(digits):02d}" in CHAPTERS:
        return f"ch{int(digits):02d}"
    raise ValueError(f"Unknown chapter {chapter!r}; choose one of {', '.join(CHAPTERS)}.")


def repo_root(start: Path | None = None) -> Path:
    """The project folder holding the chapter folders: from ``start``/cwd upwards, else the
    checkout that this (editable) install came from."""
    candidates = []
    here = Path(start or Path.cwd()).resolve()
    candidates += [here, *here.parents]
    candidates.append(Path(__file__).resolve().parents[1])
    for folder in candidates:
        if (folder / "tests" / "exercises").is_dir() and (folder / "llmscratch").is_dir():
            return folder
    raise FileNotFoundError(
        "Could not find the llmscratch project folder (with tests/exercises/). Run this command "
        "from inside your clone of the repository."
    )


def load_exercises(chapter: str, root: Path | None = None) -> list[Exercise]:
    """The ``EXERCISES`` lists of ``tests/exercises/<chapter>.py`` and, after it, of each
    ``tests/exercises/<chapter>_<part>.py`` (for example ``ch04_bonus.py``), in name order."""
    chapter = normalize_chapter(chapter)
    folder = repo_root(root) / "tests" / "exercises"
    paths = [folder / f"{chapter}.py", *sorted(folder.glob(f"{chapter}_*.py"))]
    exercises: list[Exercise] = []
    for path in paths:
        if path.is_file():
            module = load_module(path, f"_llmscratch_checks_{path.stem}")
            exercises += list(module.EXERCISES)
    return exercises


def load_entry(path: Path, entry: str):
    """Import the file at ``path`` on its own and return its attribute ``entry``."""
    module = load_module(path, f"{ANSWER_MODULE_PREFIX}{path.stem}")
    try:
        return getattr(module, entry)
    except AttributeError:
        raise CheckFailure(
            f"{path.name} defines no {entry!r}: keep the name from the stub so the check can "
            "find your answer."
        ) from None


def call_with_time_limit(func: Callable[[], Any], seconds: float | None) -> Any:
    """Return ``func()``, raising ``CheckTimeout`` once it has run ``seconds`` seconds.

    On Unix, in the main thread, a ``SIGALRM`` timer interrupts the answer (any earlier timer and
    handler are restored afterwards). Elsewhere (Windows, or a worker thread) ``func`` runs in a
    daemon thread that is abandoned when time is up: Python cannot stop it, so it keeps using the
    CPU until the command ends. ``None``, 0 or ``inf`` means no limit.
    """
    if not seconds or seconds <= 0 or not math.isfinite(seconds):
        return func()
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        def on_alarm(signum, frame):
            raise CheckTimeout()

        old_handler = signal.signal(signal.SIGALRM, on_alarm)
        old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
        started = time.monotonic()
        try:
            return func()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
            if old_delay:  # someone else's timer was running: give it back what is left
                left = old_delay - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), old_interval)
    box: dict[str, Any] = {}

    def target():
        try:
            box["value"] = func()
        except BaseException as err:  # handed to the caller's thread below
            box["error"] = err

    worker = threading.Thread(target=target, name="llmscratch-check", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise CheckTimeout("abandoned")
    if "error" in box:
        raise box["error"]
    return box.get("value")


_ASSERT_HINT = ("An assert of yours failed: either the input above is one the exercise allows "
                "and the assumption your assert states about it is too strict (checks try such "
                "inputs on purpose), or the value you computed before that line is not what you "
                "expected. Print what the assert compares for this input.")


def _blame(err: Exception, path: Path) -> tuple[str, str]:
    """A crash: the learner's (a frame of their file is on the stack) or the check's own."""
    case = getattr(err, "check_case", None)
    prefix = f"{case}: " if case else ""
    frames = traceback.extract_tb(err.__traceback__)
    mine = [f.lineno for f in frames if Path(f.filename).resolve() == path.resolve()]
    if isinstance(err, SyntaxError) and err.filename and \
            Path(err.filename).resolve() == path.resolve():
        mine.append(err.lineno)
    mismatch = "" if mine else call_mismatch(err, read_source(path))
    if mismatch:
        return "failed", f"{prefix}{mismatch}."
    if not mine and (re.search(MODULE_SETUP_MISSING, str(err))
                     or re.search(MODULE_NOT_BUILT, str(err))):
        return ("failed", f"{prefix}your module crashed when the check used it, with "
                          f"{type(err).__name__}: {err}. {explain_error(err)}")
    if not mine and re.search(ANSWER_GRAPH_BROKEN, str(err)):
        return ("failed", f"{prefix}the check's backward() through your result failed with "
                          f"{type(err).__name__}: {err}. {explain_error(err)}")
    if mine:
        why = explain_error(err)
        if isinstance(err, AssertionError) and not why:
            why = _ASSERT_HINT
        if getattr(err, "check_input", None):
            prefix += f"{err.check_input}: "
        said = f": {err}" if str(err) else ""
        return ("failed", f"{prefix}your code raised {type(err).__name__}{said} "
                          f"(line {mine[-1]} of {path.name})" + (f". {why}" if why else ""))
    trace = "".join(traceback.format_exception(err)).rstrip()
    return ("checker error",
            f"{prefix}the check itself crashed with {type(err).__name__}: {err}\n"
            "This is a bug in the check, not necessarily in your answer; please report it with "
            f"the traceback below.\n{trace}")


def _run_guarded(exercise: Exercise, path: Path) -> None:
    """Run the check on the answer loaded from ``path`` with its arguments guarded and the
    random generators seeded; put the shared configs, PyTorch's defaults and the caller's
    generators back afterwards and report any change."""
    constants, settings = shared_constants(), torch_settings()
    answer = None

    def restore():  # always put the package's constants and PyTorch's defaults back
        shared, torch_state = restore_constants(constants), restore_torch_settings(settings)
        return (argument_change(answer) if answer is not None else None) or shared or torch_state

    try:
        with seeded_generators():
            answer = guard_arguments(load_entry(path, exercise.entry))
            exercise.check(answer)
    except PartlyDone:
        restore()
        raise
    except CheckFailure as err:
        reported = report_change(restore(), err)
        if reported is err:
            raise
        raise reported from err
    except Exception as err:
        # a crash after the answer changed the caller's state (the grad mode left off, a
        # shared config edited) most likely follows from that change: name it first, rather
        # than blame the crash alone (or the check, when the crash is in the check's code)
        change = restore()
        if change is None or raised_not_implemented(err):
            raise
        status, message = _blame(err, path)
        if status == "checker error":  # the check's own code crashed: no traceback to read
            case = getattr(err, "check_case", None)
            message = (f"{case}: " if case else "") + \
                f"the check then stopped on {type(err).__name__}" + (
                f": {err}" if str(err) else "")
        raise CheckFailure(f"{change}. Fix that first: {message.rstrip('.')}, which may only "
                           "follow from it") from err
    except BaseException:
        restore()
        raise
    failure = report_change(restore(), None)
    if failure is not None:
        raise failure


def run_check(exercise: Exercise, path: Path, timeout: float | None = None) -> Result:
    """Load ``exercise.entry`` from ``path`` and run its check within ``timeout`` seconds
    (default: ``exercise.timeout``); never raises (but Ctrl-C still stops it). A failing
    answer's message also gets ``code_notes`` on its file's idle lines and early returns."""
    result = _run_check(exercise, path, timeout)
    if result.status in ("failed", "partly done"):
        try:
            notes = code_notes(path, result.message)
        except Exception:  # noqa: BLE001 (a file this cannot read: nothing to add)
            notes = []
        if notes:
            result.message = f"{result.message.rstrip()}\n" + " ".join(notes)
    return result


def code_notes(path: Path, message: str = "") -> list[str]:
    """Notes on lines of the answer file ``path`` that do nothing or end a loop early, for a
    failing answer: a method named without its call, a call whose new result is thrown away,
    a ``return`` straight inside a loop. Notes that ``message`` already makes are left out."""
    tree = _parsed(path)
    if tree is None:
        return []
    said = message.lower()
    notes = [f"Line {line} of {path.name}, `{text}`, names a method without calling it, so it "
             f"does nothing: write `{text}()`." for line, text in uncalled_methods(tree)
             if f"{text}()" not in message]
    if "returns a new" not in said:
        for line, call, receiver in discarded_results(tree):
            keep = (f"`{receiver} = {call}`, or sort in place with `{receiver}.sort()`"
                    if call.startswith("sorted(") else f"`{receiver} = {call}`")
            notes.append(f"Line {line} of {path.name}: `{call}` returns a new object and this "
                         f"line throws it away, so `{receiver}` is left as it was: keep the "
                         f"result, {keep}.")
    if "inside the loop" not in said:
        notes += [f"Line {line} of {path.name}: this `return` sits straight inside the loop "
                  f"that starts on line {loop}, so the function returns during the loop's "
                  f"first pass; if it belongs after the loop, dedent it."
                  for line, loop in returns_in_loops(tree)]
    return notes


# Attributes that are values, not methods: a line holding only one of them is idle, not a
# forgotten call.
_VALUE_ATTRIBUTES = {"T", "mT", "H", "mH", "shape", "dtype", "device", "data", "grad",
                     "requires_grad", "training", "weight", "bias", "ndim", "is_cuda"}


def uncalled_methods(tree: ast.AST) -> list[tuple[int, str]]:
    """The (line, text) of each line of the parsed file ``tree`` that holds only a method's
    name, such as ``model.eval`` or ``optimizer.zero_grad`` without ``()``: Python looks the
    method up and does nothing with it."""
    return sorted((node.lineno, ast.unparse(node.value)) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Attribute)
                  and node.value.attr not in _VALUE_ATTRIBUTES)


# Methods that return a new object and leave their receiver as it was, whatever the receiver
# is (a tensor, a string, a list's copy). Module methods of these names do not exist.
_NEW_OBJECT_METHODS = {
    "view", "reshape", "transpose", "permute", "unsqueeze", "squeeze", "contiguous", "flatten",
    "expand", "repeat", "repeat_interleave", "masked_fill", "clone", "detach", "long", "int",
    "bool", "clamp", "softmax", "log_softmax", "t", "split", "chunk", "tolist", "numpy",
    "copy", "astype", "roll", "flip", "tril", "triu", "view_as", "reshape_as", "expand_as",
    "type_as", "index_select", "gather", "scatter", "narrow", "strip", "lstrip", "rstrip",
    "lower", "upper", "replace", "sub", "mul", "div", "matmul", "exp", "sqrt", "abs", "neg",
    "pow"}  # not add or log: a set's add and a logger's log are called for their effect
# Methods that change a module in place but return a new tensor: judged by the receiver.
_MODULE_OR_TENSOR = {"to", "float", "double", "half", "bfloat16", "cpu", "cuda", "type"}
_MODULE_WORDS = ("model", "module", "layer", "net", "gpt", "head", "block", "self", "att",
                 "norm", "emb", "linear", "lora", "classifier", "ff", "mlp", "proj")


def _parsed(path: Path) -> ast.Module | None:
    """The file ``path`` parsed, or None when it cannot be read or parsed."""
    source = read_source(path)
    try:
        return ast.parse(source) if source is not None else None
    except SyntaxError:
        return None


def discarded_results(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, call, receiver) for each line of the parsed file ``tree`` that calls a method
    returning a new object (``x.view(...)``, ``x.to(device)`` on a tensor, ``text.strip()``,
    ``sorted(ids)``) and keeps nothing of it. ``.to``-like calls on what reads as a module
    (``model.to``) are left out: a module changes in place."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
            continue
        func = node.value.func
        if isinstance(func, ast.Name) and func.id == "sorted" and node.value.args:
            found.append((node.lineno, ast.unparse(node.value), ast.unparse(node.value.args[0])))
        elif isinstance(func, ast.Attribute) and not isinstance(func.value, ast.Constant):
            receiver = ast.unparse(func.value)
            if func.attr in _NEW_OBJECT_METHODS or (
                    func.attr in _MODULE_OR_TENSOR
                    and not any(word in receiver.lower() for word in _MODULE_WORDS)):
                if "(" not in receiver:  # a name or attribute, not the result of another call
                    found.append((node.lineno, ast.unparse(node.value), receiver))
    return sorted(found)


_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.For, ast.While,
           ast.AsyncFor)


def _loop_blocks(loop: ast.AST):
    """The statement lists of ``loop``'s body: the body itself and those of its
    ``if``/``with``/``try`` blocks, but not those inside a nested function, class or loop."""
    todo = [loop.body]
    while todo:
        block = todo.pop()
        yield block
        for stmt in block:
            if not isinstance(stmt, _NESTED):
                todo += [value for field, value in ast.iter_fields(stmt)
                         if field in ("body", "orelse", "finalbody") and value]
                todo += [handler.body for handler in getattr(stmt, "handlers", [])]


def _accumulated(nodes) -> set[str]:
    """Names that a loop builds up: ``acc.append(...)`` (extend, add, update, insert),
    ``acc += ...`` or ``acc[i] = ...``."""
    names = set()
    for node in nodes:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "extend", "add", "update", "insert")
                and isinstance(node.func.value, ast.Name)):
            names.add(node.func.value.id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.value.id for t in node.targets
                         if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name))
    return names


def returns_in_loops(tree: ast.AST) -> list[tuple[int, int]]:
    """(line of the return, line of the loop) for each ``return`` that ends a ``for`` or
    ``while`` loop in its first pass by mistake: a statement of the loop's own body, or a
    return of a name that the statements before it in the same block build up
    (``ids.append(...)`` then ``return ids``, one indent too deep, under an ``if`` too). A
    search that returns what it found, and a guard such as ``if math.isnan(loss): return
    losses``, are left out."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While, ast.AsyncFor)):
            found.update((stmt.lineno, node.lineno) for stmt in node.body
                         if isinstance(stmt, ast.Return))
            for block in _loop_blocks(node):
                for i, stmt in enumerate(block):
                    if (isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Name)
                            and stmt.value.id in _accumulated(
                                n for earlier in block[:i] if not isinstance(earlier, _NESTED)
                                for n in ast.walk(earlier))):
                        found.add((stmt.lineno, node.lineno))
    return sorted(found)


def _run_check(exercise: Exercise, path: Path, timeout: float | None) -> Result:
    limit = exercise.timeout if timeout is None else timeout
    try:
        call_with_time_limit(lambda: _run_guarded(exercise, path), limit)
    except CheckTimeout as err:
        note = (" Python cannot stop it on this system, so it keeps running until the command "
                "ends.") if str(err) == "abandoned" else ""
        return Result(exercise, path, "timed out",
                      f"timed out after {limit:g} s: an endless loop? Look for a while loop "
                      f"whose condition never changes, or a counter that never moves. On a busy "
                      f"or slow machine, try a longer limit first: python -m llmscratch check "
                      f"CHAPTER --timeout {4 * limit:g}.{note}")
    except PartlyDone as err:
        return Result(exercise, path, "partly done", str(err))
    except CheckFailure as err:
        if raised_not_implemented(err):
            return Result(exercise, path, "not attempted", "still raises NotImplementedError")
        return Result(exercise, path, "failed", str(err), margin=err.margin)
    except Exception as err:
        if raised_not_implemented(err):
            return Result(exercise, path, "not attempted", "still raises NotImplementedError")
        status, message = _blame(err, path)
        return Result(exercise, path, status, message)
    try:
        changed = signature_change(exercise, path)
    except Exception:  # noqa: BLE001 (a def line this cannot read: no verdict on it)
        changed = None
    if changed:
        return Result(exercise, path, "failed", changed)
    return Result(exercise, path, "passed")


def _def_line(path: Path, entry: str) -> tuple[list[str], bool] | None:
    """The parameter names of ``entry`` as the file ``path`` declares it at its top level (a
    function's, or a class's ``__init__``'s without ``self``), and whether it is a class. None
    when the file has no such plain def or class, the class has no ``__init__`` of its own, or
    the def takes ``**kwargs`` (any name may then be right)."""
    tree = _parsed(path)
    found = None
    for node in tree.body if tree is not None else []:  # the last definition wins, as at import
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == entry:
            found = (node.args, False)
        elif isinstance(node, ast.ClassDef) and node.name == entry:
            init = [n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
            found = (init[-1].args, True) if init else None
        elif isinstance(node, ast.Assign) and any(
                getattr(target, "id", None) == entry for target in node.targets):
            found = None  # bound by an assignment: no def line to read
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                (alias.asname or alias.name) == entry for alias in node.names):
            found = None  # imported from elsewhere: no def line here
    if found is None or found[0].kwarg is not None:
        return None
    args, is_class = found
    names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
    return (names[1:] if is_class else names), is_class


def _solution_file(exercise: Exercise) -> Path | None:
    """The solution file of ``exercise`` in this checkout, or None."""
    try:
        root = repo_root()
    except FileNotFoundError:
        return None
    for folder in CHAPTERS.values():
        path = root / folder / "solutions" / exercise.file
        if path.is_file():
            return path
    return None


def signature_change(exercise: Exercise, path: Path) -> str | None:
    """How the def line of the answer in ``path`` departs from the solution's, in words, or None.

    The solution's parameters must come first, with the same names in the same order; more
    parameters after them are fine (the check already called the answer without them). A
    renamed parameter breaks every caller that passes it by name (the chapter's code, the
    book's, the learner's next exercise); a reordered one, every caller that passes by position.
    """
    solution = _solution_file(exercise)
    if solution is None or solution.resolve() == Path(path).resolve():
        return None
    declared = _def_line(solution, exercise.entry)
    answered = _def_line(Path(path), exercise.entry)
    if declared is None or answered is None:
        return None
    (want, is_class), (got, _) = declared, answered
    if got[:len(want)] == want:
        return None
    where = f"{exercise.entry}.__init__" if is_class else exercise.entry
    lines = (f"your {where} takes ({', '.join(got)}); the exercise's def line takes "
             f"({', '.join(want)})")
    if sorted(got[:len(want)]) == sorted(want):
        return (f"{lines}: the same names in another order, so a caller that passes them by "
                "position hands each one another's value; keep the stub's order")
    missing = [name for name in want if name not in got]
    extra = [name for name in got if name not in want]
    differ = [(w, g) for w, g in zip(want, got) if w != g]
    first = differ[0] if differ else (want[len(got)], None)  # got is want cut short
    said = ", ".join(f"`{g}` where the stub has `{w}`" for w, g in zip(missing, extra)) or \
        ", ".join(f"`{w}` is missing" for w in missing if not extra) or \
        f"`{first[1]}` stands where the stub has `{first[0]}`"
    example = missing[0] if missing else first[0]
    return (f"{lines} ({said}): code that passes the arguments by name, such as "
            f"{exercise.entry}(..., {example}=...), fails with yours; keep the parameter names "
            "and order of the stub's def line (more parameters with defaults may follow them)")


def check_chapter(chapter: str, which: str = "exercises", root: Path | None = None,
                  only: str | None = None, timeout: float | None = None) -> list[Result]:
    """Check every exercise of ``chapter`` in its ``exercises/`` or ``solutions/`` folder, each
    within ``timeout`` seconds (default: the exercise's own limit)."""
    chapter = normalize_chapter(chapter)
    folder = repo_root(root) / CHAPTERS[chapter] / which
    results = []
    for exercise in load_exercises(chapter, root):
        if only and only not in (exercise.id, exercise.file, Path(exercise.file).stem):
            continue
        path = folder / exercise.file
        if not path.is_file():
            results.append(Result(exercise, path, "error", f"{path} is missing"))
            continue
        results.append(run_check(exercise, path, timeout))
    return results


def signature_of(obj) -> inspect.Signature:
    """The call signature of a function, or of a class's constructor."""
    return inspect.signature(obj.__init__ if inspect.isclass(obj) else obj)


def _summary(results: list[Result]) -> str:
    counts = {s: sum(r.status == s for r in results) for s in STATUSES}
    parts = [f"{counts['passed']} passed", f"{counts['failed'] + counts['error']} failed"]
    parts += [f"{counts[s]} {s}" for s in ("partly done", "timed out", "checker error")
              if counts[s]]
    parts.append(f"{counts['not attempted']} not attempted")
    return ", ".join(parts)


def format_results(results: list[Result]) -> str:
    """A report, one block per exercise, with a summary line at the end."""
    lines = []
    for r in results:
        lines.append(f"[{STATUSES[r.status]}] {r.exercise.id} {r.exercise.title} ({r.path.name})")
        if r.status != "passed" and r.message:
            lines += [f"       {line}" for line in r.message.splitlines()]
    lines.append(_summary(results))
    return "\n".join(lines)


def format_progress(by_chapter: dict[str, list[Result]]) -> str:
    """One table of every chapter's progress: counts per status and the exercises to look at."""
    head = f"{'chapter':<11}{'done':>6}{'todo':>6}{'wrong':>7}  to look at"
    lines = [head, "-" * len(head)]
    total = {"done": 0, "todo": 0, "wrong": 0, "all": 0}
    for chapter, results in by_chapter.items():
        done = sum(r.status == "passed" for r in results)
        todo = sum(r.status == "not attempted" for r in results)
        wrong = [r for r in results if r.status not in ("passed", "not attempted")]
        look = ", ".join(f"{r.exercise.id} ({r.status})" for r in wrong)
        lines.append(f"{chapter:<11}{f'{done}/{len(results)}':>6}{todo:>6}{len(wrong):>7}  {look}")
        for key, n in (("done", done), ("todo", todo), ("wrong", len(wrong)),
                       ("all", len(results))):
            total[key] += n
    lines.append("-" * len(head))
    done_all = f"{total['done']}/{total['all']}"
    lines.append(f"{'all':<11}{done_all:>6}{total['todo']:>6}{total['wrong']:>7}")
    lines.append("done = passed, todo = not attempted, wrong = failed, partly done, timed out "
                 "or error. Details: python -m llmscratch check <chapter>")
    return "\n".join(lines)
