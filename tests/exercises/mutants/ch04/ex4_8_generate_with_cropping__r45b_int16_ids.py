# MUTANT: new ids cast to int16 (ids above 32767 wrap to negative numbers).
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    """Append ``max_new_tokens`` greedily chosen tokens to ``idx`` and return the result.

    ``idx`` is a ``(batch, num_tokens)`` tensor of token ids; return
    ``(batch, num_tokens + max_new_tokens)``. At every step:

    1. keep only the LAST ``context_size`` tokens (the model cannot see more; prompts may be
       longer than that),
    2. run the model under ``torch.no_grad()`` and take the logits of the last position,
    3. pick the id with the largest logit for each row,
    4. append it to ``idx`` along the token dimension.

    Example: with ``context_size=4`` and ``idx = [[1, 2, 3, 4, 5, 6]]`` the first step feeds
    ``[[3, 4, 5, 6]]`` to the model.
    """
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True).to(torch.int16)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = 'which int16 wraps round to'
