"""Tests for llmscratch.generation: greedy, cached, sampled and streamed decoding.

The KV-cache paths are compared with plain generation token for token, over many prompt lengths,
batch sizes, window sizes and outputs that run past the context length. The sweep runs in float64
so that a near-tie between two logits can never flip an argmax on some other platform; one case
repeats it in float32, the dtype people use.
"""

from __future__ import annotations

import pytest
import tiktoken
import torch

from llmscratch import (
    GPTModel,
    generate,
    generate_stream,
    generate_text_simple,
    generate_text_simple_cached,
    text_to_token_ids,
    token_ids_to_text,
)

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def tokenizer():
    return tiktoken.get_encoding("gpt2")


@pytest.fixture(scope="module")
def small_cfg():
    # a small vocabulary keeps the many generation steps of the sweeps cheap
    return {"vocab_size": 97, "context_length": 16, "emb_dim": 32, "n_heads": 4,
            "n_layers": 2, "drop_rate": 0.0, "qkv_bias": True}


@pytest.fixture(scope="module")
def model64(small_cfg):
    torch.manual_seed(123)
    return GPTModel(small_cfg).double().eval()


@pytest.fixture
def model(tiny_cfg, seed):
    return GPTModel(tiny_cfg).eval()


def _reference_generate(model, idx, max_new_tokens, context_size, temperature, top_k, eos_id):
    """The book's loop for one row, written out independently as the reference."""
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])[:, -1, :]
        if top_k is not None:
            kth = torch.topk(logits, top_k).values[0, -1]
            logits = torch.where(logits < kth, torch.full_like(logits, -torch.inf), logits)
        if temperature > 0:
            nxt = torch.multinomial(torch.softmax(logits / temperature, dim=-1), 1)
        else:
            nxt = logits.argmax(dim=-1, keepdim=True)
        if eos_id is not None and nxt.item() == eos_id:
            break
        idx = torch.cat([idx, nxt], dim=1)
    return idx


# --- tokens <-> text -----------------------------------------------------------------------


def test_text_to_token_ids_and_back(tokenizer):
    ids = text_to_token_ids("Hello, I am", tokenizer)
    # invariant: the book's ids for "Hello, I am", with a batch dimension
    assert ids.tolist() == [[15496, 11, 314, 716]]
    # invariant: decoding gives the text back, from (1, n), (n,) or a list
    assert token_ids_to_text(ids, tokenizer) == "Hello, I am"
    assert token_ids_to_text(ids[0], tokenizer) == "Hello, I am"
    assert token_ids_to_text([15496, 11], tokenizer) == "Hello,"
    # invariant: <|endoftext|> is allowed and becomes its single id 50256
    assert text_to_token_ids("a<|endoftext|>", tokenizer).tolist() == [[64, 50256]]


def test_token_ids_to_text_rejects_batches(tokenizer):
    # invariant: a batch of several rows gets a clear message instead of a tokenizer crash
    with pytest.raises(ValueError, match="one sequence.*batch of 2"):
        token_ids_to_text(torch.zeros(2, 3, dtype=torch.long), tokenizer)


def test_text_to_token_ids_with_simple_tokenizer():
    class WordTokenizer:  # a chapter-2 style tokenizer: encode(text) only
        vocab = {"hello": 0, "world": 1}

        def encode(self, text):
            return [self.vocab[w] for w in text.split()]

    # invariant: tokenizers without allowed_special still work
    assert text_to_token_ids("hello world hello", WordTokenizer()).tolist() == [[0, 1, 0]]


# --- greedy --------------------------------------------------------------------------------


def test_generate_text_simple_is_greedy(model):
    idx = torch.tensor([[15496, 11, 314]])
    out = generate_text_simple(model, idx, max_new_tokens=3, context_size=16)
    # invariant: prompt kept, 3 tokens appended
    assert out.shape == (1, 6) and torch.equal(out[:, :3], idx)
    # invariant: each new token is the argmax of the model's last-position logits
    for t in range(3, 6):
        with torch.no_grad():
            expected = model(out[:, :t])[0, -1].argmax().item()
        assert out[0, t].item() == expected


