"""Memory that GPTModelFast's layers keep between training steps (llmscratch.fast.kernels).

On the CPU a gradient the size of the token table (154 MB at GPT-2 size) is fresh memory at
every step; the fast layers keep such buffers and reuse them only while nobody else holds them.
These tests check the numbers (equal to PyTorch's layers), that the memory really is reused,
and that a gradient or output somebody kept is never overwritten. Each check has a mutant.
"""

from __future__ import annotations

import copy
import pickle

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from llmscratch.fast import GPTModelFast, kernels, layers
from llmscratch.fast.layers import FastEmbedding

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def cfg(tiny_cfg):
    return {**tiny_cfg, "vocab_size": 300}


def embedding_pair(num=40, dim=6, seed=0):
    torch.manual_seed(seed)
    plain = nn.Embedding(num, dim)
    fast = copy.deepcopy(plain)
    fast.__class__ = FastEmbedding
    return plain, fast


def ids_with_repeats(num=40):
    gen = torch.Generator().manual_seed(1)
    ids = torch.randint(0, num, (3, 9), generator=gen)
    ids[:, :4] = 7  # one id many times: its rows of the gradient must add up
    return ids


def embedding_grad_errors(steps=2):
    """Largest difference from nn.Embedding's weight gradient over ``steps`` training steps
    (each with ``zero_grad``, so the second reuses the kept buffer)."""
    plain, fast = embedding_pair()
    errors = []
    for step in range(steps):
        ids = ids_with_repeats()[:, step:]
        out_grad = torch.randn(*ids.shape, 6, generator=torch.Generator().manual_seed(step))
        for layer in (plain, fast):
            layer.zero_grad(set_to_none=True)
            layer(ids).backward(out_grad)
        errors.append((fast.weight.grad - plain.weight.grad).abs().max().item())
    return errors


def test_embedding_gradient_equals_nn_embedding():
    # invariant: forward is nn.Embedding's, and the weight gradient too (repeated ids add up),
    # also at the second step, which fills the kept buffer again
    plain, fast = embedding_pair()
    ids = ids_with_repeats()
    assert torch.equal(plain(ids), fast(ids))
    assert max(embedding_grad_errors()) < 1e-6


def test_embedding_check_catches_repeated_ids_written_not_added(monkeypatch):
    def copies_rows(ctx, grad_out):  # mutant: index_copy_ keeps one row per repeated id
        (ids,) = ctx.saved_tensors
        grad = ctx.kept.take(ctx.weight_shape, grad_out, zero=True)
        grad.index_copy_(0, ids.reshape(-1), grad_out.reshape(-1, grad_out.shape[-1]))
        return None, grad, None

    monkeypatch.setattr(layers._EmbeddingFunction, "backward", staticmethod(copies_rows))
    # invariant: the gradient check above rejects a backward that does not add repeated ids
    assert max(embedding_grad_errors()) > 0.1


def test_embedding_check_catches_a_buffer_reused_without_zeroing(monkeypatch):
    def stale_zeros(self, shape, like, zero=False):  # mutant: hands the buffer back as it was
        if self.buffer is None:
            self.buffer = like.new_zeros(shape)
            self.idle_users = kernels._storage_users(self.buffer)
        return self.buffer.view(shape)

    monkeypatch.setattr(kernels.KeptBuffer, "take", stale_zeros)
    # invariant: the second step's gradient check rejects last step's numbers left in the buffer
    first, second = embedding_grad_errors()
    assert first < 1e-6 and second > 0.1


def test_embedding_gradient_reuses_its_buffer():
    _, fast = embedding_pair()
    ids = ids_with_repeats()
    fast(ids).sum().backward()
    first = fast.weight.grad.data_ptr()
    fast.zero_grad(set_to_none=True)
    fast(ids).sum().backward()
    # invariant: after zero_grad the next gradient is written into the same memory, which
    # autograd took as weight.grad without a copy
    assert fast.weight.grad.data_ptr() == first == fast._kept.buffer.data_ptr()


