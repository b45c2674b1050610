"""Tests for appendix_a_pytorch/ddp_train.py: as one plain process (main() called directly) and
under ``torchrun --nproc_per_node=2`` with the gloo backend on the CPU (a subprocess)."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "appendix_a_pytorch" / "ddp_train.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("_ddp_train_under_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _torchrun(out_dir: Path, *extra: str) -> tuple[subprocess.CompletedProcess, list, list]:
    """Run the script with two CPU processes; return the result, each rank's weights and
    metrics."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")}
    env["OMP_NUM_THREADS"] = "1"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nnodes=1", "--nproc_per_node=2",
           "--master_addr=127.0.0.1", f"--master_port={_free_port()}", str(SCRIPT),
           "--device", "cpu", "--output-dir", str(out_dir), *extra]
    result = subprocess.run(cmd, env=env, cwd=out_dir.parent, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, f"torchrun failed:\n{result.stdout}\n{result.stderr[-3000:]}"
    weights = [torch.load(out_dir / f"rank{r}_weights.pt", weights_only=True) for r in range(2)]
    metrics = [json.loads((out_dir / f"rank{r}_metrics.json").read_text()) for r in range(2)]
    return result, weights, metrics


def test_help_documents_every_flag(capsys):
    script = _load_script()
    with pytest.raises(SystemExit) as exit_info:
        script.main(["--help"])
    text = capsys.readouterr().out
    # Invariant: --help exits cleanly and names the flags a learner needs.
    assert exit_info.value.code == 0
    for flag in ("--device", "--num-epochs", "--quick", "--no-ddp", "--output-dir"):
        assert flag in text


def test_single_process_without_torchrun(monkeypatch, tmp_path):
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):
        monkeypatch.delenv(name, raising=False)
    metrics = _load_script().main(["--device", "cpu", "--output-dir", str(tmp_path)])
    # Invariant: without torchrun the script is one plain process with no process group.
    assert metrics["world_size"] == 1 and metrics["backend"] is None and not metrics["ddp"]
    assert not torch.distributed.is_initialized()
    # Invariant: one process sees all 5 training points every epoch.
    assert all(sorted(share) == [0, 1, 2, 3, 4] for share in metrics["train_indices"])
    # Invariant: the book's 3 epochs classify every training and test point correctly.
    assert metrics["train_accuracy"] == 1.0 and metrics["test_accuracy"] == 1.0
    # Invariant: the outputs the torchrun test relies on are written.
    assert (tmp_path / "rank0_weights.pt").is_file() and (tmp_path / "rank0_metrics.json").is_file()


def test_quick_mode_trains_one_epoch(monkeypatch):
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):
        monkeypatch.delenv(name, raising=False)
    metrics = _load_script().main(["--device", "cpu", "--quick"])
    # Invariant: --quick means one epoch (2 batches of the 5 points with drop_last).
    assert metrics["num_epochs"] == 1 and len(metrics["losses"]) == 2


@pytest.mark.slow
def test_torchrun_two_cpu_ranks_share_data_and_end_identical(tmp_path):
    result, weights, metrics = _torchrun(tmp_path / "ddp")
    by_rank = sorted(metrics, key=lambda m: m["rank"])
    # Invariant: two ranks joined one gloo group and trained with DDP.
    assert [m["rank"] for m in by_rank] == [0, 1]
    assert all(m["world_size"] == 2 and m["backend"] == "gloo" and m["ddp"] for m in by_rank)
    for epoch, (share0, share1) in enumerate(zip(by_rank[0]["train_indices"],
                                                 by_rank[1]["train_indices"])):
        # Invariant: each rank gets a disjoint half (2 + 2 of the 5 points) every epoch.
        assert len(share0) == len(share1) == 2, epoch
        assert not set(share0) & set(share1), f"epoch {epoch}: ranks share {share0} / {share1}"
    # Invariant: the ranks trained on different data (their local losses differ) ...
    assert by_rank[0]["losses"] != by_rank[1]["losses"]
    # ... and still end with bitwise identical weights, because DDP averages the gradients.
    for key in weights[0]:
        assert torch.equal(weights[0][key], weights[1][key]), f"{key} differs between ranks"
    # Invariant: rank 0 reports the final accuracy; the toy data is learned fully.
    assert "[rank 0] final train accuracy 1.00, test accuracy 1.00" in result.stdout
    assert "[rank 1] final" not in result.stdout
    # Invariant: each rank prints its data share.
    assert "[rank 0/2] training examples per epoch" in result.stdout
    assert "[rank 1/2] training examples per epoch" in result.stdout


@pytest.mark.slow
def test_torchrun_without_ddp_lets_ranks_drift_apart(tmp_path):
    _, weights, metrics = _torchrun(tmp_path / "no_ddp", "--no-ddp")
    # Invariant: the control for the test above: without gradient averaging the same seed and
    # different data give different weights, so "identical weights" really measures DDP.
    assert not any(m["ddp"] for m in metrics)
    assert any(not torch.equal(weights[0][k], weights[1][k]) for k in weights[0])


def test_missing_partners_stop_after_the_timeout_instead_of_waiting(tmp_path):
    import time

    with socket.socket() as probe:  # a free port, so no other test's process group answers
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RANK": "0", "WORLD_SIZE": "2",
           "LOCAL_RANK": "0", "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": str(port),
           "LLMSCRATCH_DIST_TIMEOUT": "2"}
    env.pop("LLMSCRATCH_DEBUG", None)
    started = time.time()
    result = subprocess.run([sys.executable, str(SCRIPT), "--device", "cpu",
                             "--output-dir", str(tmp_path / "out")], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    # Invariant: rank 0 alone gives up after the short timeout, with one clear line, exit 2,
    # and writes nothing (torch's own default would wait for many minutes).
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "not all 2 processes joined within 2 s" in result.stderr
    assert time.time() - started < 60 and not (tmp_path / "out").exists()
