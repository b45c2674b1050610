"""Checks for the chapter 5 exercises (pretraining: loss, training, decoding, weights).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch`` (the verified reference). Where the likely mistakes are known (targets not
shifted, logits flattened in the wrong order, top-k keeping k+1 tokens, temperature applied
after the softmax, gradients not zeroed, evaluation with dropout on, the optimizer state not
restored), the check looks for them first so that the message can name the cause.

The training check (ex5_8) also compares the learner's run with a band recorded from real runs
of our solution, and says whether a difference is within normal run-to-run noise.
"""

from __future__ import annotations

import functools
import math
import tempfile
from pathlib import Path

import torch
from torch.utils.data import DataLoader, TensorDataset

from llmscratch import (
    AssetError,
    GPTDatasetV1,
    GPTModel,
    calc_loss_batch,
    calc_loss_loader,
    generate,
    get_asset_path,
    get_gpt2_tokenizer,
    make_adamw,
)
from llmscratch.checking import CheckFailure, Exercise, assert_close, one_thread

SMALL = {"vocab_size": 60, "context_length": 8, "emb_dim": 16, "n_heads": 4, "n_layers": 2,
         "drop_rate": 0.0, "qkv_bias": False}
# The book's nine-word example vocabulary and the logits of its §5.3 example.
BOOK_VOCAB = ["closer", "every", "effort", "forward", "inches", "moves", "pizza", "toward", "you"]
BOOK_LOGITS = torch.tensor([4.51, 0.89, -1.90, 6.75, 1.63, -1.62, -1.89, 6.28, 1.79])


def _small_model(seed=0, **overrides):
    torch.manual_seed(seed)
    return GPTModel({**SMALL, **overrides}).eval()


def _batches(n, batch=2, num_tokens=5, vocab=60, seed=0):
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(0, vocab, (n, batch, num_tokens + 1), generator=g)
    return [(x[:, :-1], x[:, 1:]) for x in ids]


class FixedLogits(torch.nn.Module):
    """A stand-in model whose next-token logits are always ``logits`` (any input)."""

    def __init__(self, logits):
        super().__init__()
        self.logits = logits

    def forward(self, idx):
        return self.logits.expand(idx.shape[0], idx.shape[1], -1).clone()


# --- ex5_1: temperature and sampling frequencies ------------------------------------------------


def check_temperature_sampling(impl):
    n = 20_000
    for temperature in (1.0, 5.0, 0.1):
        got = torch.as_tensor(impl(BOOK_LOGITS.clone(), temperature, num_samples=n, seed=123),
                              dtype=torch.float64)
        if got.shape != (9,):
            raise CheckFailure(f"expected one frequency per token, shape (9,), got "
                               f"{tuple(got.shape)}: count with torch.bincount(samples, "
                               "minlength=vocab_size) and divide by num_samples")
        if abs(got.sum().item() - 1.0) > 1e-6:
            raise CheckFailure(f"the frequencies sum to {got.sum().item():.4f}, not 1: divide the "
                               "counts by num_samples")
        expected = torch.softmax(BOOK_LOGITS.double() / temperature, dim=0)
        noise = 5 * torch.sqrt(expected * (1 - expected) / n) + 2e-3  # 5 standard deviations
        if ((got - expected).abs() <= noise).all():
            continue
        worst = int((got - expected).abs().argmax())
        msg = (f"at temperature {temperature}, {BOOK_VOCAB[worst]!r} came up "
               f"{got[worst].item():.2%} of the time, expected {expected[worst].item():.2%} "
               f"(more than sampling noise allows).")
        as_if_1 = torch.softmax(BOOK_LOGITS.double(), dim=0)
        as_if_times = torch.softmax(BOOK_LOGITS.double() * temperature, dim=0)
        if ((got - as_if_1).abs() <= noise).all():
            msg += (" Your frequencies match temperature 1: is the temperature applied after "
                    "the softmax (or not at all)? Divide the logits, then take the softmax.")
        elif ((got - as_if_times).abs() <= noise).all():
            msg += " They match logits * temperature: divide by the temperature instead."
        raise CheckFailure(msg)
    a = impl(BOOK_LOGITS.clone(), 1.0, num_samples=500, seed=7)
    b = impl(BOOK_LOGITS.clone(), 1.0, num_samples=500, seed=7)
    if not torch.equal(torch.as_tensor(a), torch.as_tensor(b)):
        raise CheckFailure("two calls with the same seed gave different frequencies: call "
                           "torch.manual_seed(seed) before sampling")


