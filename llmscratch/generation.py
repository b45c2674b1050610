"""Chapters 4 and 5: turning a GPT's logits into text, with and without a key/value cache.

Book: §4.7 (greedy ``generate_text_simple``), §5.1 (``text_to_token_ids``,
``token_ids_to_text``), §5.3 (temperature, top-k and the combined ``generate``) and the
chapter-4 KV-cache bonus (``generate_text_simple_cached``). Notebooks:
``ch04_gpt_model/ch04.ipynb``, ``ch04_gpt_model/kv_cache.ipynb`` and
``ch05_pretraining/ch05.ipynb``.

Every function takes any model that maps token ids ``(batch, num_tokens)`` to logits
``(batch, num_tokens, vocab_size)``; the cached paths also need ``GPTModel``'s
``forward(..., use_cache=True)`` and ``reset_kv_cache()``. Put the model in ``eval()`` mode first
(dropout would make every call different). Differences from the book:

- Prompts longer than the context are cropped everywhere, and ``context_size`` is capped at the
  model's ``context_length``, so generation never fails on a long prompt.
- The cached paths stay token-for-token identical to plain generation past the context length:
  once the window slides, every position changes, so the cache is refilled from the cropped
  window (slower there, but never wrong).
- ``generate`` works on batches: top-k keeps ``top_logits[:, -1:]`` per row, and with ``eos_id``
  finished rows are padded with ``eos_id`` until every row is done. With one row it behaves
  exactly like the book (same random draws under the same seed, stops before appending eos).
- ``generate_stream`` yields the tokens one step at a time, for chat and streaming scripts.
- ``encode_plain_text`` encodes a learner's text with ``<|endoftext|>`` as ordinary characters
  (``text_to_token_ids`` keeps the book's behaviour: the special token is allowed).

Try it: ``python -m pytest tests/ch04/test_generation.py -q``.
"""

from __future__ import annotations

import inspect

import torch


def text_to_token_ids(text, tokenizer):
    """Encode ``text`` into a ``(1, num_tokens)`` tensor, allowing ``<|endoftext|>``.

    >>> text_to_token_ids("Hello, I am", tiktoken.get_encoding("gpt2"))
    tensor([[15496,    11,   314,   716]])

    Book: §5.1; notebook: ch05_pretraining/ch05.ipynb
    """
    params = inspect.signature(tokenizer.encode).parameters
    takes_special = "allowed_special" in params or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()
    )
    if takes_special:
        encoded = tokenizer.encode(text, allowed_special={"<|endoftext|>"})
    else:  # chapter 2's simple tokenizers know their special tokens already
        encoded = tokenizer.encode(text)
    return torch.tensor(encoded).unsqueeze(0)  # add the batch dimension


def encode_plain_text(tokenizer, text):
    """Token ids of a learner's ``text``, with ``<|endoftext|>`` in it encoded as plain text.

    tiktoken (and ``BPETokenizer``) refuse a special-token string in text by default; a message
    or record that contains ``"<|endoftext|>"`` is data, not an instruction to end the text, so
    it becomes ordinary tokens (``<``, ``|``, ``end``, ...), never id 50256. Every script encodes
    a learner's prompt, message or record this way. Chapter 2's simple tokenizers, whose
    ``encode`` takes only the text, are called as they are.
    ``encode_plain_text(get_gpt2_tokenizer(), "<|endoftext|>")`` gives ``[27, 91, 437, 1659,
    5239, 91, 29]``.
    """
    params = inspect.signature(tokenizer.encode).parameters
    if "disallowed_special" in params:
        return tokenizer.encode(text, allowed_special=set(), disallowed_special=())
    return tokenizer.encode(text)


def token_ids_to_text(token_ids, tokenizer):
    """Decode ids of shape ``(1, num_tokens)`` or ``(num_tokens,)`` (or a list) back to text.

    Book: §5.1; notebook: ch05_pretraining/ch05.ipynb
    """
    if isinstance(token_ids, torch.Tensor):
        if token_ids.dim() == 2 and token_ids.shape[0] != 1:
            raise ValueError(
                f"token_ids_to_text decodes one sequence, got a batch of {token_ids.shape[0]}: "
                "call it once per row, e.g. [token_ids_to_text(row, tok) for row in ids]"
            )
        token_ids = token_ids.squeeze(0).tolist()  # remove the batch dimension
    return tokenizer.decode(list(token_ids))


def _window(model, context_size):
    """The number of tokens the model may see: ``context_size`` capped by its position table."""
    model_context = getattr(getattr(model, "pos_emb", None), "num_embeddings", None)
    if context_size is None:
        if model_context is None:
            raise ValueError("pass context_size: this model has no pos_emb to read it from")
        return model_context
    if context_size < 1:
        raise ValueError(f"context_size must be at least 1, got {context_size}")
    return context_size if model_context is None else min(context_size, model_context)


def generate_text_simple(model, idx, max_new_tokens, context_size):
    """Greedy decoding: append the most likely next token ``max_new_tokens`` times.

    Shapes: ``idx (batch, num_tokens)`` -> ``(batch, num_tokens + max_new_tokens)``. Each step
    feeds the last ``context_size`` tokens, so prompts longer than the context are cropped.
    With the book's seed-123 ``GPTModel(GPT_CONFIG_124M)``, "Hello, I am" continues with the
    ids ``27018, 24086, 47843, 30961, 42348, 7267`` ("Featureiman Byeswickattribute argue").

    Book: §4.7; notebook: ch04_gpt_model/ch04.ipynb
    """
    context_size = _window(model, context_size)
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]  # crop to the supported context
        with torch.no_grad():
            logits = model(idx_cond)
        logits = logits[:, -1, :]  # (batch, vocab_size): only the last position predicts
        probas = torch.softmax(logits, dim=-1)  # monotonic: argmax is unchanged, as in the book
        idx_next = torch.argmax(probas, dim=-1, keepdim=True)  # (batch, 1)
        idx = torch.cat((idx, idx_next), dim=1)
    return idx


