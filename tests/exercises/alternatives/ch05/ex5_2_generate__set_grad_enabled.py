# Correct: torch.set_grad_enabled(False) as the context, a boolean "keep" mask inverted for
# masked_fill
import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        with torch.set_grad_enabled(False):
            logits = model(idx[:, -context_size:])[:, -1, :]
        if top_k is not None:
            kth = torch.topk(logits, top_k, dim=-1).values[:, -1:]
            keep = logits >= kth  # ties with the k-th value kept, as in the book's `<` test
            logits = logits.masked_fill(~keep, float("-inf"))
        if temperature > 0.0:
            idx_next = torch.multinomial(torch.softmax(logits / temperature, dim=-1), 1)
        else:
            idx_next = logits.argmax(-1, keepdim=True)
        if eos_id is not None and (idx_next == eos_id).all():
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
