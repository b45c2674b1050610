# MUTANT: a row that draws eos_id while another row does not gets a copy of its previous
# token instead of eos_id (the contract appends eos_id to that row and goes on).

import torch

EXPECTED_CAUSE = "gets eos_id appended like any other token"



def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    start = idx.shape[1]
    while idx.shape[1] - start < max_new_tokens:
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            logits = logits.masked_fill(logits < top_logits[:, -1:], float("-inf"))
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None:
            # stop when every row drew eos_id
            if bool((idx_next == eos_id).all()):
                break
            # a row that drew eos gets a copy of its previous token instead
            idx_next = torch.where(idx_next == eos_id, idx[:, -1:], idx_next)
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