# --- ex5_2: generate with top-k and temperature ---------------------------------------------


def _run_generate(impl, *args, **kwargs):
    try:
        return impl(*args, **kwargs)
    except ValueError as err:
        raise CheckFailure(f"the model refused its input ({err}); crop the context to its last "
                           "context_size tokens: idx[:, -context_size:]") from err


@one_thread
def check_generate(impl):
    model = _small_model(1)
    prompt = torch.tensor([[5, 17, 3, 42, 8]])
    got = _run_generate(impl, model, prompt, 6, 8)
    expected = generate(model, prompt, 6, 8)
    if got.tolist() != expected.tolist():
        raise CheckFailure(f"greedy decoding (temperature 0) gave {got.tolist()}, expected "
                           f"{expected.tolist()}: with temperature 0 take the argmax of the "
                           "last position's logits and append it")
    long_prompt = torch.arange(12).unsqueeze(0) + 3  # longer than the context of 8
    got = _run_generate(impl, model, long_prompt, 3, 8)
    if got.shape != (1, 15) or got[:, :12].tolist() != long_prompt.tolist():
        raise CheckFailure(f"with a 12-token prompt and 3 new tokens the result has shape "
                           f"{tuple(got.shape)}, expected (1, 15) starting with the prompt")

    flat = FixedLogits(torch.arange(60, dtype=torch.float32) * 0.01)  # nearly uniform
    torch.manual_seed(0)
    drawn = _run_generate(impl, flat, torch.zeros(1, 1, dtype=torch.long), 200, 8,
                          temperature=1.0, top_k=3)[0, 1:]
    outside = sorted(set(drawn.tolist()) - {57, 58, 59})
    if outside:
        raise CheckFailure(f"with top_k=3 your generate sampled token(s) {outside}, which are "
                           "not among the 3 largest logits (ids 57-59): does your filter keep "
                           "k + 1 tokens, or compare with the wrong threshold?")
    if set(drawn.tolist()) != {57, 58, 59}:
        raise CheckFailure(f"with top_k=3, temperature 1 and nearly equal logits, 200 draws "
                           f"only produced {sorted(set(drawn.tolist()))}; all of 57, 58, 59 "
                           "should appear: are you sampling with torch.multinomial?")

    eos_model = FixedLogits(torch.nn.functional.one_hot(torch.tensor(7), 60).float() * 5)
    got = _run_generate(impl, eos_model, prompt, 5, 8, eos_id=7)
    if got.shape[1] != prompt.shape[1]:
        extra = got.shape[1] - prompt.shape[1]
        raise CheckFailure(f"the model's first choice is eos_id=7, so nothing should be added, "
                           f"but {extra} token(s) were: "
                           + ("check for eos_id BEFORE appending the new token" if extra == 1
                              else "stop the loop when the new token equals eos_id"))

    torch.manual_seed(123)
    got = _run_generate(impl, model, prompt, 10, 8, temperature=1.4, top_k=25)
    torch.manual_seed(123)
    expected = generate(model, prompt, 10, 8, temperature=1.4, top_k=25)
    if got.tolist() != expected.tolist():
        raise CheckFailure(f"with temperature 1.4, top_k 25 and torch.manual_seed(123) you got "
                           f"{got[0, 5:].tolist()}, the book's order gives "
                           f"{expected[0, 5:].tolist()}: filter top-k first, then divide by the "
                           "temperature, softmax, and draw ONE id per step with "
                           "torch.multinomial(probs, num_samples=1)")


# --- ex5_3: deterministic decoding ---------------------------------------------------------


