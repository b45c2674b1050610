# MUTANT: pads with tokenizer.encode('<|endoftext|>') repeated instead of [pad_token_id]
"""Exercise 6.7 (wrong answer): classify one new message."""

import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    """Return "spam" or "not spam" for ``text``, prepared like the training messages.

    Cut the ids to ``min(max_length, context length)`` (the context length is
    ``model.pos_emb.weight.shape[0]``), pad to ``max_length`` with ``pad_token_id``, and read the
    class from the last position. ``max_length=None``: cut to the context length, no padding.
    """
    model.eval()
    input_ids = tokenizer.encode(text)
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    input_ids = input_ids[:limit]
    if max_length is not None:
        end = tokenizer.encode("<|endoftext|>", allowed_special={"<|endoftext|>"})
        input_ids = input_ids + end * (limit - len(input_ids))
    input_tensor = torch.tensor(input_ids, device=device).unsqueeze(0)  # (1, num_tokens)
    with torch.no_grad():
        logits = model(input_tensor)[:, -1, :]
    return "spam" if torch.argmax(logits, dim=-1).item() == 1 else "not spam"


EXPECTED_CAUSE = "your padding is a list of several ids repeated"
