"""The chapter-7 scripts end to end, in quick mode: finetune, evaluate, chat.

Each script is imported from ch07_instruction/ and its ``main([...])`` called directly, with the
tiny settings of ``--quick``. Hostile inputs are in
``tests/package/test_script_errors_ch06_ch07.py``.
"""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
import torch

from llmscratch.scripting import TINY_GPT_CONFIG, ScriptError

ROOT = Path(__file__).resolve().parents[2]
QUICK = ["--quick", "--device", "cpu"]


def _script(name):
    spec = importlib.util.spec_from_file_location(f"_ch07_{name}",
                                                  ROOT / "ch07_instruction" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory, data_dir):
    out = tmp_path_factory.mktemp("ch07_quick")
    metrics = _script("finetune_instructions").main([*QUICK, "--out", str(out)])
    return out, metrics


def test_finetune_quick_writes_everything(quick_run):
    out, metrics = quick_run
    # Invariant: the run reports finite losses, one pair per evaluation, and its outputs.
    assert len(metrics["train_losses"]) == len(metrics["val_losses"]) >= 2
    assert all(math.isfinite(x) for x in metrics["train_losses"] + metrics["val_losses"])
    assert metrics["final_train_loss"] == metrics["train_losses"][-1]
    for name in ("quick-sft.pt", "responses.json", "loss-plot.png", "metrics.json"):
        assert (out / name).is_file(), name
    responses = json.loads((out / "responses.json").read_text())
    # Invariant: the first test records (the quick run answers 2) come back answered.
    assert len(responses) == metrics["num_responses"] == 2
    assert all(isinstance(r["model_response"], str) for r in responses)
    saved = json.loads((out / "metrics.json").read_text())
    assert saved["train_losses"] == metrics["train_losses"]


def test_finetune_checkpoint_is_the_tiny_config_and_loads_safely(quick_run):
    from llmscratch import GPTModel

    out, _ = quick_run
    data = torch.load(out / "quick-sft.pt", weights_only=True)
    # Invariant: --quick trains the one tiny config (without dropout, as the book finetunes).
    assert data["extra"]["config"] == {**TINY_GPT_CONFIG, "drop_rate": 0.0}
    # Invariant: the checkpoint loads with weights_only=True and rebuilds the model it came from.
    model = GPTModel(data["extra"]["config"])
    model.load_state_dict(data["model_state_dict"])
    assert data["extra"]["prompt_style"] == "alpaca"


def test_quick_never_overrides_explicit_flags(tmp_path, data_dir):
    records = [{"instruction": f"Repeat {i} <|endoftext|>", "input": "<|endoftext|>" * (i % 2),
                "output": f"{i} <|endoftext|>"} for i in range(24)]
    data = tmp_path / "records.json"
    data.write_text(json.dumps(records))
    metrics = _script("finetune_instructions").main([
        *QUICK, "--batch-size", "5", "--epochs", "2", "--lr", "2e-3", "--num-test", "1",
        "--data", str(data), "--out", str(tmp_path / "run")])
    # Invariant: records with <|endoftext|> train and are answered like any text.
    assert json.loads((tmp_path / "run" / "responses.json").read_text())[0]["instruction"] == (
        "Repeat 20 <|endoftext|>")
    # Invariant: flags given win over --quick's presets; the rest are quick's.
    assert (metrics["batch_size"], metrics["epochs"], metrics["lr"]) == (5, 2, 2e-3)
    assert metrics["num_responses"] == 1 and metrics["model"] == "quick"
    # 20 records in batches of 5: 4 steps an epoch, evaluated at steps 0 and 4 (epoch 2)
    tokens_per_step = 5 * TINY_GPT_CONFIG["context_length"]
    assert metrics["tokens_seen"] == [tokens_per_step, 5 * tokens_per_step]


def test_finetune_lora_masked_phi3(tmp_path, data_dir):
    metrics = _script("finetune_instructions").main([
        *QUICK, "--lora-rank", "2", "--lora-alpha", "4", "--mask-instructions",
        "--prompt-style", "phi3", "--num-test", "1", "--out", str(tmp_path)])
    emb, layers, rank = TINY_GPT_CONFIG["emb_dim"], TINY_GPT_CONFIG["n_layers"], 2
    per_block = 4 * (emb + emb) + 2 * (emb + 4 * emb)  # q, k, v, out_proj; the ff pair
    expected = rank * (layers * per_block + emb + 50257)  # blocks plus out_head
    # Invariant: only the LoRA adapters are trained.
    assert metrics["trainable_parameters"] == expected
    data = torch.load(tmp_path / "quick-sft.pt", weights_only=True)
    # Invariant: adapters are merged before saving: a plain GPTModel state dict.
    assert not any("lora" in k for k in data["model_state_dict"])
    assert data["extra"]["prompt_style"] == "phi3" and data["extra"]["mask_instructions"]
    assert all(math.isfinite(x) for x in metrics["train_losses"])


