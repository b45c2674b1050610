# MUTANT: ORs the band into a slice of a module-level causal mask in place: calls pile up
import torch

_CAUSAL = torch.ones(1024, 1024, dtype=torch.bool).triu(1)


def sliding_window_mask(num_tokens, window):
    mask = _CAUSAL[:num_tokens, :num_tokens]
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    mask |= k <= q - window
    return mask


EXPECTED_CAUSE = "changes FULL itself"
