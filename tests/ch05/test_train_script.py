"""ch05_pretraining/train_gpt.py: quick run, exact resume, and torchrun with two CPU processes."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from llmscratch.scripting import ScriptError

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "ch05_pretraining" / "train_gpt.py"
# A tiny, fast setting shared by the runs below.
TINY = ["--quick", "--no-progress", "--no-plot", "--emb-dim", "32", "--context-length", "16",
        "--eval-freq", "3", "--eval-iter", "2", "--sample-tokens", "3"]


pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("train_gpt", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quick_run_writes_metrics_plot_and_checkpoint(script, tmp_path, data_dir):
    out = tmp_path / "run"
    metrics = script.main(["--quick", "--no-progress", "--out", str(out)])
    saved = json.loads((out / "metrics.json").read_text())
    # Invariant: main returns what it writes, including the book's three lists.
    assert saved["train_losses"] == metrics["train_losses"]
    assert len(metrics["train_losses"]) == len(metrics["val_losses"]) == len(
        metrics["tokens_seen"]) == 6  # steps 0, 5, ..., 25 of 30
    # Invariant: an untrained model starts near ln(50257) = 10.8 and the quick run learns.
    assert 10.5 < metrics["initial_train_loss"] < 11.5
    assert metrics["final_train_loss"] < metrics["initial_train_loss"] - 2.0
    assert metrics["sample"].startswith("Every effort moves you")
    # Invariant: the plot and a loadable checkpoint are written.
    assert (out / "loss.png").stat().st_size > 1000
    state = torch.load(out / "checkpoint.pt", weights_only=True)
    assert state["step"] == 30 and state["extra"]["config"]["emb_dim"] == 64


def test_resume_continues_exactly(script, tmp_path, data_dir):
    full = script.main(TINY + ["--max-steps", "8", "--out", str(tmp_path / "full")])
    script.main(TINY + ["--max-steps", "4", "--out", str(tmp_path / "part")])
    torch.manual_seed(999)  # the resumed run must not depend on the RNG it starts with
    resumed = script.main(TINY + ["--max-steps", "8", "--out", str(tmp_path / "part"),
                                  "--resume", str(tmp_path / "part" / "checkpoint.pt")])
    # Invariant: stopping at step 4 and resuming (dropout on) gives the uninterrupted run.
    for key in ("train_losses", "val_losses", "tokens_seen", "eval_steps"):
        assert resumed[key] == full[key], key
    a = torch.load(tmp_path / "full" / "checkpoint.pt", weights_only=True)["model_state_dict"]
    b = torch.load(tmp_path / "part" / "checkpoint.pt", weights_only=True)["model_state_dict"]
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_data_folder_and_schedule_flags(script, tmp_path, data_dir):
    texts = tmp_path / "texts"
    texts.mkdir()
    verdict = (data_dir / "the-verdict" / "the-verdict.txt").read_text(encoding="utf-8")
    (texts / "a.txt").write_text(verdict[:8000], encoding="utf-8")
    (texts / "b.txt").write_text(verdict[8000:], encoding="utf-8")
    metrics = script.main(TINY + ["--data", str(texts), "--max-steps", "6", "--warmup-steps",
                                  "2", "--min-lr", "1e-5", "--grad-clip", "1.0",
                                  "--out", str(tmp_path / "out")])
    # Invariant: a folder of .txt files trains like one text (here: the-verdict in two parts).
    assert metrics["steps"] == 6 and metrics["final_train_loss"] < metrics["initial_train_loss"]
    # Invariant: a text too short for one validation window stops with a clear message.
    (texts / "b.txt").unlink()
    (texts / "a.txt").write_text("too short", encoding="utf-8")
    with pytest.raises(ScriptError, match="too short"):
        script.main(TINY + ["--data", str(texts), "--out", str(tmp_path / "short")])


@pytest.mark.slow
@pytest.mark.parametrize("model_flag", [[], ["--fast"]], ids=["GPTModel", "GPTModelFast"])
def test_two_processes_under_torchrun_match_one_process(script, tmp_path, data_dir, model_flag):
    # GPTModelFast too: DistributedDataParallel must cope with its packed query/key/value
    # parameters (views of one tensor)
    args = TINY + ["--max-steps", "6", "--drop-rate", "0.0", "--batch-size", "4"] + model_flag
    single = script.main(args + ["--out", str(tmp_path / "one")])
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
         str(SCRIPT), *args, "--out", str(tmp_path / "two")],
        env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    double = json.loads((tmp_path / "two" / "metrics.json").read_text())
    # Invariant: two ranks with half the batch each see the same global batches, so the
    # losses equal the single process's up to the order of float additions.
    assert double["world_size"] == 2 and double["tokens_seen"] == single["tokens_seen"]
    for key in ("train_losses", "val_losses"):
        assert double[key] == pytest.approx(single[key], abs=1e-4), key
    assert double["initial_val_loss"] == pytest.approx(single["initial_val_loss"], abs=1e-5)


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "ch05_pretraining" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generate_text_streams_the_same_tokens_with_and_without_cache(capsys):
    from llmscratch import generate

    gen = _load("generate_text")
    cached = gen.main(["--quick", "--temperature", "1.0", "--top-k", "5", "--seed", "7"])
    streamed = capsys.readouterr().out
    plain = gen.main(["--quick", "--temperature", "1.0", "--top-k", "5", "--seed", "7",
                      "--no-cache", "--no-stream"])
    # Invariant: the KV cache changes speed, not the sampled tokens.
    assert cached["token_ids"] == plain["token_ids"] and len(cached["token_ids"]) == 10
    # Invariant: what was streamed is exactly the final text.
    assert streamed.strip() == cached["text"].strip()
    model = gen.load_model(gen.parse_args(["--quick", "--seed", "7"]), "cpu")
    idx = torch.tensor([gen.get_gpt2_tokenizer().encode("Every effort moves you")])
    torch.manual_seed(7)
    expected = generate(model, idx, 10, 64, temperature=1.0, top_k=5)[0, idx.shape[1]:]
    # Invariant: the script samples exactly as llmscratch.generate does under the same seed.
    assert cached["token_ids"] == expected.tolist()


def test_generate_text_fast_and_low_precision_weights(capsys, monkeypatch):
    from llmscratch.fast import UnsupportedOptionError

    gen = _load("generate_text")
    sampled = ["--quick", "--temperature", "1.0", "--top-k", "5", "--seed", "3", "--no-stream"]
    plain, fast = gen.main(sampled), gen.main(sampled + ["--fast"])
    # Invariant: --fast decodes with GPTModelFast and samples the same tokens as the book model.
    assert (plain["model"], fast["model"]) == ("GPTModel", "GPTModelFast")
    assert fast["token_ids"] == plain["token_ids"]
    # Invariant: --weights int8 generates with every Linear layer stored in int8 (implies --fast).
    linears = int8_layers(gen, ["--quick", "--weights", "int8"])
    assert linears and all(m.weight.dtype == torch.int8 for m in linears)
    assert gen.main(["--quick", "--weights", "int8"])["model"] == "GPTModelFast"

    def unsupported(model, weights):
        raise UnsupportedOptionError(f"{weights} weights need a kernel this PyTorch lacks")

    monkeypatch.setattr(gen, "quantize_for_generation", unsupported)
    # Invariant: where the kernel is missing, the script stops with what to use instead.
    with pytest.raises(ScriptError, match=r"(?s)--weights bf16 is not available.*float32"):
        gen.main(["--quick", "--weights", "bf16"])
    capsys.readouterr()


def int8_layers(gen, argv):
    """The int8 ``LowPrecisionLinear`` layers of the model generate_text.py builds for argv."""
    from llmscratch.fast import LowPrecisionLinear

    args = gen.parse_args(argv)
    model = gen.speed_options(gen.load_model(args, "cpu"), args)
    return [m for m in model.modules()
            if isinstance(m, LowPrecisionLinear) and m.weight.dtype == torch.int8]


def test_generate_text_weights_check_catches_an_ignored_flag(monkeypatch):
    gen = _load("generate_text")

    def only_fast(model, args):  # mutant: --weights is read only together with --fast
        return gen.to_fast_model(model) if args.fast else model

    monkeypatch.setattr(gen, "speed_options", only_fast)
    # Invariant: the check above sees that no layer was stored in int8
    assert int8_layers(gen, ["--quick", "--weights", "int8"]) == []


def _compiled_with(gen, monkeypatch, argv):
    """Run generate_text.py with ``argv``; return its result and the models it compiled."""
    compiled, original = [], gen.compile_decoding

    def spy(model, *args, **kwargs):
        compiled.append(model)
        return original(model, *args, **kwargs)

    monkeypatch.setattr(gen, "compile_decoding", spy)
    return gen.main(argv), compiled


def test_generate_text_compile(monkeypatch, capsys):
    from llmscratch.fast import supported_options

    if supported_options("cpu")["compile"] is not None:
        pytest.skip("torch.compile is not supported here: " + supported_options("cpu")["compile"])
    torch._dynamo.reset()
    gen = _load("generate_text")
    greedy = ["--quick", "--no-stream"]
    fast = gen.main(greedy + ["--fast"])
    result, compiled = _compiled_with(gen, monkeypatch, greedy + ["--compile"])
    # Invariant: --compile decodes with GPTModelFast's compiled step (compiled before the
    # first token) and gives --fast's tokens
    assert len(compiled) == 1 and compiled[0]._compiled_decoding is not None
    assert result["model"] == "GPTModelFast" and result["token_ids"] == fast["token_ids"]
    assert "compiling the decoding step" in capsys.readouterr().err
    # Invariant: --compile with low-precision weights stops with what to do instead
    with pytest.raises(ScriptError, match="--compile decodes float32"):
        gen.main(["--quick", "--compile", "--weights", "int8"])

    def no_compile(model, args):  # mutant: --compile is read as --fast only
        return gen.to_fast_model(model)

    monkeypatch.setattr(gen, "speed_options", no_compile)
    # the check above sees that nothing was compiled
    assert _compiled_with(gen, monkeypatch, greedy + ["--compile"])[1] == []


def test_generate_text_from_a_training_checkpoint(script, tmp_path, data_dir, capsys):
    script.main(TINY + ["--max-steps", "3", "--out", str(tmp_path)])
    result = _load("generate_text").main(["--checkpoint", str(tmp_path / "checkpoint.pt"),
                                          "--max-new-tokens", "5", "--ignore-eos"])
    # Invariant: a train_gpt.py checkpoint carries its config, so it generates directly.
    assert len(result["token_ids"]) == 5 and result["text"].startswith("Every effort")


def test_fast_flag_trains_gpt_model_fast_with_the_same_losses(script, tmp_path, data_dir,
                                                              monkeypatch):
    from llmscratch import GPTModel
    from llmscratch.fast import GPTModelFast, UnsupportedOptionError, supported_options

    built, kept = [], []

    class Recording(GPTModelFast):
        def __init__(self, cfg):
            super().__init__(cfg)
            built.append(cfg)

    def record_keep(device):  # the real option is process-wide and permanent: record it
        reason = supported_options(device)["keep_freed_memory"]
        if reason is not None:
            raise UnsupportedOptionError(reason)
        kept.append(str(device))

    monkeypatch.setattr(script, "GPTModelFast", Recording)
    monkeypatch.setattr(script, "keep_freed_memory", record_keep)
    no_dropout = TINY + ["--drop-rate", "0", "--max-steps", "4"]
    fast = script.main(no_dropout + ["--fast", "--out", str(tmp_path / "fast")])
    plain = script.main(no_dropout + ["--out", str(tmp_path / "plain")])
    # Invariant: --fast trains GPTModelFast (and asks for the allocator option where supported).
    assert len(built) == 1
    assert kept == (["cpu"] if supported_options("cpu")["keep_freed_memory"] is None else [])
    # Invariant: without dropout it is the book model computed differently: same losses.
    assert fast["train_losses"] == pytest.approx(plain["train_losses"], abs=1e-4)
    assert fast["val_losses"] == pytest.approx(plain["val_losses"], abs=1e-4)
    # Invariant: its checkpoint is a GPTModel checkpoint.
    state = torch.load(tmp_path / "fast" / "checkpoint.pt", weights_only=True)
    GPTModel(state["extra"]["config"]).load_state_dict(state["model_state_dict"])


# --- one run folder rule, NaN stop, signals ----------------------------------------------------


def test_a_second_run_never_replaces_the_first_unasked(script, tmp_path, data_dir, monkeypatch):
    out = tmp_path / "run"
    script.main(TINY + ["--max-steps", "2", "--out", str(out)])
    (out / "loss.png").write_text("the plot of the first run")
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    # Invariant: a second run into the same folder is refused before any work, naming the files.
    with pytest.raises(ScriptError, match=r"checkpoint.pt, loss.png, metrics.json.*--overwrite"):
        script.main(TINY + ["--max-steps", "2", "--out", str(out)])
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    # Invariant: --overwrite replaces the run and leaves no stale file (no plot this time).
    script.main(TINY + ["--max-steps", "2", "--out", str(out), "--overwrite"])
    assert sorted(p.name for p in out.iterdir()) == ["checkpoint.pt", "metrics.json"]
    # Invariant: the README's `train_gpt.py --quick` works twice in a row: it replaces only
    # its own quick folder, runs/ch05-quick.
    monkeypatch.chdir(tmp_path)
    quick = TINY + ["--max-steps", "1"]
    for _ in range(2):
        assert script.main(quick)["steps"] == 1
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["ch05-quick"]


def test_nan_loss_stops_and_keeps_the_last_good_checkpoint(script, tmp_path, data_dir):
    out = tmp_path / "run"
    with pytest.raises(ScriptError, match=r"loss became nan at step 2.*checkpoint.pt is kept"):
        script.main(TINY + ["--lr", "1e10", "--weight-decay", "0", "--save-every", "1",
                            "--out", str(out)])
    state = torch.load(out / "checkpoint.pt", weights_only=True)
    # Invariant: the checkpoint is step 1's, finite; no metrics of a broken run were written.
    assert state["step"] == 1 and not (out / "metrics.json").exists()
    assert all(torch.isfinite(t).all() for t in state["model_state_dict"].values())


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_signal_prints_the_resume_command_which_continues_the_run(script, tmp_path, data_dir,
                                                                   sig):
    import shlex
    import signal
    import time

    out = tmp_path / "run"
    argv = TINY + ["--epochs", "50", "--max-steps", "100000", "--save-every", "1",
                   "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    env.pop("LLMSCRATCH_DEBUG", None)
    proc = subprocess.Popen([sys.executable, str(SCRIPT), *argv], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not (out / "checkpoint.pt").exists() and time.time() < deadline:
        time.sleep(0.2)
    proc.send_signal(getattr(signal, sig))
    err = proc.communicate(timeout=120)[1]
    # Invariant: exit 130, one line naming the checkpoint and the command to continue.
    assert proc.returncode == 130 and "Traceback" not in err, err
    line = err.strip().splitlines()[-1]
    assert str(out / "checkpoint.pt") in line and "Continue with: python" in line
    # Invariant: no temporary file is left next to the checkpoint.
    assert sorted(p.name for p in out.iterdir()) == ["checkpoint.pt"]
    # Invariant: the printed command resumes the run (here for one more step).
    command = shlex.split(line.split("Continue with: ")[1])[2:]
    step = torch.load(out / "checkpoint.pt", weights_only=True)["step"]
    command[command.index("--max-steps") + 1] = str(step + 1)
    assert script.main(command)["steps"] == step + 1


def test_sample_prompt_reads_endoftext_as_plain_text(script, monkeypatch):
    # Invariant: a learner's --start-context is text; "<|endoftext|>" in it is not id 50256
    # (the same as generate_text.py and the chapter 6-7 scripts).
    from llmscratch import GPTModel, get_gpt2_tokenizer

    seen = []
    monkeypatch.setattr(script, "generate", lambda model, idx, *args: seen.append(idx) or idx)
    model = GPTModel({"vocab_size": 50257, "context_length": 16, "emb_dim": 8, "n_heads": 2,
                      "n_layers": 1, "drop_rate": 0.0, "qkv_bias": False})
    text = script.sample(model, get_gpt2_tokenizer(), "a <|endoftext|>", 3, torch.device("cpu"))
    assert text == "a <|endoftext|>" and seen[0].dtype == torch.long
    assert 50256 not in seen[0].tolist() and len(seen[0][0]) > 3
