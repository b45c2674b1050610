# Correct: the right values returned as a non-contiguous (transposed) layout
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
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long).T.contiguous().T
