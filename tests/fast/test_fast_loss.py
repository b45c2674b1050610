"""The output head and next-token loss in one step (llmscratch.fast.loss, GPTModelFast.loss).

``GPTModelFast.loss(inputs, targets)`` must be the number ``calc_loss_batch`` gets the book's
way, ``F.cross_entropy`` of the logits, with the same gradients for every parameter; ignored
targets (-100, chapter 7's padding) must count for nothing; and wherever the fused path cannot
run it must be exactly the book's computation. Each numerical check has a mutant.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from llmscratch import GPTModel, LinearWithLoRA, calc_loss_batch
from llmscratch.fast import GPTModelFast, calc_loss_batch_fast, kernels
from llmscratch.fast import loss as fast_loss
from llmscratch.fast.loss import head_cross_entropy

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def cfg(tiny_cfg):
    return {**tiny_cfg, "vocab_size": 300}


def batch(cfg, seed=1, ignored=True):
    """Inputs and targets (2, context_length); the first row's last 7 targets are -100."""
    gen = torch.Generator().manual_seed(seed)
    inputs = torch.randint(0, cfg["vocab_size"], (2, cfg["context_length"]), generator=gen)
    targets = torch.randint(0, cfg["vocab_size"], (2, cfg["context_length"]), generator=gen)
    if ignored:
        targets[0, -7:] = -100
    return inputs, targets


def loss_and_grads(model, compute):
    model.zero_grad(set_to_none=True)
    loss = compute()
    loss.backward()
    return loss.detach(), {name: p.grad.clone() for name, p in model.named_parameters()}


def loss_errors(cfg, monkeypatch, piece_rows=64, loss_rows=5, bias=True, ignored=True):
    """Largest differences between ``GPTModelFast.loss`` and ``F.cross_entropy`` of its logits:
    (loss, every parameter's gradient, the loss without gradients). The 300-wide head counts as
    wide (pieces of 64, its buffers kept) and the log-sum-exp runs 5 rows at a time, so the
    last slice of the 32 rows is a short one."""
    monkeypatch.setattr(kernels, "_PIECE_ROWS", piece_rows)
    monkeypatch.setattr(fast_loss, "_LOSS_ROWS", loss_rows)
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    if bias:
        model.out_head.bias = torch.nn.Parameter(0.5 * torch.randn(cfg["vocab_size"]))
    inputs, targets = batch(cfg, ignored=ignored)
    ref_loss, ref = loss_and_grads(model, lambda: F.cross_entropy(
        model(inputs).flatten(0, 1), targets.flatten()))
    errors = []
    for _ in range(2):  # the second step reuses the head's kept buffers
        loss, grads = loss_and_grads(model, lambda: model.loss(inputs, targets))
        errors.append((loss - ref_loss).abs().item())
        errors += [(grads[name] - ref[name]).abs().max().item() for name in ref]
    with torch.no_grad():
        errors.append((model.loss(inputs, targets) - ref_loss).abs().item())
    return errors


@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("ignored", [False, True])
def test_loss_equals_cross_entropy_of_the_logits(cfg, monkeypatch, bias, ignored):
    # invariant: the fused loss and every parameter's gradient are the book's up to float
    # rounding, at the first step and at the next one (kept buffers), and without gradients
    assert max(loss_errors(cfg, monkeypatch, bias=bias, ignored=ignored)) < 1e-5


def test_loss_equals_cross_entropy_for_a_narrow_head(cfg, monkeypatch):
    # invariant: a head too narrow for pieces (no kept buffers) gives the same numbers
    assert max(loss_errors(cfg, monkeypatch, piece_rows=4096)) < 1e-5


def test_loss_check_catches_a_skipped_short_slice(cfg, monkeypatch):
    def full_slices_only(logits, softmax_in_place):  # mutant: the short last slice is skipped
        lse = logits.new_zeros(logits.shape[0])
        size = fast_loss._LOSS_ROWS
        for start in range(0, logits.shape[0] - size + 1, size):
            part = logits[start:start + size]
            lse[start:start + size] = part.logsumexp(1)
            if softmax_in_place:
                part.copy_(part.softmax(1))
        return lse

    monkeypatch.setattr(fast_loss, "_log_sum_exp_rows", full_slices_only)
    # invariant: the check above rejects a loss that leaves rows out of the log-sum-exp
    assert max(loss_errors(cfg, monkeypatch)) > 1e-3


def test_loss_check_catches_ignored_rows_left_in_the_gradient(cfg, monkeypatch):
    def keeps_ignored_rows(probs, targets, counted):  # mutant: ignored rows keep their softmax
        where = counted.nonzero().squeeze(1)
        probs.index_put_((where, targets[where]), probs.new_tensor(-1.0), accumulate=True)

    monkeypatch.setattr(fast_loss, "_subtract_targets", keeps_ignored_rows)
    # invariant: the check above rejects gradients in which padded positions still count
    assert max(loss_errors(cfg, monkeypatch)) > 1e-3
    # ... and such a mutant is invisible without ignored targets, which is why both are tested
    assert max(loss_errors(cfg, monkeypatch, ignored=False)) < 1e-5


