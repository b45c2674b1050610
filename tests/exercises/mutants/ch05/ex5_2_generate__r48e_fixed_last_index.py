# MUTANT: the last position's logits read at a fixed index, context_size - 1, which does
# not exist while the sequence is shorter than context_size.

import torch

EXPECTED_CAUSE = "fixed index, context_size - 1"



def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            # the last position of the window
            logits = model(idx_cond)[:, context_size - 1, :]
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            logits = logits.masked_fill(logits < top_logits[:, -1:], float("-inf"))
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
