# MUTANT: the id drawn among topk's k values only (multinomial over a (batch, k) row),
# then mapped back through topk's indices: other random draws than the book's order.

import torch

EXPECTED_CAUSE = "drawn among topk's k values only"



def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]
        if temperature > 0.0:
            if top_k is not None:
                # sample among the k best only, then map back to token ids
                top_logits, top_pos = torch.topk(logits, top_k)
                probs = torch.softmax(top_logits / temperature, dim=-1)
                choice = torch.multinomial(probs, num_samples=1)
                idx_next = torch.gather(top_pos, -1, choice)
            else:
                probs = torch.softmax(logits / temperature, dim=-1)
                idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
