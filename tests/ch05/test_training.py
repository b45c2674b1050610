"""Chapter 5 training code: loss, loops, schedule, optimizer and checkpoints (tiny configs)."""

from __future__ import annotations

import math

import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from llmscratch import (
    CheckpointError,
    GPTModel,
    calc_loss_batch,
    calc_loss_loader,
    create_dataloader_v1,
    evaluate_model,
    find_highest_gradient,
    get_gpt2_tokenizer,
    load_checkpoint,
    make_adamw,
    save_checkpoint,
    train_model,
    train_model_simple,
    warmup_cosine_lr,
)

pytestmark = pytest.mark.usefixtures("one_thread")


def _batches(n, batch=2, num_tokens=16, seed=0):
    """n (inputs, targets) pairs of random token ids, targets shifted by one."""
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(0, 50257, (n, batch, num_tokens + 1), generator=g)
    return [(x[:, :-1], x[:, 1:]) for x in ids]


def _loader(n, batch=2, num_tokens=16, seed=0):
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(0, 50257, (n * batch, num_tokens + 1), generator=g)
    return DataLoader(TensorDataset(ids[:, :-1], ids[:, 1:]), batch_size=batch, shuffle=False)


# --- loss ------------------------------------------------------------------------------------


def test_calc_loss_batch_is_flattened_cross_entropy(tiny_cfg, seed):
    model = GPTModel(tiny_cfg).eval()
    inputs, targets = _batches(1)[0]
    logits = model(inputs)
    manual = -torch.log_softmax(logits, dim=-1).gather(-1, targets.unsqueeze(-1)).mean()
    # Invariant: the loss is the mean negative log-probability of each next token.
    assert torch.allclose(calc_loss_batch(inputs, targets, model, "cpu"), manual, atol=1e-6)


def test_uniform_logits_give_log_vocab_size():
    class Uniform(torch.nn.Module):
        def forward(self, idx):
            return torch.zeros(*idx.shape, 50257)

    inputs, targets = _batches(1)[0]
    # Invariant: knowing nothing costs ln(vocab_size) = 10.825 nats per token.
    assert calc_loss_batch(inputs, targets, Uniform(), "cpu").item() == pytest.approx(
        math.log(50257), abs=1e-5)


def test_calc_loss_loader_averages_and_handles_empty_loaders(tiny_cfg, seed):
    model = GPTModel(tiny_cfg).eval()
    loader = _loader(4)
    per_batch = [calc_loss_batch(x, y, model, "cpu").item() for x, y in loader]
    # Invariant: the loader loss is the mean of the batch losses it looked at.
    assert calc_loss_loader(loader, model, "cpu") == pytest.approx(sum(per_batch) / 4)
    assert calc_loss_loader(loader, model, "cpu", num_batches=2) == pytest.approx(
        sum(per_batch[:2]) / 2)
    # Invariant: asking for more batches than exist uses them all.
    assert calc_loss_loader(loader, model, "cpu", num_batches=99) == pytest.approx(
        sum(per_batch) / 4)
    empty = DataLoader(TensorDataset(torch.zeros(0, 16, dtype=torch.long),
                                     torch.zeros(0, 16, dtype=torch.long)), batch_size=2)
    # Invariant: an empty loader (text shorter than one window) gives nan, not a crash.
    assert math.isnan(calc_loss_loader(empty, model, "cpu"))


def test_evaluate_model_switches_dropout_off_and_back_on(tiny_cfg, seed):
    model = GPTModel({**tiny_cfg, "drop_rate": 0.5}).train()
    loader = _loader(2)
    first = evaluate_model(model, loader, loader, "cpu", eval_iter=2)
    second = evaluate_model(model, loader, loader, "cpu", eval_iter=2)
    # Invariant: evaluation runs without dropout, so it is repeatable...
    assert first == second
    # ...and hands the model back in training mode.
    assert model.training


# --- the training loops ------------------------------------------------------------------------


def _verdict_loaders(text, context=16, batch=4):
    split = int(0.9 * len(text))
    train = create_dataloader_v1(text[:split], batch_size=batch, max_length=context,
                                 stride=context, drop_last=True, shuffle=True, num_workers=0)
    val = create_dataloader_v1(text[split:], batch_size=batch, max_length=context,
                               stride=context, drop_last=False, shuffle=False, num_workers=0)
    return train, val


