"""The command line: ``python -m llmscratch doctor | fetch | check``.

- ``doctor``: is this machine ready? Versions, the device ``get_device()`` picks, every data file
  (present? checksum?), the tiktoken cache, free disk space, and one line of advice per problem.
  Exits 0 unless something blocks the chapters from running.
- ``fetch [NAME ...] [--all]``: download data sets and (by name) GPT-2 weights into the user cache
  with a progress bar, verify them, and seed tiktoken's cache, so the machine can work offline.
- ``check CHAPTER [--solutions] [--only ID] [--timeout S]``: run the exercise checks against your
  answers in ``<chapter>/exercises/`` (or our ``solutions/``), each within S seconds (default 60);
  ``check --all`` prints one table of every chapter's progress.

Examples::

    python -m llmscratch doctor
    python -m llmscratch fetch --all                  # data sets + tokenizer, no weights
    python -m llmscratch fetch gpt2-small             # 124M weights (~550 MB)
    python -m llmscratch check ch03
    python -m llmscratch check --all
"""

from __future__ import annotations

import argparse
import importlib
import platform
import shutil
import sys

# What `fetch --all` gets: everything but the (large) weights, which are fetched by name.
DEFAULT_FETCH = [
    "the-verdict",
    "gpt2-encoder-json",
    "gpt2-vocab-bpe",
    "sms-spam-collection",
    "instruction-data",
    "instruction-data-with-preference",
]
_MIN_FREE_GB = 2.0


def _version(module: str) -> str | None:
    try:
        return getattr(importlib.import_module(module), "__version__", "installed")
    except Exception:
        return None


