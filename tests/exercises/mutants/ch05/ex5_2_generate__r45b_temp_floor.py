# MUTANT: the temperature floored at 0.5 (max(temperature, 0.5)): low temperatures sample too flat
"""Exercise 5.2 (solution): text generation with top-k filtering and temperature.

This is book exercise 5.2.
"""

import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    """Append up to ``max_new_tokens`` tokens to ``idx`` (shape ``(batch, num_tokens)``).

    Each step, in this order:

    1. crop the input to its last ``context_size`` tokens and take the model's logits for the
       last position (under ``torch.no_grad()``), shape ``(batch, vocab_size)``;
    2. if ``top_k`` is set, keep the ``top_k`` largest logits of each row and set all the
       others to ``-inf`` (so their probability becomes 0); a logit tied with the row's
       ``top_k``-th largest value is kept too (mask only the logits below it);
    3. if ``temperature > 0``: divide the logits by it, softmax, and draw the next id with
       ``torch.multinomial``; with ``temperature == 0`` take the argmax instead (greedy);
    4. if the new id equals ``eos_id``, stop without appending it; else append it. With a
       batch, stop only when every row draws ``eos_id`` at the same step; a row that draws it
       alone gets it appended and goes on.

    This is the book's order, so ``torch.manual_seed(123)`` gives the book's sampled text.
    Example: logits ``[4.0, 1.0, 3.0, 2.0]`` with ``top_k=2`` become ``[4, -inf, 3, -inf]``, and
    at temperature 0.5 the probabilities are ``[0.881, 0, 0.119, 0]``.
    With ties, ``[4.0, 3.0, 3.0, 2.0]`` and ``top_k=2`` become ``[4, 3, 3, -inf]``.
    """
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]  # (batch, vocab_size)
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            min_val = top_logits[:, -1:]  # (batch, 1): the k-th largest logit of each row
            logits = torch.where(logits < min_val, torch.full_like(logits, float("-inf")),
                                 logits)
        if temperature > 0.0:
            probs = torch.softmax(logits / max(temperature, 0.5), dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)  # (batch, 1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)  # (batch, 1)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx

EXPECTED_CAUSE = "a floor: max(0.1, 0.5)"  # named in the message
