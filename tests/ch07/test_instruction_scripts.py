"""The chapter-7 scripts end to end, in quick mode: finetune, evaluate, chat.

Each script is imported from ch07_instruction/ and its ``main([...])`` called directly.
"""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[2]


def _script(name):
    spec = importlib.util.spec_from_file_location(f"_ch07_{name}",
                                                  ROOT / "ch07_instruction" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory, data_dir):
    out = tmp_path_factory.mktemp("ch07_quick")
    metrics = _script("finetune_instructions").main(["--quick", "--device", "cpu",
                                                     "--out", str(out)])
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


def test_finetune_checkpoint_loads_safely(quick_run):
    from llmscratch import GPTModel

    out, _ = quick_run
    data = torch.load(out / "quick-sft.pt", weights_only=True)
    # Invariant: the checkpoint loads with weights_only=True and rebuilds the model it came from.
    model = GPTModel(data["extra"]["config"])
    model.load_state_dict(data["model_state_dict"])
    assert data["extra"]["prompt_style"] == "alpaca"


def test_finetune_lora_masked_phi3(tmp_path, data_dir):
    metrics = _script("finetune_instructions").main([
        "--quick", "--lora-rank", "2", "--lora-alpha", "4", "--mask-instructions",
        "--prompt-style", "phi3", "--num-test", "1", "--out", str(tmp_path)])
    emb, layers, rank = 32, 2, 2
    per_block = 4 * (emb + emb) + 2 * (emb + 4 * emb)  # q, k, v, out_proj; the ff pair
    expected = rank * (layers * per_block + emb + 50257)  # blocks plus out_head: 102,882
    # Invariant: only the LoRA adapters are trained.
    assert metrics["trainable_parameters"] == expected
    data = torch.load(tmp_path / "quick-sft.pt", weights_only=True)
    # Invariant: adapters are merged before saving: a plain GPTModel state dict.
    assert not any("lora" in k for k in data["model_state_dict"])
    assert data["extra"]["prompt_style"] == "phi3" and data["extra"]["mask_instructions"]
    assert all(math.isfinite(x) for x in metrics["train_losses"])


def test_finetune_without_pretrained_weights_explains(monkeypatch, tmp_path, data_dir):
    import llmscratch
    from llmscratch.assets import AssetError

    def unavailable(*args, **kwargs):
        raise AssetError("Could not get gpt2-small (no network)")

    monkeypatch.setattr(llmscratch, "load_pretrained_gpt2", unavailable, raising=False)
    with pytest.raises(SystemExit) as info:
        _script("finetune_instructions").main(["--model", "gpt2-small", "--init", "pretrained",
                                               "--out", str(tmp_path)])
    # Invariant: the message says why and offers both ways out.
    assert "--init random" in str(info.value) and "llmscratch fetch gpt2-small" in str(info.value)


def test_evaluate_rouge_only(tmp_path):
    records = [
        {"instruction": "a", "input": "", "output": "the cat sat down",
         "model_response": "the cat sat"},
        {"instruction": "b", "input": "", "output": "red", "model_response": "blue"},
    ]
    path = tmp_path / "responses.json"
    path.write_text(json.dumps(records))
    metrics = _script("evaluate_responses").main([str(path), "--out", str(tmp_path / "s.json")])
    # Invariant: ROUGE-L per record (600/7 and 0) and their mean, also written to --out.
    assert metrics["rougeL"] == [pytest.approx(600 / 7), 0.0]
    assert metrics["rougeL_mean"] == pytest.approx(300 / 7)
    assert json.loads((tmp_path / "s.json").read_text())["n"] == 2
    with pytest.raises(SystemExit, match="--key"):
        _script("evaluate_responses").main([str(path), "--key", "other_response"])


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
    with pytest.raises(SystemExit, match="ollama serve"):
        _script("evaluate_responses").main([str(path), "--judge", "ollama", "--url", url])


def test_chat_streams_the_greedy_answer(quick_run, capsys):
    from llmscratch import (
        GPTModel,
        format_input,
        generate,
        get_gpt2_tokenizer,
        text_to_token_ids,
    )

    out, _ = quick_run
    result = _script("chat").main(["--checkpoint", str(out / "quick-sft.pt"), "--prompt",
                                   "Name a color.", "--max-new-tokens", "6", "--device", "cpu"])
    printed = capsys.readouterr().out
    data = torch.load(out / "quick-sft.pt", weights_only=True)
    model = GPTModel(data["extra"]["config"])
    model.load_state_dict(data["model_state_dict"])
    model.eval()
    tokenizer = get_gpt2_tokenizer()
    prompt = format_input({"instruction": "Name a color.", "input": ""}) + "\n\n### Response:\n"
    ids = generate(model, text_to_token_ids(prompt, tokenizer), 6, 128, eos_id=50256)
    expected = tokenizer.decode(ids[0, -(ids.shape[1] - len(tokenizer.encode(prompt))):].tolist())
    # Invariant: the streamed, cached answer is what plain greedy generation produces.
    assert result["answers"] == [expected.strip()]
    assert expected.strip() in printed