def check_deterministic(impl):
    cases = [
        ((0.0, None), True, "temperature 0 is greedy: the argmax never involves chance"),
        ((0.0, 5), True, "temperature 0 takes the argmax whatever top_k leaves"),
        ((1.0, 1), True, "top_k=1 leaves a single token, so sampling has no choice"),
        ((2.5, 1), True, "top_k=1 leaves a single token even at a high temperature"),
        ((1.0, None), False, "temperature 1 samples from the whole vocabulary"),
        ((0.5, 3), False, "three tokens survive top_k=3, and sampling picks among them"),
        ((1e-3, None), False, "a tiny temperature makes sampling very likely to pick the "
                              "argmax, but it still samples"),
    ]
    for (temperature, top_k), expected, why in cases:
        got = impl(temperature, top_k)
        if bool(got) != expected:
            raise CheckFailure(f"is_deterministic({temperature}, {top_k}) returned {got}, but "
                               f"the answer is {expected}: {why}.")


# --- ex5_4: continue training from a checkpoint -----------------------------------------------


def _train(model, optimizer, batches):
    losses = []
    for x, y in batches:
        optimizer.zero_grad()
        loss = calc_loss_batch(x, y, model, "cpu")
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@one_thread
def check_continue_training(impl):
    batches = _batches(7)
    model = _small_model(2, drop_rate=0.1).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.1)
    _train(model, optimizer, batches[:3])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model_and_optimizer.pth"
        torch.save({"model_state_dict": model.state_dict(),
                    "optimizer_state_dict": optimizer.state_dict()}, path)
        torch.manual_seed(5)
        expected = _train(model, optimizer, batches[3:])  # the uninterrupted continuation
        fresh = _small_model(3, drop_rate=0.1).train()
        fresh_opt = torch.optim.AdamW(fresh.parameters(), lr=1e-2, weight_decay=0.1)
        torch.manual_seed(5)
        got = impl(path, fresh, fresh_opt, batches[3:], "cpu", num_epochs=1)
    got = [float(v) for v in got]
    if len(got) != len(expected):
        raise CheckFailure(f"expected one loss per step ({len(expected)} steps), got {len(got)}")
    if abs(got[0] - expected[0]) > 1e-5:
        raise CheckFailure(f"the first loss after resuming is {got[0]:.4f}, expected "
                           f"{expected[0]:.4f}: are the saved model weights loaded (and is the "
                           "model in training mode, with dropout)?")
    if any(abs(a - b) > 1e-5 for a, b in zip(got, expected)):
        raise CheckFailure(f"losses {[round(v, 4) for v in got]} differ from the uninterrupted "
                           f"run {[round(v, 4) for v in expected]} after the first step: the "
                           "optimizer state (AdamW's running averages) was not restored; use "
                           "optimizer.load_state_dict(checkpoint['optimizer_state_dict'])")
    for (name, a), b in zip(fresh.named_parameters(), model.parameters()):
        assert_close(a, b, what=f"the weight {name} after training", atol=1e-5,
                     hint="train on the model and optimizer you were given")


# --- ex5_5: the loss of a model on the-verdict ------------------------------------------------


@functools.lru_cache(maxsize=1)
def _verdict_text():
    try:
        return get_asset_path("the-verdict").read_text(encoding="utf-8")
    except AssetError as err:
        raise CheckFailure(f"this check needs the-verdict, which is not on this computer yet: "
                           f"run `python -m llmscratch fetch the-verdict` once ({err})") from err


