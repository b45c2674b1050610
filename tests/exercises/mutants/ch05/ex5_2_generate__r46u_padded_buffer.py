# MUTANT: a zero buffer of prompt + max_new_tokens ids is filled step by step and returned
#   whole, so a stop at eos_id leaves the unused positions as 0s
import torch

EXPECTED_CAUSE = "were filled with 0"


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    batch, n = idx.shape
    out = torch.zeros(batch, n + max_new_tokens, dtype=idx.dtype, device=idx.device)
    out[:, :n] = idx
    for step in range(max_new_tokens):
        cur = n + step
        idx_cond = out[:, max(0, cur - context_size):cur]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            logits = torch.where(logits < top_logits[:, -1:],
                                 torch.full_like(logits, float("-inf")), logits)
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        out[:, cur:cur + 1] = idx_next
    return out
