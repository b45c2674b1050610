"""Execute lesson notebooks in full mode and store their outputs, clean and stamped.

    python tests/regenerate_notebooks.py                      # every notebook
    python tests/regenerate_notebooks.py ch05_pretraining/ch05.ipynb ch06_classification
    python tests/regenerate_notebooks.py --quick ch02_tokenizing/ch02.ipynb   # a dry run
    python tests/regenerate_notebooks.py --clean-only         # re-clean stored outputs, no run

Each notebook runs as committed (``QUICK = False`` in its first cell) in a fresh kernel whose
working directory is a temporary folder, one cell at a time behind a progress bar. Then:

- machine paths in the outputs (``/work/...``, ``/root/...``, ``/tmp/...``, ``/home/...``) become
  ``<local>/...`` and the checkout's own path becomes ``.``;
- carriage-return progress bars in stderr keep only their last state without their timings
  (``[00:33<00:00, 1.66s/it]``), and known environment warnings (tqdm's "IProgress not found")
  are dropped;
- the random part of a temporary folder's name (``tempfile.mkdtemp(prefix="ch02-")`` gives
  ``ch02-brcnfyw6``) becomes ``<tmp>``, so a re-run does not change the outputs;
- cell metadata that changes on every run (execution timestamps) is dropped;
- ``metadata["llmscratch"]`` records ``code_sha256``, the hash of the code cells' sources, and
  ``mode`` ("full" or "quick").

``tests/test_notebooks.py`` recomputes the hash with ``code_hash`` below: a code cell edited after
its outputs were made fails the test until this tool is run again. ``--quick`` runs the quick
presets and records ``mode = "quick"``, which the test refuses: it is for trying the tool.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# an absolute path on a typical machine: the checkout, a home folder, a temporary folder
MACHINE_PATH = re.compile(
    r"(?:/work|/root|/tmp|/home|/Users|/private/var|/var/folders)(?:/[\w.+@-]+)+"
)
META_KEY = "llmscratch"
# a tqdm bar's timing part, e.g. " [00:33<00:00,  1.66s/it]"
TQDM_TIMING = re.compile(r" ?\[\d+:\d\d(?::\d\d)?<[^\]\n]*(?:it/s|s/it)\]")
TEMP_PREFIX = re.compile(r"mkdtemp\(prefix=[\"']([^\"']+)[\"']")


def _joined(value) -> str:
    """A source or output text as one string (notebooks store a string or a list of lines)."""
    return "".join(value) if isinstance(value, list) else value


def code_hash(nb) -> str:
    """sha256 of the code cells' sources, in order (markdown and outputs do not count)."""
    digest = hashlib.sha256()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            digest.update(_joined(cell["source"]).strip().encode() + b"\n\x00")
    return digest.hexdigest()


def _output_texts(cell):
    for out in cell.get("outputs", []):
        if "text" in out:
            yield _joined(out["text"])
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                yield _joined(value)
        if "traceback" in out:
            yield "\n".join(out["traceback"])


def _random_temp_names(nb, made=()) -> re.Pattern | None:
    """A pattern for the temporary folders the notebook's code makes with ``mkdtemp(prefix=...)``.

    ``made`` holds the exact names a run created (the regeneration sees them); without them
    (checking a committed file) a name counts as random when the 8 characters after the prefix
    hold a digit or an underscore, so "ch02-notebook" is left alone.
    """
    prefixes = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            prefixes.update(TEMP_PREFIX.findall(_joined(cell["source"])))
    exact = [re.escape(name) for name in made if any(name.startswith(p) for p in prefixes)]
    if not prefixes:
        return None
    guess = ("(" + "|".join(map(re.escape, sorted(prefixes))) + ")"
             + r"(?=[a-z]{0,7}[0-9_])[a-z0-9_]{8}\b")
    return re.compile("|".join([guess, *exact]))


def freshness_problems(nb) -> list[str]:
    """Why a committed notebook's outputs cannot be trusted; [] when they can."""
    problems = []
    meta = nb.get("metadata", {}).get(META_KEY, {})
    if meta.get("code_sha256") != code_hash(nb):
        problems.append("its code cells changed after the outputs were made (hash mismatch)")
    if meta.get("mode") != "full":
        problems.append(f"its outputs come from mode {meta.get('mode')!r}, not 'full'")
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    if not any(c.get("outputs") for c in code):
        problems.append("it has no outputs")
    temp_names = _random_temp_names(nb)
    for i, cell in enumerate(code):
        for text in _output_texts(cell):
            found = MACHINE_PATH.search(text)
            if found:
                problems.append(f"code cell {i} shows a machine path: {found.group(0)!r}")
                break
            noise = TQDM_TIMING.search(text) or (temp_names and temp_names.search(text))
            if noise:
                problems.append(f"code cell {i} shows what changes on every run: "
                                f"{noise.group(0).strip()!r}")
                break
    return problems


