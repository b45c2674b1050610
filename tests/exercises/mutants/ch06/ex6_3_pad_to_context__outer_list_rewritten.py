# MUTANT: the caller's outer list rewritten with the padded rows
"""Exercise 6.3 (solution): pad to the longest message or to the model's whole context.

This is book exercise 6.1.
"""

import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    """Stack token-id lists into one ``(n, length)`` long tensor, padding at the end.

    ``context`` picks ``length``: "longest" (the longest list, but at most ``context_length``),
    "model" (``context_length`` itself) or an int. Longer lists keep their first ``length`` ids.
    """
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    for i, ids in enumerate(encoded_texts):
        encoded_texts[i] = ids[:length] + [pad_token_id] * (length - len(ids[:length]))
    return torch.tensor(encoded_texts, dtype=torch.long)

EXPECTED_CAUSE = "changed the OUTER list it was given in place"