def _reference_loop(model, train_loader, val_loader, optimizer, num_epochs, eval_freq, eval_iter):
    """The book's loop written out plainly: an independent statement of what it must compute."""
    losses, step = [], -1
    for _ in range(num_epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            logits = model(x)
            torch.nn.functional.cross_entropy(logits.flatten(0, 1), y.flatten()).backward()
            optimizer.step()
            step += 1
            if step % eval_freq == 0:
                model.eval()
                pair = []
                with torch.no_grad():
                    for loader in (train_loader, val_loader):
                        total, n = 0.0, min(eval_iter, len(loader))
                        for i, (a, b) in enumerate(loader):
                            if i >= n:
                                break
                            out = model(a)
                            total += torch.nn.functional.cross_entropy(
                                out.flatten(0, 1), b.flatten()).item()
                        pair.append(total / n)
                losses.append(tuple(pair))
                model.train()
        model.eval()  # the book samples 50 greedy tokens here; no random numbers are drawn
        model.train()
    return losses


def test_train_model_simple_follows_the_seeded_trajectory(tiny_cfg, data_dir, capsys):
    text = (data_dir / "the-verdict" / "the-verdict.txt").read_text(encoding="utf-8")[:6000]
    cfg = {**tiny_cfg, "drop_rate": 0.1}
    tok = get_gpt2_tokenizer()
    runs = []
    for use_library in (True, False):
        torch.manual_seed(123)
        model = GPTModel(cfg)
        train_loader, val_loader = _verdict_loaders(text)
        optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=0.1)
        if use_library:
            train, val, seen = train_model_simple(model, train_loader, val_loader, optimizer,
                                                  "cpu", 1, 5, 2, "Every effort", tok)
            runs.append(list(zip(train, val)))
        else:
            runs.append(_reference_loop(model, train_loader, val_loader, optimizer, 1, 5, 2))
    # Invariant: same seed, data and settings give exactly the same losses as the plain loop.
    assert runs[0] == runs[1]
    # Invariant: one evaluation every eval_freq steps, tokens counted from the inputs.
    steps = len(train_loader)
    assert len(seen) == (steps - 1) // 5 + 1 and seen[0] == 4 * 16 and seen[1] == 6 * 4 * 16
    # Invariant: each evaluation and the epoch's sample are printed.
    assert capsys.readouterr().out.count("Ep 1 (Step") == len(seen)


def test_train_model_simple_matches_the_books_package_when_installed(tiny_cfg, data_dir, capsys):
    book = pytest.importorskip("llms_from_scratch.ch05")
    book_ch04 = pytest.importorskip("llms_from_scratch.ch04")
    text = (data_dir / "the-verdict" / "the-verdict.txt").read_text(encoding="utf-8")[:6000]
    cfg, tok, results = {**tiny_cfg, "drop_rate": 0.1}, get_gpt2_tokenizer(), []
    for gpt, loop in ((GPTModel, train_model_simple),
                      (book_ch04.GPTModel, book.train_model_simple)):
        torch.manual_seed(123)
        model = gpt(cfg)
        train_loader, val_loader = _verdict_loaders(text)
        optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=0.1)
        results.append(loop(model, train_loader, val_loader, optimizer, "cpu", 1, 5, 2,
                            "Every effort", tok))
    # Invariant: the book's own code and ours give the identical loss trajectory.
    assert results[0] == results[1]


def test_train_model_matches_the_books_appendix_d_when_installed(tiny_cfg, data_dir, capsys):
    book = pytest.importorskip("llms_from_scratch.appendix_d")
    book_ch04 = pytest.importorskip("llms_from_scratch.ch04")
    text = (data_dir / "the-verdict" / "the-verdict.txt").read_text(encoding="utf-8")[:4000]
    cfg, tok, results = {**tiny_cfg, "drop_rate": 0.1}, get_gpt2_tokenizer(), []
    for gpt, loop in ((GPTModel, train_model), (book_ch04.GPTModel, book.train_model)):
        torch.manual_seed(123)
        model = gpt(cfg)
        train_loader, val_loader = _verdict_loaders(text)
        optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=0.1)
        results.append(loop(model, train_loader, val_loader, optimizer, "cpu", 2, 3, 2,
                            "Every effort", tok, 4))
    # Invariant: losses, tokens seen and every learning rate equal the book's appendix D code.
    assert results[0] == results[1]


