"""Memory that GPTModelFast's layers keep between training steps (llmscratch.fast_kernels).

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

from llmscratch import FastEmbedding, GPTModelFast
from llmscratch import fast_kernels as kernels

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
        grad = ctx.kept.zeros(ctx.weight_shape, grad_out)
        grad.index_copy_(0, ids.reshape(-1), grad_out.reshape(-1, grad_out.shape[-1]))
        return None, grad, None

    monkeypatch.setattr(kernels._EmbeddingFunction, "backward", staticmethod(copies_rows))
    # invariant: the gradient check above rejects a backward that does not add repeated ids
    assert max(embedding_grad_errors()) > 0.1


def test_embedding_check_catches_a_buffer_reused_without_zeroing(monkeypatch):
    def stale_zeros(self, shape, like):  # mutant: hands the buffer back as it was
        if self.buffer is None:
            self.buffer = like.new_zeros(shape)
            self.idle_users = kernels._storage_users(self.buffer)
        return self.buffer.view(shape)

    monkeypatch.setattr(kernels._KeptGradient, "zeros", stale_zeros)
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
    assert fast.weight.grad.data_ptr() == first == fast._kept_grad.buffer.data_ptr()


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
    def always_reuse(self, shape, like):  # mutant: ignores who else holds the buffer
        if self.buffer is None:
            self.buffer = like.new_empty(shape)
        return self.buffer.view(shape).zero_()

    monkeypatch.setattr(kernels._KeptGradient, "zeros", always_reuse)
    # invariant: the check above rejects a buffer reused while a kept gradient lives in it
    with pytest.raises(AssertionError):
        test_embedding_never_overwrites_a_gradient_somebody_kept()


def test_embedding_falls_back_to_nn_embedding(monkeypatch):
    calls = []
    monkeypatch.setattr(kernels._EmbeddingFunction, "apply",
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
    assert model.tok_emb._kept_grad.buffer is not None
    # invariant: copies and pickles carry the weights, not the kept buffer
    assert copy.deepcopy(model).tok_emb._kept_grad is None
    clone = pickle.loads(pickle.dumps(model))
    assert clone.tok_emb._kept_grad is None
    assert torch.equal(clone.tok_emb.weight, model.tok_emb.weight)
    # invariant: without the PyTorch call that counts a buffer's users, nothing is kept
    monkeypatch.delattr(torch._C, "_storage_Use_Count")
    layer = kernels._KeptGradient()
    assert torch.equal(layer.zeros((3, 2), torch.ones(1)), torch.zeros(3, 2))
    assert layer.buffer is None
