# Correct: topk(sorted=False) with its min as threshold (order-free), torch.where, helper functions
import torch


def _filter_top_k(logits, top_k):
    values = torch.topk(logits, top_k, dim=-1, sorted=False).values
    threshold = values.min(dim=-1, keepdim=True).values  # (batch, 1)
    return torch.where(logits >= threshold, logits, torch.tensor(float("-inf")))


def _next_ids(logits, temperature):
    if temperature > 0.0:
        return torch.softmax(logits / temperature, dim=-1).multinomial(num_samples=1)
    return logits.argmax(dim=-1, keepdim=True)


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for step in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])[:, -1, :]
        if top_k is not None:
            logits = _filter_top_k(logits, top_k)
        idx_next = _next_ids(logits, temperature)
        if eos_id is not None and bool(torch.eq(idx_next, eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