def test_embedding_never_overwrites_a_gradient_somebody_kept():
    plain, fast = embedding_pair()
    ids = ids_with_repeats()
    fast(ids).sum().backward()
    kept, before = fast.weight.grad, fast.weight.grad.clone()
    fast.zero_grad(set_to_none=True)
    fast(ids[:1]).sum().backward()
    # invariant: a gradient still referenced elsewhere keeps its numbers; the new one is new
    assert torch.equal(kept, before)
    assert fast.weight.grad.data_ptr() != kept.data_ptr()
    plain(ids[:1]).sum().backward()
    assert torch.equal(fast.weight.grad, plain.weight.grad)
    # invariant: without zero_grad the second gradient adds to the first, as in PyTorch
    fast(ids[:1]).sum().backward()
    assert torch.equal(fast.weight.grad, 2 * plain.weight.grad)


def test_kept_gradient_check_catches_reuse_while_held(monkeypatch):
    def always_reuse(self, shape, like, zero=False):  # mutant: ignores who else holds it
        if self.buffer is None:
            self.buffer = like.new_empty(shape)
        return self.buffer.view(shape).zero_()

    monkeypatch.setattr(kernels.KeptBuffer, "take", always_reuse)
    # invariant: the check above rejects a buffer reused while a kept gradient lives in it
    with pytest.raises(AssertionError):
        test_embedding_never_overwrites_a_gradient_somebody_kept()


def test_embedding_falls_back_to_nn_embedding(monkeypatch):
    calls = []
    monkeypatch.setattr(layers._EmbeddingFunction, "apply",
                        lambda *args: calls.append(args) or F.embedding(args[0], args[1]))
    _, fast = embedding_pair()
    ids = ids_with_repeats()
    with torch.no_grad():
        fast(ids)
    fast.weight.requires_grad_(False)
    fast(ids)
    fast.weight.requires_grad_(True)
    padded = copy.deepcopy(fast)
    padded.padding_idx = 0
    padded(ids)
    # invariant: no gradient (evaluation, frozen table) or another option: nn.Embedding's path
    assert calls == []
    fast(ids)
    assert len(calls) == 1


def test_model_uses_fast_embeddings_and_copies_drop_the_buffer(cfg, monkeypatch):
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    assert type(model.tok_emb) is FastEmbedding and type(model.pos_emb) is FastEmbedding
    ids = torch.randint(0, cfg["vocab_size"], (2, 5))
    model(ids).sum().backward()
    assert model.tok_emb._kept.buffer is not None
    # invariant: copies and pickles carry the weights, not the kept buffer
    assert copy.deepcopy(model).tok_emb._kept is None
    clone = pickle.loads(pickle.dumps(model))
    assert clone.tok_emb._kept is None
    assert torch.equal(clone.tok_emb.weight, model.tok_emb.weight)
    # invariant: without the PyTorch call that counts a buffer's users, nothing is kept
    monkeypatch.delattr(torch._C, "_storage_Use_Count")
    layer = kernels.KeptBuffer()
    assert torch.equal(layer.take((3, 2), torch.ones(1), zero=True), torch.zeros(3, 2))
    assert layer.buffer is None


# --- wide products (the output head): pieces and kept buffers -------------------------------


def wide_layer(monkeypatch, out_f=11, in_f=5, seed=0):
    """A FastLinear whose 11 outputs count as wide (pieces of 4, 4 and 3) and its nn.Linear twin."""
    monkeypatch.setattr(kernels, "_PIECE_ROWS", 4)
    torch.manual_seed(seed)
    plain = nn.Linear(in_f, out_f, bias=False)
    fast = copy.deepcopy(plain)
    fast.__class__ = kernels.FastLinear
    assert kernels._wide(fast.weight)
    return plain, fast