def test_loss_check_catches_an_unscaled_gradient(cfg, monkeypatch):
    real = fast_loss.linear_grads
    counted = 2 * cfg["context_length"] - 7  # the targets batch() does not ignore

    def unscaled_weight_grad(rows, x_rows, weight, need_x, need_w, kept):
        # mutant: dL/dW of the summed loss, the 1 / count of the mean forgotten
        return real(rows, x_rows * counted, weight, need_x, need_w, kept)

    monkeypatch.setattr(fast_loss, "linear_grads", unscaled_weight_grad)
    # invariant: the check above rejects a head gradient that is not the mean's
    assert max(loss_errors(cfg, monkeypatch)) > 1e-3


def test_calc_loss_batch_fast_takes_the_fused_loss_for_gptmodelfast(cfg, monkeypatch):
    torch.manual_seed(0)
    book = GPTModel(cfg)
    torch.manual_seed(0)
    fast = GPTModelFast(cfg)
    inputs, targets = batch(cfg)
    applied = []
    real = fast_loss._HeadLossFunction.apply
    monkeypatch.setattr(fast_loss._HeadLossFunction, "apply",
                        lambda *args: applied.append(1) or real(*args))
    book_loss = calc_loss_batch(inputs, targets, book, "cpu")
    # invariant: the book's calc_loss_batch never takes the fused loss, even for GPTModelFast
    calc_loss_batch(inputs, targets, fast, "cpu")
    assert applied == []
    book_via_fast = calc_loss_batch_fast(inputs, targets, book, "cpu")
    assert applied == []  # a GPTModel goes the book's way in calc_loss_batch_fast too
    torch.testing.assert_close(book_via_fast, book_loss)
    fast_loss_value = calc_loss_batch_fast(inputs, targets, fast, "cpu")
    # invariant: calc_loss_batch_fast gives the book's number for both models, and for a
    # GPTModelFast it is computed by the fused head and loss (once)
    assert len(applied) == 1
    torch.testing.assert_close(fast_loss_value, book_loss, rtol=1e-5, atol=1e-6)


def test_fused_loss_falls_back_where_it_cannot_run(cfg, monkeypatch):
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    inputs, targets = batch(cfg)
    monkeypatch.setattr(fast_loss._HeadLossFunction, "apply", None)  # any use would fail
    with torch.no_grad():
        want = F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten())
        # invariant: a head that is no longer a FastLinear (LoRA on the output head) takes
        # F.cross_entropy of its logits
        model.out_head = LinearWithLoRA(model.out_head, rank=2, alpha=2)
        torch.testing.assert_close(model.loss(inputs, targets), want)
        # ... as does a float64 model
        model = model.double()
        want = F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten())
        torch.testing.assert_close(model.loss(inputs, targets), want)


def test_fused_loss_stays_out_of_autocast(cfg, monkeypatch):
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    inputs, targets = batch(cfg)
    monkeypatch.setattr(fast_loss._HeadLossFunction, "apply", None)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        # invariant: under autocast the loss is F.cross_entropy of the autocast head's logits
        want = F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten())
        torch.testing.assert_close(model.loss(inputs, targets), want)


def test_only_ignored_targets_give_nan_like_cross_entropy(cfg):
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    inputs, targets = batch(cfg)
    targets[:] = -100
    # invariant: nothing to count is 0 / 0, as F.cross_entropy reports it
    assert torch.isnan(model.loss(inputs, targets))


def test_bad_targets_say_what_to_do(cfg):
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    inputs, targets = batch(cfg)
    bad = targets.clone()
    bad[0, 3] = cfg["vocab_size"] + 5
    # invariant: a target outside the vocabulary names the id and what targets must be
    with pytest.raises(ValueError, match="305, outside the vocabulary.*ignore_index"):
        model.loss(inputs, bad)
    # invariant: targets of another shape than the inputs are refused with the rule
    with pytest.raises(ValueError, match="one target id per input token"):
        model.loss(inputs, targets[:, :-1])


def test_target_check_catches_a_missing_range_check(cfg, monkeypatch):
    monkeypatch.setattr(fast_loss, "_check_targets", lambda *args: None)  # mutant: no check
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    inputs, targets = batch(cfg)
    targets[0, 3] = cfg["vocab_size"] + 5
    # invariant: without the check the learner gets PyTorch's indexing error, not ours
    with pytest.raises(Exception) as caught:
        model.loss(inputs, targets)
    assert not isinstance(caught.value, ValueError)