def test_warmup_cosine_schedule_values():
    lr = [warmup_cosine_lr(s, 100, 5e-4, 10, 3e-5, 1e-6) for s in range(101)]
    # Invariant: warmup starts at initial_lr and climbs linearly to the peak.
    assert lr[0] == pytest.approx(3e-5) and lr[10] == pytest.approx(5e-4)
    assert lr[5] - lr[4] == pytest.approx(lr[9] - lr[8])
    # Invariant: the cosine is halfway at the middle of the decay and ends at min_lr.
    assert lr[55] == pytest.approx(1e-6 + (5e-4 - 1e-6) / 2)
    assert lr[100] == pytest.approx(1e-6)
    # Invariant: after warmup the rate never rises.
    assert all(a >= b for a, b in zip(lr[10:], lr[11:]))


def test_train_model_tracks_lr_and_clips_only_after_warmup(tiny_cfg, seed, monkeypatch, capsys):
    clipped = []
    real_clip = torch.nn.utils.clip_grad_norm_

    def counting_clip(params, max_norm, *args, **kwargs):
        clipped.append(max_norm)
        return real_clip(params, max_norm, *args, **kwargs)

    monkeypatch.setattr(torch.nn.utils, "clip_grad_norm_", counting_clip)
    model = GPTModel(tiny_cfg)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.1)
    loader = _loader(3)
    *_, lrs = train_model(model, loader, loader, optimizer, "cpu", n_epochs=2, eval_freq=2,
                          eval_iter=1, start_context="Hello", tokenizer=get_gpt2_tokenizer(),
                          warmup_steps=2, initial_lr=1e-4, min_lr=1e-5)
    # Invariant: one learning rate per step, following warmup_cosine_lr with the optimizer's peak.
    assert lrs == [warmup_cosine_lr(s, 6, 1e-3, 2, 1e-4, 1e-5) for s in range(6)]
    # Invariant: clipping at norm 1.0 from the first step after warmup (steps 2..5).
    assert clipped == [1.0] * 4


def test_find_highest_gradient(tiny_cfg, seed):
    model = GPTModel(tiny_cfg)
    # Invariant: before any backward pass there is no gradient to report.
    assert find_highest_gradient(model) is None
    inputs, targets = _batches(1)[0]
    calc_loss_batch(inputs, targets, model, "cpu").backward()
    expected = max(p.grad.max() for p in model.parameters() if p.grad is not None)
    # Invariant: it returns the largest single gradient entry over all parameters.
    assert find_highest_gradient(model).item() == expected.item()


# --- the optimizer ---------------------------------------------------------------------------


def test_make_adamw_fused_equals_plain_adamw(tiny_cfg, seed):
    models = [GPTModel(tiny_cfg) for _ in range(2)]
    models[1].load_state_dict(models[0].state_dict())
    fused = make_adamw(models[0], lr=1e-3, weight_decay=0.1)
    plain = make_adamw(models[1].parameters(), lr=1e-3, weight_decay=0.1, fused=False)
    # Invariant: on CPU with torch >= 2.4 the fused kernel is picked automatically.
    assert fused.defaults["fused"] is True and not plain.defaults["fused"]
    assert fused.defaults["weight_decay"] == 0.1 and fused.defaults["lr"] == 1e-3
    for inputs, targets in _batches(5):
        for model, opt in zip(models, (fused, plain)):
            opt.zero_grad()
            calc_loss_batch(inputs, targets, model, "cpu").backward()
            opt.step()
    # Invariant: both give the same weights up to float rounding.
    for (name, a), b in zip(models[0].named_parameters(), models[1].parameters()):
        assert torch.allclose(a, b, atol=1e-6), name


def test_make_adamw_refuses_fused_where_unsupported():
    meta = torch.nn.Parameter(torch.empty(3, device="meta"))
    # Invariant: auto mode falls back to the plain optimizer...
    assert not make_adamw([meta], lr=1e-3).defaults["fused"]
    # ...while insisting on fused says why it cannot.
    with pytest.raises(ValueError, match="fused AdamW is not available"):
        make_adamw([meta], lr=1e-3, fused=True)


# --- checkpoints -------------------------------------------------------------------------------


