# MUTANT: the kept logits copied with filtered[:, top_idx] = logits[:, top_idx], which copies
# every row's top-k columns into every row (a row keeps the other rows' top k as well)
import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]
        if top_k is not None:
            _, top_idx = torch.topk(logits, top_k)
            filtered = torch.full_like(logits, float("-inf"))
            filtered[:, top_idx] = logits[:, top_idx]
            logits = filtered
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx

EXPECTED_CAUSE = "the columns of every row's top k"