def test_fast_gives_the_same_checkpoint_with_the_fused_loss(quick_run, tmp_path, monkeypatch):
    import llmscratch.fast
    from llmscratch.fast import GPTModelFast

    out, metrics = quick_run
    fused = []
    real = llmscratch.fast.calc_loss_batch_fast

    def spy(input_batch, target_batch, model, device):
        fused.append(isinstance(model, GPTModelFast))
        return real(input_batch, target_batch, model, device)

    monkeypatch.setattr(llmscratch.fast, "calc_loss_batch_fast", spy)
    fast = _script("finetune_instructions").main([*QUICK, "--fast", "--out", str(tmp_path)])
    # Invariant: --fast trains a GPTModelFast through calc_loss_batch_fast at every step.
    assert fused and all(fused)
    plain_state = torch.load(out / "quick-sft.pt", weights_only=True)["model_state_dict"]
    fast_state = torch.load(tmp_path / "quick-sft.pt", weights_only=True)["model_state_dict"]
    # Invariant: the same checkpoint either way (keys, and weights up to float rounding).
    assert plain_state.keys() == fast_state.keys()
    for key in plain_state:
        torch.testing.assert_close(fast_state[key], plain_state[key], atol=1e-4, rtol=1e-3)
    assert fast["train_losses"] == pytest.approx(metrics["train_losses"], abs=1e-4)


def test_a_nan_loss_stops_the_run_before_saving(tmp_path, monkeypatch, data_dir):
    from llmscratch import training

    real = training.calc_loss_batch
    steps = []

    def nan_at_step_2(*args):
        loss = real(*args)
        if torch.is_grad_enabled():  # a training step, not an evaluation
            steps.append(1)
            if len(steps) == 3:
                return loss * float("nan")
        return loss

    monkeypatch.setattr(training, "calc_loss_batch", nan_at_step_2)
    # Invariant: a NaN loss stops the run, naming the step; no checkpoint or results saved.
    with pytest.raises(ScriptError, match="step 2"):
        _script("finetune_instructions").main([*QUICK, "--out", str(tmp_path / "run")])
    assert not any((tmp_path / "run").glob("*")) if (tmp_path / "run").exists() else True


def test_a_second_run_into_the_same_folder_is_refused(quick_run):
    out, _ = quick_run
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # Invariant: another run's results are never replaced without --overwrite.
    with pytest.raises(Exception, match="--overwrite"):
        _script("finetune_instructions").main([*QUICK, "--out", str(out)])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_finetune_continues_from_a_checkpoint_through_the_one_loader(quick_run, tmp_path,
                                                                     monkeypatch):
    import llmscratch.scripting

    out, _ = quick_run
    loaded = []
    real = llmscratch.scripting.load_gpt_from_checkpoint

    def spy(path, *args, **kwargs):
        loaded.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(llmscratch.scripting, "load_gpt_from_checkpoint", spy)
    metrics = _script("finetune_instructions").main([
        *QUICK, "--init", str(out / "quick-sft.pt"), "--num-test", "0", "--out", str(tmp_path)])
    # Invariant: --init FILE goes through load_gpt_from_checkpoint and keeps the saved config.
    assert loaded == ["quick-sft.pt"] and metrics["num_responses"] == 0
    data = torch.load(tmp_path / "quick-sft.pt", weights_only=True)
    assert data["extra"]["config"] == {**TINY_GPT_CONFIG, "drop_rate": 0.0}


def test_finetune_without_pretrained_weights_explains(monkeypatch, tmp_path, data_dir):
    import llmscratch
    from llmscratch.assets import AssetError

    def unavailable(*args, **kwargs):
        raise AssetError("Could not get gpt2-small (no network)")

    monkeypatch.setattr(llmscratch, "load_pretrained_gpt2", unavailable, raising=False)
    with pytest.raises(ScriptError) as info:
        _script("finetune_instructions").main(["--model", "gpt2-small", "--init", "pretrained",
                                               "--device", "cpu", "--out", str(tmp_path)])
    # Invariant: the message says why and offers both ways out.
    assert "--init random" in str(info.value) and "llmscratch fetch gpt2-small" in str(info.value)


def _responses(tmp_path):
    records = [
        {"instruction": "a", "input": "", "output": "the cat sat down",
         "model_response": "the cat sat"},
        {"instruction": "b", "input": "", "output": "red", "model_response": "blue"},
    ]
    path = tmp_path / "responses.json"
    path.write_text(json.dumps(records))
    return path


def test_evaluate_rouge_only(tmp_path):
    path = _responses(tmp_path)
    metrics = _script("evaluate_responses").main([str(path), "--out", str(tmp_path / "s.json")])
    # Invariant: ROUGE-L per record (600/7 and 0) and their mean, also written to --out.
    assert metrics["rougeL"] == [pytest.approx(600 / 7), 0.0]
    assert metrics["rougeL_mean"] == pytest.approx(300 / 7)
    assert json.loads((tmp_path / "s.json").read_text())["n"] == 2
    # Invariant: --quick's limit is a preset: --limit wins over it.
    assert _script("evaluate_responses").main([str(path), "--quick", "--limit", "1"])["n"] == 1
    with pytest.raises(ScriptError, match="--key"):
        _script("evaluate_responses").main([str(path), "--key", "other_response"])


