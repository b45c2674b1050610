# MUTANT: results memoised in a module-level dict keyed by the prompt and sizes, not the model.
import torch

_memo = {}


def generate_text_simple(model, idx, max_new_tokens, context_size):
    key = (tuple(map(tuple, idx.tolist())), max_new_tokens, context_size)
    if key in _memo:
        return _memo[key].clone()
    out = idx
    for _ in range(max_new_tokens):
        idx_cond = out[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        out = torch.cat((out, next_id), dim=1)
    _memo[key] = out.clone()
    return out

EXPECTED_CAUSE = "keyed by the prompt"
