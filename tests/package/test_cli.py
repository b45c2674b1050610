"""python -m llmscratch doctor | fetch | check, run as a learner would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, env=None, timeout=180):
    return subprocess.run([sys.executable, "-m", "llmscratch", *args], cwd=ROOT,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          timeout=timeout)


def test_doctor_reports_versions_device_assets_and_disk():
    out = _run("doctor")
    # Invariant: with the offline data in place nothing blocks: exit 0 and "ready".
    assert out.returncode == 0, out.stdout + out.stderr
    for word in ("Python", "torch", "numpy", "tiktoken", "device", "the-verdict", "sha256 ok",
                 "disk", "ready"):
        assert word in out.stdout, f"doctor output lacks {word!r}:\n{out.stdout}"


def test_doctor_flags_damaged_file_with_advice(tmp_path):
    (tmp_path / "the-verdict").mkdir()
    (tmp_path / "the-verdict" / "the-verdict.txt").write_text("not the story")
    out = _run("doctor", env={"LLMSCRATCH_DATA_DIR": str(tmp_path),
                              "LLMSCRATCH_CACHE_DIR": str(tmp_path / "cache")})
    # Invariant: a damaged file blocks (exit 1) and the report says how to fix it.
    assert out.returncode == 1
    assert "DAMAGED" in out.stdout and "python -m llmscratch fetch the-verdict" in out.stdout
    # Invariant: missing files are advice, not silence.
    assert "instruction-data is missing" in out.stdout


def test_fetch_offline_copies_found_and_tiktoken_seeded(tmp_path):
    tk = tmp_path / "tk"
    out = _run("fetch", "--all", env={"TIKTOKEN_CACHE_DIR": str(tk)})
    # Invariant: with everything present offline, fetch succeeds and seeds tiktoken's cache.
    assert out.returncode == 0, out.stdout + out.stderr
    assert len(list(tk.iterdir())) == 2


def test_fetch_offline_missing_weights_fails_clearly(tmp_path):
    out = _run("fetch", "gpt2-small", env={"LLMSCRATCH_CACHE_DIR": str(tmp_path)}, timeout=120)
    # Invariant: no network -> non-zero exit with the URLs tried and where to put the file.
    assert out.returncode == 1
    assert "huggingface.co" in out.stdout and "gpt2/124M/model.safetensors" in out.stdout


def test_check_unknown_chapter_is_an_error():
    out = _run("check", "ch99")
    assert out.returncode != 0 and "ch99" in (out.stdout + out.stderr)


def test_errors_are_one_line_and_debug_shows_the_traceback(tmp_path):
    cache = tmp_path / "cache_file"
    cache.write_text("a file where the cache folder should be")
    out = _run("fetch", "the-verdict", env={"LLMSCRATCH_CACHE_DIR": str(cache)})
    # Invariant: python -m llmscratch exits 2 with one "error:" line naming the file.
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error: ") and f"{cache} is a file" in out.stderr
    out = _run("--debug", "fetch", "nope")
    # Invariant: --debug adds the traceback to the same message and exit code.
    assert out.returncode == 2 and "Traceback" in out.stderr
    assert "error: unknown asset 'nope'" in out.stderr


def test_doctor_is_not_ready_when_the_cache_is_a_file(tmp_path):
    cache = tmp_path / "cache_file"
    cache.write_text("x")
    out = _run("doctor", env={"LLMSCRATCH_CACHE_DIR": str(cache / "sub")})
    # Invariant: a cache that cannot be created blocks (exit 1), never "ready".
    assert out.returncode == 1 and "not ready" in out.stdout
    assert f"{cache} is a file" in out.stdout


def test_doctor_says_sha256_ok_only_for_files_it_hashed(monkeypatch, data_dir):
    from llmscratch import assets, cli

    lines = []
    monkeypatch.setattr(assets, "HASH_ON_LOOKUP_LIMIT", 30_000)  # the-verdict (20 kB) is hashed
    cli.doctor(out=lines.append)
    verdict = next(line for line in lines if "the-verdict" in line)
    spam = next(line for line in lines if "sms-spam-collection" in line)
    # Invariant: a file above the limit had its size checked, not its sha256, and says so.
    assert "sha256 ok" in verdict and "size ok" in spam and "sha256" not in spam