@one_thread
def check_pretrained_loss(impl):
    text = _verdict_text()[:6000]
    tokenizer = get_gpt2_tokenizer()
    cfg = {**SMALL, "vocab_size": 50257, "context_length": 32, "drop_rate": 0.5}
    torch.manual_seed(4)
    reference = GPTModel(cfg).eval()
    split = int(0.9 * len(text))
    expected = []
    for part, drop_last in ((text[:split], True), (text[split:], False)):
        loader = DataLoader(GPTDatasetV1(part, tokenizer, 32, 32), batch_size=2,
                            drop_last=drop_last)
        with torch.no_grad():
            expected.append(calc_loss_loader(loader, reference, "cpu"))
    learner_model = GPTModel(cfg)
    learner_model.load_state_dict(reference.state_dict())
    learner_model.train()  # as it comes out of training: the function must switch dropout off
    got = impl(learner_model, text, tokenizer, "cpu", context_length=32, batch_size=2)
    got = [float(v) for v in got]
    if all(abs(a - b) < 1e-4 for a, b in zip(got, expected)):
        return
    if learner_model.training:
        raise CheckFailure(f"you got (train, val) = ({got[0]:.4f}, {got[1]:.4f}), expected "
                           f"({expected[0]:.4f}, {expected[1]:.4f}), and the model is still in "
                           "training mode: call model.eval() so dropout is off while measuring")
    if abs(got[0] - expected[0]) < 1e-4:
        raise CheckFailure(f"the training loss is right but the validation loss is {got[1]:.4f}, "
                           f"expected {expected[1]:.4f}: the validation text is the part AFTER "
                           "int(train_ratio * len(text)), averaged over all its batches")
    raise CheckFailure(f"you got (train, val) = ({got[0]:.4f}, {got[1]:.4f}), expected "
                       f"({expected[0]:.4f}, {expected[1]:.4f}): split the text at "
                       "int(train_ratio * len(text)) characters and use windows with "
                       "stride = context_length, no shuffling")


# --- ex5_6: GPT-2 of any size from settings and weights ----------------------------------------


def _as_gpt2_params(model):
    """Our GPTModel's weights in the layout of OpenAI's GPT-2 files (Conv1D, fused c_attn)."""
    sd = model.state_dict()
    params = {"wte.weight": sd["tok_emb.weight"], "wpe.weight": sd["pos_emb.weight"],
              "ln_f.weight": sd["final_norm.scale"], "ln_f.bias": sd["final_norm.shift"]}
    for i in range(len(model.trf_blocks)):
        b = f"trf_blocks.{i}."
        h = f"h.{i}."
        qkv = ("att.W_query", "att.W_key", "att.W_value")
        params[h + "attn.c_attn.weight"] = torch.cat([sd[b + m + ".weight"].t() for m in qkv], 1)
        params[h + "attn.c_attn.bias"] = torch.cat([sd[b + m + ".bias"] for m in qkv])
        for ours, theirs in (("att.out_proj", "attn.c_proj"), ("ff.layers.0", "mlp.c_fc"),
                             ("ff.layers.2", "mlp.c_proj")):
            params[h + theirs + ".weight"] = sd[b + ours + ".weight"].t().contiguous()
            params[h + theirs + ".bias"] = sd[b + ours + ".bias"]
        for ours, theirs in (("norm1", "ln_1"), ("norm2", "ln_2")):
            params[h + theirs + ".weight"] = sd[b + ours + ".scale"]
            params[h + theirs + ".bias"] = sd[b + ours + ".shift"]
    return {k: v.clone() for k, v in params.items()}


@one_thread
def check_larger_gpt2(impl):
    settings = {"n_vocab": 60, "n_ctx": 24, "n_embd": 24, "n_head": 3, "n_layer": 3}
    torch.manual_seed(6)
    reference = GPTModel({"vocab_size": 60, "context_length": 24, "emb_dim": 24, "n_heads": 3,
                          "n_layers": 3, "drop_rate": 0.0, "qkv_bias": True}).eval()
    with torch.no_grad():
        for p in reference.parameters():
            p.add_(torch.randn_like(p) * 0.1)  # biases and norms are not all 0 and 1
        reference.out_head.weight.copy_(reference.tok_emb.weight)  # GPT-2 ties the two
    try:
        model = impl(dict(settings), _as_gpt2_params(reference), drop_rate=0.1)
    except ValueError as err:
        raise CheckFailure(f"building or loading the model failed: {err}") from err
    if model.training:
        raise CheckFailure("the model is returned in training mode (dropout on): call "
                           "model.eval() before returning it")
    if model.pos_emb.num_embeddings != settings["n_ctx"]:
        raise CheckFailure(f"the model's context is {model.pos_emb.num_embeddings}, expected "
                           f"n_ctx = {settings['n_ctx']}")
    ids = torch.tensor([[1, 5, 9, 33, 2, 58]])
    with torch.no_grad():
        assert_close(model(ids), reference(ids), what="the loaded model's logits", atol=1e-5,
                     hint="are all settings mapped to the right config keys?")