def test_head_cross_entropy_reuses_the_head_buffers(cfg, monkeypatch):
    monkeypatch.setattr(kernels, "_PIECE_ROWS", 64)
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    inputs, targets = batch(cfg)
    pointers = []
    for _ in range(3):
        model.loss(inputs, targets).backward()
        out_kept, grad_kept = model.out_head.kept_buffers()
        pointers.append((out_kept.buffer.data_ptr(), model.out_head.weight.grad.data_ptr()))
        assert grad_kept.buffer.data_ptr() == pointers[-1][1]
        model.zero_grad(set_to_none=True)
    # invariant: every step writes the logits and the head's dL/dW into the same memory
    assert len(set(pointers)) == 1


def test_head_cross_entropy_is_exported_and_plain_for_plain_layers():
    torch.manual_seed(0)
    head = torch.nn.Linear(6, 40)
    x = torch.randn(9, 6)
    targets = torch.randint(0, 40, (9,))
    # invariant: for a layer that is not a FastLinear it is exactly F.cross_entropy
    assert torch.equal(head_cross_entropy(x, head, targets), F.cross_entropy(head(x), targets))


def pending_and_accumulated_errors(cfg, monkeypatch):
    """Largest differences from F.cross_entropy when two losses wait for one backward (the
    first one's softmax must survive the second forward) and when a second backward adds to
    gradients that are still there (no zero_grad between them)."""
    monkeypatch.setattr(kernels, "_PIECE_ROWS", 64)
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    (a, a_targets), (b, b_targets) = batch(cfg, seed=1), batch(cfg, seed=2)

    def book(inputs, targets):
        return F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten())

    _, want = loss_and_grads(model, lambda: book(a, a_targets) + 2 * book(b, b_targets))
    _, got = loss_and_grads(model, lambda: model.loss(a, a_targets) + 2 * model.loss(b, b_targets))
    errors = [(got[name] - want[name]).abs().max().item() for name in want]
    model.zero_grad(set_to_none=True)
    model.loss(a, a_targets).backward()
    model.loss(b, b_targets).backward()  # adds to the gradients of the first
    _, one = loss_and_grads(model, lambda: book(a, a_targets))
    _, two = loss_and_grads(model, lambda: book(b, b_targets))
    model.zero_grad(set_to_none=True)
    model.loss(a, a_targets).backward()
    model.loss(b, b_targets).backward()
    errors += [(p.grad - one[name] - two[name]).abs().max().item()
               for name, p in model.named_parameters()]
    return errors


def test_pending_losses_and_accumulated_gradients_are_right(cfg, monkeypatch):
    # invariant: a kept buffer still holding a pending loss's gradient or a live weight.grad is
    # never reused: both come out as F.cross_entropy's
    assert max(pending_and_accumulated_errors(cfg, monkeypatch)) < 1e-5


def test_pending_loss_check_catches_a_buffer_reused_while_held(cfg, monkeypatch):
    def always_reuse(self, shape, like, zero=False):  # mutant: ignores who else holds it
        if self.buffer is None:
            self.buffer = like.new_empty(shape)
        taken = like.new_empty(0).set_(self.buffer.untyped_storage(), 0, shape)
        return taken.zero_() if zero else taken

    monkeypatch.setattr(kernels.KeptBuffer, "take", always_reuse)
    # invariant: the check above rejects a head that overwrites a buffer somebody still holds
    assert max(pending_and_accumulated_errors(cfg, monkeypatch)) > 1e-3


def test_a_second_backward_through_the_same_loss_says_what_to_do(cfg):
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    inputs, targets = batch(cfg)
    loss = model.loss(inputs, targets)
    loss.backward(retain_graph=True)
    # invariant: the gradient buffer is handed back after one backward; a second one through
    # the same loss is refused with the way out, not a crash inside the kernel
    with pytest.raises(RuntimeError, match="already backpropagated.*F.cross_entropy"):
        loss.backward()


def test_head_cross_entropy_refuses_unflattened_inputs():
    head = torch.nn.Linear(6, 40)
    # invariant: (batch, tokens, features) input is refused with the flattening to do
    with pytest.raises(ValueError, match=r"flatten the batch and token dimensions"):
        head_cross_entropy(torch.randn(2, 3, 6), head, torch.randint(0, 40, (2, 3)))


def test_shape_check_catches_a_missing_check(monkeypatch):
    monkeypatch.setattr(fast_loss, "_check_shapes", lambda *args: None)  # mutant: no check
    # invariant: without the check the learner gets PyTorch's shape error, not ours
    with pytest.raises(Exception) as caught:
        test_head_cross_entropy_refuses_unflattened_inputs()
    assert not isinstance(caught.value, ValueError)