def test_long_prompt_is_cropped(model):
    prompt = torch.randint(0, 50257, (2, 40))  # longer than context_length=16
    out = generate_text_simple(model, prompt, max_new_tokens=4, context_size=16)
    # invariant: no crash; the new tokens depend only on the last 16 tokens
    cropped = generate_text_simple(model, prompt[:, -16:], max_new_tokens=4, context_size=16)
    assert torch.equal(out[:, 40:], cropped[:, 16:])
    # invariant: a context_size beyond the model's is capped instead of crashing
    too_big = generate_text_simple(model, prompt, max_new_tokens=4, context_size=1024)
    assert torch.equal(too_big, out)


def test_zero_new_tokens_returns_prompt(model):
    idx = torch.tensor([[1, 2, 3]])
    # invariant: max_new_tokens=0 leaves the input untouched, for every variant
    assert torch.equal(generate_text_simple(model, idx, 0, 16), idx)
    assert torch.equal(generate_text_simple_cached(model, idx, 0), idx)
    assert torch.equal(generate(model, idx, 0, 16, temperature=1.0, use_cache=True), idx)


# --- the KV cache --------------------------------------------------------------------------


@pytest.mark.parametrize("batch", [1, 3])
@pytest.mark.parametrize("prompt_len", [1, 5, 16, 23])
@pytest.mark.parametrize("context_size", [None, 6])
def test_cached_equals_plain(model64, batch, prompt_len, context_size):
    torch.manual_seed(prompt_len * 10 + batch)
    idx = torch.randint(0, 97, (batch, prompt_len))
    window = 16 if context_size is None else context_size
    plain = generate_text_simple(model64, idx, max_new_tokens=25, context_size=window)
    cached = generate_text_simple_cached(model64, idx, 25, context_size=context_size)
    # invariant: token for token identical, also after the window slides past the context
    assert torch.equal(cached, plain)
    # invariant: the cache is emptied after the call
    assert model64.current_pos == 0 and model64.trf_blocks[0].att.cache_k is None


def test_cached_equals_plain_float32(model, tokenizer):
    idx = text_to_token_ids("Every effort moves you", tokenizer).repeat(2, 1)
    plain = generate_text_simple(model, idx, max_new_tokens=20, context_size=16)
    # invariant: identical in float32 too, across the context boundary (4 + 20 > 16)
    assert torch.equal(generate_text_simple_cached(model, idx, 20), plain)
    # invariant: use_cache=False is the plain path
    assert torch.equal(generate_text_simple_cached(model, idx, 20, use_cache=False), plain)


def test_cache_is_reset_between_calls(model64):
    a = torch.tensor([[5, 6, 7]])
    b = torch.tensor([[50, 60]])
    first = generate_text_simple_cached(model64, a, 4)
    generate_text_simple_cached(model64, b, 4)
    # invariant: an earlier call never leaks into a later one
    assert torch.equal(generate_text_simple_cached(model64, a, 4), first)
    # invariant: even a cache left dirty by hand is reset at the start of a call
    model64(torch.tensor([[1, 2, 3]], dtype=torch.long), use_cache=True)
    assert torch.equal(generate_text_simple_cached(model64, a, 4), first)


# --- sampling: generate and generate_stream --------------------------------------------------


def test_generate_greedy_equals_simple(model):
    idx = torch.randint(0, 50257, (2, 5))
    # invariant: temperature 0 (and top_k=None) is greedy decoding
    expected = generate_text_simple(model, idx, 8, 16)
    assert torch.equal(generate(model, idx, 8, 16), expected)
    assert torch.equal(generate(model, idx, 8, 16, use_cache=True), expected)


@pytest.mark.parametrize("temperature, top_k", [(1.0, None), (1.4, 25), (0.5, 3), (2.0, 1)])
def test_generate_matches_book_order(model, temperature, top_k):
    idx = torch.tensor([[15496, 11, 314, 716]])
    torch.manual_seed(123)
    expected = _reference_generate(model, idx, 12, 16, temperature, top_k, None)
    for use_cache in (False, True):
        torch.manual_seed(123)
        got = generate(model, idx, 12, 16, temperature=temperature, top_k=top_k,
                       use_cache=use_cache)
        # invariant: top-k, then temperature, then multinomial: the same draws as the book
        assert torch.equal(got, expected)