def _folder_problems() -> list[str]:
    """A cache or data folder that is a file (or lies under one): nothing can be saved there."""
    from llmscratch import assets

    folders = [("LLMSCRATCH_CACHE_DIR (the download cache)", assets.user_cache_dir()),
               ("TIKTOKEN_CACHE_DIR (tiktoken's cache)", assets.tiktoken_cache_dir())]
    if assets.data_dir() is not None:
        folders.append(("LLMSCRATCH_DATA_DIR (the data folder)", assets.data_dir()))
    problems = []
    for what, folder in folders:
        blocker = next((p for p in [folder, *folder.parents] if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            problems.append(f"{what} {folder} cannot be a folder: {blocker} is a file. Rename "
                            "or delete that file, or point the variable at a folder.")
    return problems


def doctor(out=print) -> int:
    """Print a readiness report; return the exit code (1 when something blocks the chapters)."""
    from llmscratch import assets

    problems: list[str] = _folder_problems()  # blocking
    advice: list[str] = []  # not blocking
    out(f"Python      {platform.python_version()} ({sys.executable})")
    for module, needed in [("torch", True), ("numpy", True), ("tiktoken", True),
                           ("matplotlib", False), ("pandas", False), ("tqdm", True),
                           ("safetensors", False)]:
        version = _version(module)
        out(f"{module:<11} {version or 'MISSING'}")
        if version is None:
            (problems if needed else advice).append(
                f"{module} is not installed: run `pip install -e .` in the project folder."
            )

    if _version("torch") is not None:
        from llmscratch.device import describe_device

        try:
            text, warnings = describe_device()
            out(f"device      {text}")
            advice += warnings
        except Exception as err:  # a broken driver should not hide the rest of the report
            out(f"device      ERROR {err}")
            problems.append(f"probing the device failed ({err}): run with --device cpu.")

    out("data files")
    for name, asset in assets.ASSETS.items():
        where = assets.find_asset(name)
        if where is None:
            out(f"  {name:<34} missing")
            if name in DEFAULT_FETCH:
                advice.append(f"{name} is missing: run `python -m llmscratch fetch {name}` "
                              "(or set LLMSCRATCH_DATA_DIR to a folder that has it).")
            continue
        problem = assets.verify_file(name, where)
        if problem:
            out(f"  {name:<34} DAMAGED {where}")
            problems.append(f"{name}: {problem}. Delete it and run "
                            f"`python -m llmscratch fetch {name}`.")
        else:
            if asset.sha256 is None:
                verified = "present, no published checksum"
            elif where.stat().st_size <= assets.HASH_ON_LOOKUP_LIMIT:
                verified = "sha256 ok"
            else:  # gigabytes: hashed when downloaded, not on every look
                verified = "size ok" if asset.size is not None else "present"
            out(f"  {name:<34} {verified} ({where})")

    entries = assets.tiktoken_cache_entries()
    cached = all(p.is_file() for p in entries.values())
    out(f"tiktoken    gpt2 files {'cached' if cached else 'not cached'} in "
        f"{assets.tiktoken_cache_dir()}")
    if not cached:
        advice.append("tiktoken's GPT-2 files are not cached: online, tiktoken fetches them "
                      "itself; to work offline run `python -m llmscratch fetch --all`.")

    target = assets.user_cache_dir()
    probe = next((p for p in [target, *target.parents] if p.exists()), target.anchor)
    free_gb = shutil.disk_usage(probe).free / 1e9
    out(f"disk        {free_gb:.1f} GB free at {probe}")
    if free_gb < _MIN_FREE_GB:
        advice.append(f"Less than {_MIN_FREE_GB:g} GB free: GPT-2 weights need 0.5-6.5 GB; "
                      "free some space or set LLMSCRATCH_CACHE_DIR to a bigger disk.")

    for line in problems:
        out(f"PROBLEM: {line}")
    for line in advice:
        out(f"note: {line}")
    out("ready" if not problems else "not ready: fix the problems above")
    return 1 if problems else 0


def fetch(names: list[str], fetch_all: bool, out=print) -> int:
    """Download (or find) each asset, then seed tiktoken's cache when the BPE files are here."""
    from llmscratch import assets

    names = list(dict.fromkeys(names + (DEFAULT_FETCH if fetch_all else [])))
    if not names:
        out("Nothing to fetch: name assets or use --all. Known: " + ", ".join(assets.ASSETS))
        return 2
    unknown = [name for name in names if name not in assets.ASSETS]
    if unknown or _folder_problems():
        from llmscratch.scripting import ScriptError

        raise ScriptError(" ".join(_folder_problems()) or f"unknown asset {unknown[0]!r}; "
                          f"known: {', '.join(assets.ASSETS)}")
    failed = 0
    for name in names:
        try:
            out(f"{name}: {assets.get_asset_path(name)}")
        except assets.AssetError as err:
            failed += 1
            out(f"{name}: FAILED\n{err}")
    if fetch_all or {"gpt2-encoder-json", "gpt2-vocab-bpe"} & set(names):
        try:
            out(f"tiktoken cache: {assets.seed_tiktoken_cache()}")
        except assets.AssetError as err:
            failed += 1
            out(f"tiktoken cache: FAILED\n{err}")
    return 1 if failed else 0


def check(chapter: str | None, solutions: bool, only: str | None, out=print,
          all_chapters: bool = False, timeout: float | None = None) -> int:
    """Run a chapter's exercise checks (or, with ``all_chapters``, every chapter's, as one
    progress table); exit 1 if any attempted exercise does not pass."""
    from llmscratch.checking import CHAPTERS, check_chapter, format_progress, format_results

    which = "solutions" if solutions else "exercises"
    if all_chapters:
        if chapter or only:
            raise ValueError("--all checks every chapter: leave out the chapter and --only.")
        by_chapter = {ch: check_chapter(ch, which=which, timeout=timeout) for ch in CHAPTERS}
        out(format_progress(by_chapter))
        results = [r for rs in by_chapter.values() for r in rs]
    else:
        if not chapter:
            raise ValueError("name a chapter (ch02 ... ch07, appendix_a) or use --all.")
        results = check_chapter(chapter, which=which, only=only, timeout=timeout)
        if not results:
            out(f"No exercise checks found for {chapter}.")
            return 2
        out(format_results(results))
    return 1 if any(r.status not in ("passed", "not attempted") for r in results) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m llmscratch",
        description="Tools for the llmscratch chapters.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true",
                        help="show Python tracebacks for errors (also: LLMSCRATCH_DEBUG=1)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("doctor", help="check that this machine is ready for the chapters")
    p_fetch = sub.add_parser("fetch", help="download data (and weights by name) for offline use")
    p_fetch.add_argument("names", nargs="*", help="asset names, e.g. the-verdict gpt2-small")
    p_fetch.add_argument("--all", action="store_true",
                         help="every data set and the tokenizer files (weights only by name)")
    p_check = sub.add_parser("check", help="check your exercise answers for a chapter")
    p_check.add_argument("chapter", nargs="?", default=None, help="ch02 ... ch07 or appendix_a")
    p_check.add_argument("--all", action="store_true", dest="all_chapters",
                         help="every chapter, as one progress table")
    p_check.add_argument("--timeout", type=float, default=None,
                         help="seconds each exercise may run (default: 60, or the exercise's own)")
    p_check.add_argument("--solutions", action="store_true",
                         help="check our solutions/ instead of your exercises/")
    p_check.add_argument("--only", default=None, help="one exercise id, e.g. ex3_2")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; ``python -m llmscratch`` wraps it in ``run_script`` (one-line errors)."""
    args = build_parser().parse_args(argv)
    if args.command == "doctor":
        return doctor()
    if args.command == "fetch":
        return fetch(args.names, args.all)
    try:
        return check(args.chapter, args.solutions, args.only,
                     all_chapters=args.all_chapters, timeout=args.timeout)
    except (ValueError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