def wide_errors(monkeypatch, steps=2):
    """Largest differences from nn.Linear (output, dL/dx, dL/dW) over ``steps`` steps, with and
    without gradients."""
    plain, fast = wide_layer(monkeypatch)
    errors = []
    for step in range(steps):
        gen = torch.Generator().manual_seed(step)
        x = torch.randn(2, 3, 5, generator=gen)
        upstream = torch.randn(2, 3, 11, generator=gen)
        results = []
        for layer in (plain, fast):
            layer.zero_grad(set_to_none=True)
            leaf = x.clone().requires_grad_()
            out = layer(leaf)
            out.backward(upstream)
            with torch.no_grad():
                evaluated = layer(x)
            results.append((out.detach().clone(), leaf.grad, layer.weight.grad.clone(), evaluated))
        errors += [(a - b).abs().max().item() for a, b in zip(*results)]
    return errors


def test_wide_product_in_pieces_equals_linear(monkeypatch):
    # invariant: in pieces (with a short last one), the output, dL/dx and dL/dW are nn.Linear's,
    # also at the second step, which reuses the kept buffers, and without gradients
    assert max(wide_errors(monkeypatch)) < 1e-5


def test_wide_check_catches_a_dropped_last_piece(monkeypatch):
    def full_pieces_only(rows, weight, bias, out):  # mutant: skips the short last piece
        for start in range(0, weight.shape[0] - kernels._PIECE_ROWS + 1, kernels._PIECE_ROWS):
            part = slice(start, start + kernels._PIECE_ROWS)
            out[:, part] = kernels.onednn_linear(rows, weight[part])
        return out

    monkeypatch.setattr(kernels, "linear_in_pieces", full_pieces_only)
    # invariant: the check above rejects outputs whose last piece was never computed
    assert max(wide_errors(monkeypatch)) > 0.1


def test_wide_check_catches_weight_gradient_pieces_in_the_wrong_rows(monkeypatch):
    def shifted(rows, x_rows, out):  # mutant: each piece's gradient lands one piece early
        size = kernels._PIECE_ROWS
        for start in range(0, out.shape[0], size):
            dest = slice(max(start - size, 0), max(start - size, 0) + size)
            piece = kernels.onednn_linear(rows[:, start:start + size].t().contiguous(),
                                           x_rows.t())
            out[dest][:piece.shape[0]] = piece
        return out

    monkeypatch.setattr(kernels, "_weight_grad_in_pieces", shifted)
    # invariant: the check above rejects a weight gradient assembled in the wrong rows
    assert max(wide_errors(monkeypatch)) > 0.1


def test_wide_layer_reuses_and_never_overwrites_kept_outputs(monkeypatch):
    _, fast = wide_layer(monkeypatch)
    x = torch.randn(3, 5)
    first = fast(x)
    first.sum().backward()
    out_ptr, grad_ptr = first.data_ptr(), fast.weight.grad.data_ptr()
    kept_out, kept_grad = first.detach().clone(), fast.weight.grad.clone()
    # invariant: the output and dL/dW somebody still holds are left alone by the next step
    second = fast(2 * x)
    fast.weight.grad = None
    assert torch.equal(first, kept_out)
    second.sum().backward()
    assert second.data_ptr() != out_ptr and torch.equal(first, kept_out)
    del first, second
    fast.weight.grad = None
    # invariant: once dropped, the next output and gradient are written into the same memory
    third = fast(x)
    third.sum().backward()
    assert third.data_ptr() == out_ptr and fast.weight.grad.data_ptr() == grad_ptr
    assert torch.equal(third.detach(), kept_out) and torch.equal(fast.weight.grad, kept_grad)


def test_release_kept_memory(cfg, monkeypatch):
    monkeypatch.setattr(kernels, "_PIECE_ROWS", 64)  # the 300-wide head of the tiny model
    torch.manual_seed(0)
    model = GPTModelFast(cfg)
    ids = torch.randint(0, cfg["vocab_size"], (2, 5))
    logits = model(ids)
    logits.sum().backward()
    holders = [m for m in model.modules() if getattr(m, "_kept", None) is not None]
    assert {type(m).__name__ for m in holders} == {"FastEmbedding", "FastLinear"}
    # invariant: release lets every buffer go; the model still computes the same logits
    model.release_kept_memory()
    assert all(getattr(m, "_kept", None) is None for m in model.modules())
    assert torch.equal(model(ids), logits)