# --- ex5_7: calc_loss_batch -------------------------------------------------------------------


def check_calc_loss_batch(impl):
    model = _small_model(7)
    inputs, targets = _batches(1, batch=2, num_tokens=5)[0]
    model.train()
    loss = impl(inputs, targets, model, "cpu")
    if not isinstance(loss, torch.Tensor) or loss.dim() != 0:
        raise CheckFailure(f"return the loss as a 0-d tensor (got {type(loss).__name__}"
                           f"{'' if not isinstance(loss, torch.Tensor) else tuple(loss.shape)}): "
                           "it must be backpropagated, so do not call .item()")
    if loss.grad_fn is None:
        raise CheckFailure("the loss has no gradient history: compute it from the model's "
                           "logits without torch.no_grad() or .detach()")
    logits = model(inputs).detach()
    expected = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    if abs(loss.item() - expected.item()) < 1e-5:
        return
    msg = f"the loss is {loss.item():.4f}, expected {expected.item():.4f}."
    vs_inputs = torch.nn.functional.cross_entropy(logits.flatten(0, 1), inputs.flatten())
    swapped = torch.nn.functional.cross_entropy(logits.transpose(0, 1).flatten(0, 1),
                                                targets.flatten())
    if abs(loss.item() - vs_inputs.item()) < 1e-5:
        msg += (" It equals the loss against the INPUT ids: use target_batch, the inputs "
                "shifted by one, as the targets.")
    elif abs(loss.item() - swapped.item()) < 1e-5:
        msg += (" The logits were flattened in (num_tokens, batch) order while the targets are "
                "(batch, num_tokens): use logits.flatten(0, 1) with target_batch.flatten().")
    elif abs(loss.item() - expected.item() * targets.numel()) < 1e-3:
        msg += " It is the sum over tokens: use the mean (cross_entropy's default reduction)."
    raise CheckFailure(msg)


# --- ex5_8: one training step (with a recorded training band) ---------------------------------

# Recorded from 10 runs of solutions/ex5_8_train_step.py (seeds 1-10) on CPU, torch 2.13, with
# _train_tiny below: validation loss after 30 steps mean 6.366, standard deviation 0.038,
# min 6.319, max 6.433. The band is [min - 3 sd, max + 3 sd], rounded outwards. The check runs
# seed 123, which is not one of the recorded seeds.
BAND = (6.20, 6.55)
BAND_SD = 0.038


@functools.lru_cache(maxsize=1)
def _verdict_ids():
    """the-verdict as GPT-2 ids renumbered 0..n-1 (1,416 distinct tokens), so that a tiny model
    trains in about a second."""
    ids = get_gpt2_tokenizer().encode(_verdict_text())
    vocab = {t: i for i, t in enumerate(sorted(set(ids)))}
    return torch.tensor([vocab[t] for t in ids]), len(vocab)


def _windows(ids, n):
    k = (len(ids) - 1) // n
    return TensorDataset(ids[: k * n].view(k, n), ids[1: k * n + 1].view(k, n))


def _train_tiny(train_step, seed, steps=30):
    """Train a tiny GPT on the-verdict for ``steps`` calls of ``train_step``; return
    (step losses, validation loss)."""
    ids, vocab = _verdict_ids()
    split = int(0.9 * len(ids))
    torch.manual_seed(seed)
    model = GPTModel({**SMALL, "vocab_size": vocab, "context_length": 32, "emb_dim": 32,
                      "drop_rate": 0.1})
    optimizer = make_adamw(model, lr=3e-3, weight_decay=0.1)
    loader = DataLoader(_windows(ids[:split], 32), batch_size=4, shuffle=True, drop_last=True,
                        generator=torch.Generator().manual_seed(seed))
    losses = []
    while len(losses) < steps:
        for x, y in loader:
            losses.append(float(train_step(model, optimizer, x, y, "cpu")))
            if len(losses) == steps:
                break
    model.eval()
    with torch.no_grad():
        val = calc_loss_loader(DataLoader(_windows(ids[split:], 32), batch_size=4), model, "cpu")
    return losses, val


