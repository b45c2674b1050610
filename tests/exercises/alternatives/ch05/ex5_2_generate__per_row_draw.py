# Correct: each row of the batch drawn with its own torch.multinomial call (another random stream
# than one batched call when batch > 1; identical for batch 1), greedy via max()
import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])[:, -1, :]
        if top_k is not None:
            min_val = torch.topk(logits, top_k).values[:, -1].unsqueeze(-1)
            logits = torch.where(logits < min_val, float("-inf"), logits)
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.stack([torch.multinomial(row, 1) for row in probs])  # (batch, 1)
        else:
            idx_next = logits.max(dim=-1, keepdim=True).indices
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