def test_top_k_only_samples_the_top_k(model):
    idx = torch.tensor([[15496, 11]])
    with torch.no_grad():
        allowed = set(torch.topk(model(idx)[0, -1], 3).indices.tolist())
    torch.manual_seed(0)
    drawn = {generate(model, idx, 1, 16, temperature=5.0, top_k=3)[0, -1].item()
             for _ in range(60)}
    # invariant: even at a high temperature only the 3 best tokens are ever drawn
    assert drawn <= allowed
    # invariant: and sampling does spread over more than one of them
    assert len(drawn) > 1


def test_eos_stops_generation(model):
    idx = torch.tensor([[15496, 11, 314, 716]])
    greedy = generate(model, idx, 6, 16)
    eos = greedy[0, 6].item()  # the 3rd new token
    # invariant: generation stops before appending eos_id, like the book
    out = generate(model, idx, 6, 16, eos_id=eos)
    assert torch.equal(out, greedy[:, :6])
    assert torch.equal(generate(model, idx, 6, 16, eos_id=eos, use_cache=True), out)


def test_eos_with_a_batch_pads_finished_rows(model):
    idx = torch.randint(0, 50257, (2, 3))
    greedy = generate(model, idx, 6, 16)
    eos = greedy[0, 4].item()  # row 0 ends after its second new token
    if eos in greedy[1, 3:].tolist():
        pytest.fail("test setup: pick a prompt whose rows do not share tokens")
    out = generate(model, idx, 6, 16, eos_id=eos)
    # invariant: row 1 is unaffected; row 0 is padded with eos after it finished
    assert torch.equal(out[1], greedy[1])
    assert out[0, 3:].tolist() == [greedy[0, 3].item()] + [eos] * 5


def test_generate_stream_yields_step_by_step(model):
    idx = torch.tensor([[15496, 11, 314, 716]])
    steps = list(generate_stream(model, idx, 5, temperature=0.0))
    # invariant: one (batch, 1) tensor per step, adding up to generate's output
    assert all(s.shape == (1, 1) for s in steps) and len(steps) == 5
    assert torch.equal(torch.cat([idx, *steps], dim=1), generate(model, idx, 5, 16))
    stream = generate_stream(model, idx, 50)
    next(stream)
    next(stream)
    # invariant: a generator closed early still empties the cache
    assert model.current_pos > 0
    stream.close()
    assert model.current_pos == 0 and model.trf_blocks[0].att.cache_k is None


def test_bad_options_are_rejected(model):
    idx = torch.tensor([[1, 2]])
    # invariant: clear errors for options that make no sense
    with pytest.raises(ValueError, match="temperature must be >= 0"):
        generate(model, idx, 3, 16, temperature=-1.0)
    with pytest.raises(ValueError, match="top_k must be a positive int"):
        generate(model, idx, 3, 16, top_k=0)
    with pytest.raises(ValueError, match="context_size must be at least 1"):
        generate_text_simple(model, idx, 3, 0)


def test_top_k_larger_than_vocab_is_capped(model64):
    idx = torch.tensor([[1, 2]])
    # invariant: top_k above the vocabulary size keeps everything instead of crashing
    torch.manual_seed(1)
    a = generate(model64, idx, 4, 16, temperature=1.0, top_k=1000)
    torch.manual_seed(1)
    b = generate(model64, idx, 4, 16, temperature=1.0)
    assert torch.equal(a, b)


def test_sampling_with_a_long_prompt_and_cache(model64):
    idx = torch.randint(0, 97, (2, 30), generator=torch.Generator().manual_seed(3))  # > 16
    torch.manual_seed(9)
    plain = generate(model64, idx, 12, 16, temperature=1.2, top_k=20)
    torch.manual_seed(9)
    cached = generate(model64, idx, 12, 16, temperature=1.2, top_k=20, use_cache=True)
    # invariant: a prompt past the context never fails, and the cache draws the same tokens
    assert plain.shape == (2, 42) and torch.equal(cached, plain)