@one_thread
def check_train_step(impl):
    model = _small_model(8, drop_rate=0.1)
    reference = _small_model(8, drop_rate=0.1)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.1)
    ref_opt = torch.optim.AdamW(reference.parameters(), lr=1e-2, weight_decay=0.1)
    model.eval()  # the step itself must switch training mode (dropout) on
    for step, (x, y) in enumerate(_batches(4)):
        torch.manual_seed(step)
        got = impl(model, opt, x, y, "cpu")
        torch.manual_seed(step)
        reference.train()
        ref_opt.zero_grad()
        loss = calc_loss_batch(x, y, reference, "cpu")
        loss.backward()
        ref_opt.step()
        if not isinstance(got, float):
            raise CheckFailure(f"return the loss as a Python float (loss.item()), got "
                               f"{type(got).__name__}")
        if abs(got - loss.item()) > 1e-5:
            with torch.no_grad():
                logits = reference.eval()(x)
            vs_inputs = torch.nn.functional.cross_entropy(logits.flatten(0, 1), x.flatten())
            if not model.training:
                why = "put the model in training mode (model.train()) so dropout is on"
            elif step == 0 and abs(got - vs_inputs.item()) < 0.2:
                why = ("is the loss computed against the targets (the inputs shifted by one)? "
                       "It is close to the loss against the input ids")
            else:
                why = ("return the mean cross-entropy of this batch, computed before "
                       "optimizer.step(), as calc_loss_batch does")
            raise CheckFailure(f"step {step}: your step returned loss {got:.5f}, expected "
                               f"{loss.item():.5f}: {why}")
        for (name, a), b in zip(model.named_parameters(), reference.parameters()):
            if (a - b).abs().max() > 1e-5:
                raise CheckFailure(
                    f"after step {step} the weight {name} differs from the reference by "
                    f"{(a - b).abs().max().item():.3g}: "
                    + ("did you call optimizer.step() after loss.backward()?" if step == 0 else
                       "are the gradients zeroed before each backward pass? Without "
                       "optimizer.zero_grad() they keep adding up from earlier steps."))
    _, val = _train_tiny(impl, seed=123)
    if not BAND[0] <= val <= BAND[1]:
        raise CheckFailure(
            f"a 30-step training run with your train_step ends at validation loss {val:.3f}; "
            f"runs of our solution end between {BAND[0]} and {BAND[1]} (10 seeds, spread "
            f"{BAND_SD}), so the difference is far larger than run-to-run noise")


# --- ex5_9: top-k filtering ---------------------------------------------------------------------


def check_top_k_filter(impl):
    logits = BOOK_LOGITS.unsqueeze(0).clone()
    got = impl(logits, 3)
    expected = torch.full_like(logits, float("-inf"))
    expected[0, [0, 3, 7]] = logits[0, [0, 3, 7]]
    if not torch.equal(logits, BOOK_LOGITS.unsqueeze(0)):
        raise CheckFailure("the input logits were modified in place: return a new tensor "
                           "(masked_fill without the underscore, or torch.where)")
    kept = torch.isfinite(got[0])
    if int(kept.sum()) != 3:
        why = ("k + 1 of them: the threshold is the k-th largest value, top_logits[:, -1]"
               if int(kept.sum()) == 4 else "the others must become -inf (not 0), so that "
               "softmax gives them probability 0")
        raise CheckFailure(f"with top_k=3 you kept {int(kept.sum())} logits of the book's "
                           f"example, expected 3: {why}")
    if not torch.equal(got, expected):
        raise CheckFailure(f"top-3 of the book's logits gave {got[0].tolist()}, expected "
                           f"{expected[0].tolist()}")
    rows = torch.tensor([[1.0, 5.0, 3.0, 4.0, 2.0], [50.0, 10.0, 40.0, 30.0, 20.0]])
    got = impl(rows, 2)
    expected = torch.tensor([[-math.inf, 5.0, -math.inf, 4.0, -math.inf],
                             [50.0, -math.inf, 40.0, -math.inf, -math.inf]])
    if not torch.equal(got, expected):
        raise CheckFailure(f"two rows filtered with top_k=2 gave {got.tolist()}, expected "
                           f"{expected.tolist()}: each row needs its own threshold, shape "
                           "(batch, 1)")
    ties = impl(torch.tensor([[2.0, 1.0, 2.0, 0.5]]), 1)
    if int(torch.isfinite(ties).sum()) != 2:
        raise CheckFailure("values equal to the k-th largest must survive (the book masks "
                           "only logits < threshold): top_k=1 of [2, 1, 2, 0.5] keeps both 2s")