class _LastLogits:
    """Logits of the last position for a growing ``idx``, with or without the KV cache.

    With the cache, the first call feeds the (cropped) prompt and later calls feed only the one
    new token. When ``idx`` is longer than the window, plain generation gives the window
    positions ``0..context_size-1`` again, so every cached key is stale: the cache is refilled
    from the cropped window, which keeps the result identical to plain generation.
    """

    def __init__(self, model, context_size, use_cache):
        self.model, self.context_size, self.use_cache = model, context_size, use_cache
        self.cached = 0  # how many tokens of idx the cache currently holds
        if use_cache:
            model.reset_kv_cache()  # never reuse keys from an earlier call

    def __call__(self, idx):
        num_tokens = idx.shape[1]
        with torch.no_grad():
            if not self.use_cache:
                return self.model(idx[:, -self.context_size :])[:, -1, :]
            if self.cached and num_tokens == self.cached + 1 and num_tokens <= self.context_size:
                logits = self.model(idx[:, -1:], use_cache=True)  # only the new token
            else:  # first call, or the window slid: (re)fill the cache
                self.model.reset_kv_cache()
                logits = self.model(idx[:, -self.context_size :], use_cache=True)
            self.cached = min(num_tokens, self.context_size)
            return logits[:, -1, :]

    def close(self):
        if self.use_cache:
            self.model.reset_kv_cache()  # free the memory the cache holds


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    """Greedy decoding like ``generate_text_simple``, reusing cached keys and values.

    The prompt is fed once; after that every step feeds a single token, so the work per step no
    longer grows with the sequence. Returns exactly the tokens ``generate_text_simple`` returns
    (``context_size=None`` means the model's ``context_length``). The cache is reset at the
    start and at the end of each call.

    Book: chapter 4 KV-cache bonus; notebook: ch04_gpt_model/kv_cache.ipynb
    """
    step = _LastLogits(model, _window(model, context_size), use_cache)
    try:
        for _ in range(max_new_tokens):
            logits = step(idx)
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)  # (batch, 1)
            idx = torch.cat((idx, idx_next), dim=1)
    finally:
        step.close()
    return idx


def _next_token(logits, temperature, top_k):
    """Pick the next ids ``(batch, 1)`` from last-position logits ``(batch, vocab_size)``.

    The book's order: keep the ``top_k`` largest logits (others become -inf), divide by the
    temperature, softmax, then draw one id per row. With temperature 0 it is the argmax.
    Example: logits ``[4.0, 1.0, 3.0, 2.0]`` with ``top_k=2`` become ``[4, -inf, 3, -inf]``;
    at temperature 0.5 the probabilities are ``[0.881, 0, 0.119, 0]``.
    """
    if top_k is not None:
        top_k = min(top_k, logits.shape[-1])
        top_logits, _ = torch.topk(logits, top_k)
        min_val = top_logits[:, -1:]  # (batch, 1): the k-th largest logit of each row
        logits = logits.masked_fill(logits < min_val, float("-inf"))
    if temperature > 0.0:
        probs = torch.softmax(logits / temperature, dim=-1)
        return torch.multinomial(probs, num_samples=1)
    return torch.argmax(logits, dim=-1, keepdim=True)


def generate_stream(
    model,
    idx,
    max_new_tokens,
    context_size=None,
    temperature=0.0,
    top_k=None,
    eos_id=None,
    use_cache=True,
):
    """Yield the next token ids ``(batch, 1)`` one step at a time (same options as ``generate``).

    Stops after ``max_new_tokens`` steps, or when every row has produced ``eos_id``; the
    ``eos_id`` that ends the last row is not yielded, and rows that finished earlier get
    ``eos_id`` as padding. For one prompt: ``for t in generate_stream(...): print(tok.decode(
    [t.item()]), end="")``. The KV cache is on by default here; it is reset when the generator
    finishes or is closed.

    Book: §5.3 (streaming is our addition); notebook: ch04_gpt_model/kv_cache.ipynb
    """
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 means greedy), got {temperature}")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be a positive int or None, got {top_k}")
    step = _LastLogits(model, _window(model, context_size), use_cache)
    done = torch.zeros(idx.shape[0], 1, dtype=torch.bool, device=idx.device)
    try:
        for _ in range(max_new_tokens):
            idx_next = _next_token(step(idx), temperature, top_k).to(idx.device)
            if eos_id is not None:
                done = done | (idx_next == eos_id)
                if done.all():
                    break
                idx_next = idx_next.masked_fill(done, eos_id)  # pad rows that already ended
            yield idx_next
            idx = torch.cat((idx, idx_next), dim=1)
    finally:
        step.close()


def generate(
    model,
    idx,
    max_new_tokens,
    context_size,
    temperature=0.0,
    top_k=None,
    eos_id=None,
    use_cache=False,
):
    """Generate with top-k filtering, temperature scaling and sampling; greedy at temperature 0.

    Shapes: ``idx (batch, num_tokens)`` -> ``(batch, num_tokens + n)`` with
    ``n <= max_new_tokens`` (fewer when every row reached ``eos_id``). The random draws are the
    book's, so ``torch.manual_seed(123)`` reproduces the book's sampled text. ``use_cache=True``
    gives the same tokens faster on long outputs.

    Book: §5.3; notebook: ch05_pretraining/ch05.ipynb
    """
    for idx_next in generate_stream(
        model, idx, max_new_tokens, context_size, temperature, top_k, eos_id, use_cache
    ):
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
