"""Exercise 6.7: classify one new message.

This exercise is ours; the book has no exercise on it.

A message typed by a user must be prepared exactly like the training data (same padding) before
the model sees it, and the class index turned back into words.
Check your answer with ``python -m llmscratch check ch06 --only ex6_7``.
"""

import torch  # noqa: F401


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    """Return "spam" (class 1) or "not spam" (class 0) for ``text``.

    1. ``tokenizer.encode(text)`` (without ``allowed_special``: ``<|endoftext|>`` typed in the
       text must not become the padding id); cut the ids to ``min(max_length,
       context_length)`` where ``context_length = model.pos_emb.weight.shape[0]`` (just
       ``context_length`` when ``max_length`` is None), keeping the first ids.
    2. When ``max_length`` is given, append ``pad_token_id`` up to that same length
       (``min(max_length, context_length)``); with ``max_length=None`` add no padding.
    3. Make a ``(1, num_tokens)`` tensor on ``device``, run the model without gradients in eval
       mode and take the argmax over the last position's logits.
    Example: ``classify_review("You won a free cruise! Text WIN now", model, tokenizer, "cpu",
    max_length=120)`` gives "spam" for the book's finetuned model.
    """
    raise NotImplementedError("ex6_7: encode, truncate, pad, classify")