# --- ex5_10: perplexity -----------------------------------------------------------------------


def check_perplexity(impl):
    uniform = torch.zeros(2, 3, 50257)
    targets = torch.tensor([[1, 2, 3], [4, 5, 6]])
    got = float(impl(uniform, targets))
    if not math.isfinite(got) or abs(got - 50257) > 1.0:
        if not math.isfinite(got) or got > 1e6:
            hint = "is it exp of the SUM of the token losses? Use the mean loss per token"
        elif abs(got - 2 ** math.log(50257)) < 1.0:
            hint = "the loss is in nats (natural log), so take exp(loss), not 2 ** loss"
        else:
            hint = ("a model that knows nothing is as unsure as a uniform pick among all "
                    "50,257 tokens")
        raise CheckFailure(f"uniform logits over 50,257 tokens give perplexity {got:.1f}, "
                           f"expected 50257: {hint}")
    torch.manual_seed(10)
    logits, targets = torch.randn(2, 4, 9) * 2, torch.randint(0, 9, (2, 4))
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    got = float(impl(logits, targets))
    if abs(got - math.exp(loss.item())) > 1e-3 * math.exp(loss.item()):
        msg = f"perplexity {got:.4f}, expected exp(mean loss) = {math.exp(loss.item()):.4f}"
        if abs(got - 2 ** loss.item()) < 1e-3 * 2 ** loss.item():
            msg += ": the loss is in nats (natural log), so use exp, not 2 **"
        raise CheckFailure(msg)


EXERCISES = [
    Exercise(id="ex5_1", file="ex5_1_temperature_sampling.py", entry="sampling_frequencies",
             title="Temperature and sampling frequencies", check=check_temperature_sampling),
    Exercise(id="ex5_2", file="ex5_2_generate.py", entry="generate",
             title="Top-k with temperature: the combined generate", check=check_generate),
    Exercise(id="ex5_3", file="ex5_3_deterministic_decoding.py", entry="is_deterministic",
             title="Which settings make decoding deterministic?", check=check_deterministic),
    Exercise(id="ex5_4", file="ex5_4_continue_training.py", entry="continue_training",
             title="Continue training from a checkpoint", check=check_continue_training),
    Exercise(id="ex5_5", file="ex5_5_pretrained_loss.py", entry="train_val_losses",
             title="Training and validation loss of a (pretrained) model",
             check=check_pretrained_loss),
    Exercise(id="ex5_6", file="ex5_6_larger_gpt2.py", entry="build_gpt2",
             title="Load GPT-2 of any size", check=check_larger_gpt2),
    Exercise(id="ex5_7", file="ex5_7_calc_loss_batch.py", entry="calc_loss_batch",
             title="The loss of one batch", check=check_calc_loss_batch),
    Exercise(id="ex5_8", file="ex5_8_train_step.py", entry="train_step",
             title="One training step (compared with recorded runs)", check=check_train_step),
    Exercise(id="ex5_9", file="ex5_9_top_k_filter.py", entry="top_k_filter",
             title="Top-k filtering", check=check_top_k_filter),
    Exercise(id="ex5_10", file="ex5_10_perplexity.py", entry="perplexity",
             title="Perplexity", check=check_perplexity),
]