def _steps(model, optimizer, batches):
    losses = []
    for inputs, targets in batches:
        optimizer.zero_grad()
        loss = calc_loss_batch(inputs, targets, model, "cpu")
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def test_resumed_run_equals_uninterrupted_run(tiny_cfg, tmp_path):
    cfg = {**tiny_cfg, "drop_rate": 0.2}  # dropout draws random numbers: the RNG must resume too
    batches = _batches(6)
    torch.manual_seed(1)
    model = GPTModel(cfg)
    optimizer = make_adamw(model, lr=1e-3)
    full = _steps(model, optimizer, batches)

    torch.manual_seed(1)
    first = GPTModel(cfg)
    opt_first = make_adamw(first, lr=1e-3)
    part = _steps(first, opt_first, batches[:3])
    path = save_checkpoint(tmp_path / "ckpt.pt", first, opt_first, step=3, extra={"note": "hi"})
    torch.manual_seed(999)  # disturb everything a fresh process would not have
    resumed = GPTModel(cfg)
    opt_resumed = make_adamw(resumed, lr=1e-3)
    info = load_checkpoint(path, resumed, opt_resumed)
    # Invariant: step and extra come back as saved.
    assert info["step"] == 3 and info["extra"] == {"note": "hi"}
    part += _steps(resumed, opt_resumed, batches[3:])
    # Invariant: the resumed run continues exactly as the uninterrupted one.
    assert part == full
    for a, b in zip(model.parameters(), resumed.parameters()):
        assert torch.equal(a, b)
    # Invariant: no temporary file is left beside the checkpoint.
    assert [p.name for p in tmp_path.iterdir()] == ["ckpt.pt"]


def test_damaged_checkpoints_give_clear_errors(tiny_cfg, seed, tmp_path):
    model = GPTModel(tiny_cfg)
    path = save_checkpoint(tmp_path / "good.pt", model, make_adamw(model, lr=1e-3))
    data = path.read_bytes()
    (tmp_path / "truncated.pt").write_bytes(data[: len(data) // 2])
    (tmp_path / "corrupt.pt").write_bytes(b"this is not a checkpoint" * 10)
    for name in ("truncated.pt", "corrupt.pt"):
        # Invariant: a damaged file is reported as such, with what to do.
        with pytest.raises(CheckpointError, match="truncated or corrupt"):
            load_checkpoint(tmp_path / name, model)
    # Invariant: a missing file names the path.
    with pytest.raises(FileNotFoundError, match="missing.pt"):
        load_checkpoint(tmp_path / "missing.pt", model)


def test_wrong_shape_checkpoint_names_tensor_and_shapes(tiny_cfg, seed, tmp_path):
    path = save_checkpoint(tmp_path / "ckpt.pt", GPTModel(tiny_cfg))
    wider = GPTModel({**tiny_cfg, "emb_dim": 64})
    # Invariant: the error names the tensor and both shapes instead of a long PyTorch dump.
    with pytest.raises(CheckpointError, match=r"tok_emb.weight: model \(50257, 64\), "
                                              r"checkpoint \(50257, 32\)"):
        load_checkpoint(path, wider)
    deeper = GPTModel({**tiny_cfg, "n_layers": 3})
    with pytest.raises(CheckpointError, match="missing in checkpoint: trf_blocks.2"):
        load_checkpoint(path, deeper)


def test_loads_the_books_checkpoint_formats(tiny_cfg, seed, tmp_path):
    model = GPTModel(tiny_cfg)
    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=0.1)
    _steps(model, optimizer, _batches(1))
    torch.save(model.state_dict(), tmp_path / "model.pth")
    torch.save({"model_state_dict": model.state_dict(),
                "optimizer_state_dict": optimizer.state_dict()},
               tmp_path / "model_and_optimizer.pth")
    for name in ("model.pth", "model_and_optimizer.pth"):
        other = GPTModel(tiny_cfg)
        load_checkpoint(tmp_path / name, other)
        # Invariant: the book's torch.save files load into the same weights.
        for a, b in zip(model.state_dict().values(), other.state_dict().values()):
            assert torch.equal(a, b)
    fresh = torch.optim.AdamW(GPTModel(tiny_cfg).parameters(), lr=1.0)
    load_checkpoint(tmp_path / "model_and_optimizer.pth", optimizer=fresh)
    # Invariant: the optimizer's settings and moments come back too.
    assert fresh.param_groups[0]["lr"] == 4e-4 and len(fresh.state) == len(optimizer.state)
    with pytest.raises(CheckpointError, match="no optimizer state"):
        load_checkpoint(tmp_path / "model.pth", optimizer=fresh)


def test_loading_keeps_the_optimizers_own_kernel(tiny_cfg, seed, tmp_path):
    model = GPTModel(tiny_cfg)
    fused = make_adamw(model, lr=1e-3)
    _steps(model, fused, _batches(1))
    path = save_checkpoint(tmp_path / "ckpt.pt", model, fused)
    plain = make_adamw(model, lr=1e-3, fused=False)
    load_checkpoint(path, optimizer=plain)
    # Invariant: a checkpoint saved with the fused kernel (e.g. on a GPU) does not switch the
    # optimizer it is loaded into to fused AdamW, which that machine may not have.
    assert not plain.param_groups[0]["fused"] and len(plain.state) == len(fused.state)