def test_evaluate_out_folder_or_existing_file_leaves_everything_as_it_was(tmp_path):
    path = _responses(tmp_path)
    (tmp_path / "scores").mkdir()
    (tmp_path / "old.json").write_text("{}")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(ScriptError, match="is a folder"):
        _script("evaluate_responses").main([str(path), "--out", str(tmp_path / "scores")])
    with pytest.raises(ScriptError, match="--overwrite"):
        _script("evaluate_responses").main([str(path), "--out", str(tmp_path / "old.json")])
    # Invariant: no temporary file, nothing replaced.
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "old.json").read_text() == "{}"
    _script("evaluate_responses").main([str(path), "--out", str(tmp_path / "old.json"),
                                        "--overwrite"])
    assert json.loads((tmp_path / "old.json").read_text())["n"] == 2


def test_evaluate_with_the_judge(tmp_path, monkeypatch):
    from test_judge import FakeOllama, _free_port

    records = [{"instruction": f"q{i}", "input": "", "output": "x", "model_response": f"r{i}"}
               for i in range(3)]
    path = tmp_path / "responses.json"
    path.write_text(json.dumps(records))
    replies = {"r0": "80", "r1": "no idea", "r2": "60"}

    def reply(body):
        prompt = body["messages"][0]["content"]
        return next(v for k, v in replies.items() if f"`{k}`" in prompt)

    with FakeOllama(reply) as server:
        with pytest.warns(UserWarning):
            metrics = _script("evaluate_responses").main([str(path), "--judge", "ollama",
                                                          "--url", server.url])
    # Invariant: judge mean over the numeric replies; the other reply is counted and kept.
    assert metrics["judge_scores"] == [80, 60] and metrics["judge_mean"] == 70
    assert metrics["judge_unparsed"] == 1 and metrics["judge_unparsed_replies"] == ["no idea"]
    url = f"http://127.0.0.1:{_free_port()}/api/chat"
    with pytest.raises(ScriptError, match="ollama serve"):
        _script("evaluate_responses").main([str(path), "--judge", "ollama", "--url", url])


def _greedy_answer(checkpoint, message, max_new_tokens):
    from llmscratch import GPTModel, format_input, generate, get_gpt2_tokenizer
    from llmscratch.classification import encode_plain_text

    data = torch.load(checkpoint, weights_only=True)
    model = GPTModel(data["extra"]["config"]).eval()
    model.load_state_dict(data["model_state_dict"])
    tokenizer = get_gpt2_tokenizer()
    prompt = format_input({"instruction": message, "input": ""}) + "\n\n### Response:\n"
    prompt_ids = encode_plain_text(tokenizer, prompt)
    ids = generate(model, torch.tensor([prompt_ids]), max_new_tokens,
                   data["extra"]["config"]["context_length"], eos_id=50256)
    return tokenizer.decode(ids[0, len(prompt_ids):].tolist()).strip()


@pytest.mark.parametrize("fast", [False, True])
def test_chat_streams_the_greedy_answer(quick_run, capsys, monkeypatch, fast):
    import llmscratch.scripting

    out, _ = quick_run
    loaded = []
    real = llmscratch.scripting.load_gpt_from_checkpoint
    monkeypatch.setattr(llmscratch.scripting, "load_gpt_from_checkpoint",
                        lambda *a, **k: loaded.append(a) or real(*a, **k))
    message = "Name a color. <|endoftext|> And a fruit."
    result = _script("chat").main(["--checkpoint", str(out / "quick-sft.pt"), "--prompt",
                                   message, "--max-new-tokens", "6", "--device", "cpu",
                                   *(["--fast"] if fast else [])])
    printed = capsys.readouterr().out
    expected = _greedy_answer(out / "quick-sft.pt", message, 6)
    # Invariant: the streamed, cached answer (fast or not) is plain greedy generation's, with
    # <|endoftext|> in the message read as text; the model came through the one loader.
    assert result["answers"] == [expected]
    assert expected in printed and len(loaded) == 1


def test_sigterm_stops_with_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys,
                                                        data_dir):
    import os
    import signal

    from llmscratch.scripting import run_script

    script = _script("finetune_instructions")
    real_train = script.train

    def terminated(*args):
        os.kill(os.getpid(), signal.SIGTERM)  # as `kill PID` would, in the middle of the run
        return real_train(*args)

    def no_handler(signum, frame):  # reached only if the script installed no handler
        raise AssertionError("SIGTERM reached the default handler: the script installed none")

    monkeypatch.setattr(script, "train", terminated)
    previous = signal.signal(signal.SIGTERM, no_handler)
    try:
        with pytest.raises(SystemExit) as info:
            run_script(script.main, [*QUICK, "--out", str(tmp_path / "run")])
    finally:
        signal.signal(signal.SIGTERM, previous)
    # Invariant: SIGTERM ends the run like Ctrl-C: exit 130, one line, nothing written.
    assert info.value.code == 130
    assert "stopped by SIGTERM" in capsys.readouterr().err
    assert not (tmp_path / "run").exists()