def _clean_text(text: str, root: str, temp_names: re.Pattern | None = None) -> str:
    text = text.replace(root + "/", "").replace(root, ".")
    text = MACHINE_PATH.sub(lambda m: "<local>/" + m.group(0).rsplit("/", 1)[-1], text)
    if temp_names is not None:
        text = temp_names.sub(lambda m: m.group(0)[:-8] + "<tmp>", text)
    # a progress bar redrawn with \r: keep what the reader would finally see on each line
    text = "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))
    return TQDM_TIMING.sub("", text)


# warnings that say how the running machine was set up, not what the lesson computes
NOISE = re.compile(r".*TqdmWarning: IProgress not found.*\n(?:\s+from \.autonotebook import.*\n)?")


def _only_noise(out) -> bool:
    """Drop known environment warnings from a stderr stream; True when nothing else is left."""
    if out.get("output_type") != "stream" or out.get("name") != "stderr":
        return False
    out["text"] = NOISE.sub("", out["text"])
    return not out["text"].strip()


def clean_outputs(nb, made=()) -> None:
    """Clean every output in place (see the module docstring); ``made``: the temporary folder
    names the run created."""
    root = str(ROOT)
    temp_names = _random_temp_names(nb, made)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        merged = []  # a progress bar arrives as many stream chunks: join neighbours first
        for out in cell.get("outputs", []):
            if (merged and out.get("output_type") == "stream"
                    and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == out.get("name")):
                merged[-1]["text"] += out["text"]
            else:
                merged.append(out)
        cell.outputs = [out for out in merged if not _only_noise(out)]
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = _clean_text(out["text"], root, temp_names)
            for mime in list(out.get("data", {})):
                if mime.startswith("text/"):
                    out["data"][mime] = _clean_text(out["data"][mime], root, temp_names)
            if "traceback" in out:
                out["traceback"] = [_clean_text(t, root, temp_names) for t in out["traceback"]]


def _bar(name: str, done: int, total: int, started: float) -> None:
    width = 30
    filled = width * done // max(total, 1)
    minutes = (time.time() - started) / 60
    sys.stderr.write(f"\r{name:<45} [{'#' * filled}{'.' * (width - filled)}] "
                     f"{done}/{total} cells {minutes:4.1f} min")
    sys.stderr.flush()


def regenerate(path: Path, quick: bool = False, timeout: int = 3600) -> float:
    """Execute one notebook, clean and stamp it, write it back; returns minutes taken."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    run = nb
    if quick:  # run a copy with the test's override cell; the stored cells stay as committed
        run = nbformat.from_dict(nb)
        first = next(i for i, c in enumerate(run.cells) if c.cell_type == "code")
        run.cells.insert(first + 1, nbformat.v4.new_code_cell("QUICK = True"))
    started = time.time()
    name = str(path.relative_to(ROOT))
    saved_tmpdir = os.environ.get("TMPDIR")
    with tempfile.TemporaryDirectory() as cwd, tempfile.TemporaryDirectory() as kernel_tmp:
        os.environ["TMPDIR"] = kernel_tmp  # the kernel's mkdtemp folders land here, by name
        try:
            client = NotebookClient(run, timeout=timeout, kernel_name="python3",
                                    resources={"metadata": {"path": cwd}}, record_timing=False)
            with client.setup_kernel():
                for index, cell in enumerate(run.cells):
                    _bar(name, index, len(run.cells), started)
                    client.execute_cell(cell, index)
        finally:
            if saved_tmpdir is None:
                os.environ.pop("TMPDIR", None)
            else:
                os.environ["TMPDIR"] = saved_tmpdir
        made = [p.name for p in Path(kernel_tmp).iterdir()]
        _bar(name, len(run.cells), len(run.cells), started)
        sys.stderr.write("\n")
    if quick:
        del run.cells[first + 1]
        nb = run
    clean_outputs(nb, made)
    nb.metadata[META_KEY] = {"code_sha256": code_hash(nb), "mode": "quick" if quick else "full"}
    nbformat.write(nb, path)
    return (time.time() - started) / 60


def _collect(args: list[str]) -> list[Path]:
    if not args:
        return sorted(ROOT.glob("ch0*/*.ipynb")) + sorted(ROOT.glob("appendix_a_pytorch/*.ipynb"))
    paths = []
    for arg in args:
        p = Path(arg).resolve()
        paths += sorted(p.glob("*.ipynb")) if p.is_dir() else [p]
    return paths


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="notebooks or chapter folders (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="run the quick presets (recorded as such; the test refuses them)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds allowed per cell")
    parser.add_argument("--clean-only", action="store_true",
                        help="re-clean the stored outputs without running (the hash stays)")
    args = parser.parse_args(argv)
    if args.clean_only:
        import nbformat

        for path in _collect(args.paths):
            nb = nbformat.read(path, as_version=4)
            clean_outputs(nb)
            nbformat.write(nb, path)
            print(f"{path.relative_to(ROOT)}: cleaned")
        return {}
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    minutes = {}
    for path in _collect(args.paths):
        minutes[str(path.relative_to(ROOT))] = regenerate(path, args.quick, args.timeout)
    for name, m in minutes.items():
        print(f"{name}: {m:.1f} min")
    return minutes


if __name__ == "__main__":
    main()
