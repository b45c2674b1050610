# Mutant: when the window covers everything returns an all-False mask (no causal part) as a shortcut
import torch


def sliding_window_mask(num_tokens, window):
    """A ``(num_tokens, num_tokens)`` bool mask, True where query ``q`` must NOT see key ``k``.

    Token ``q`` sees itself and the ``window - 1`` tokens before it: keys
    ``q - window + 1 .. q``. So hide ``k`` when ``k > q`` (the future) or ``k <= q - window``
    (too far back). Example: ``num_tokens=4, window=2`` lets token 3 see tokens 2 and 3 only:
    its row is ``[True, True, False, False]``.
    """
    if window >= num_tokens:
        return torch.zeros(num_tokens, num_tokens, dtype=torch.bool)
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = 'drop that special case'
