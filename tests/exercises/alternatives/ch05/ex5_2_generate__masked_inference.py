# Correct: masked_fill for top-k, F.softmax, torch.inference_mode instead of no_grad, argmax then
# view
import torch
import torch.nn.functional as F


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.inference_mode():
            logits = model(idx_cond)[:, -1, :]
        if top_k is not None:
            kth = torch.topk(logits, top_k, dim=-1).values[:, -1].unsqueeze(-1)  # (batch, 1)
            logits = logits.masked_fill(logits < kth, float("-inf"))
        if temperature > 0.0:
            probs = F.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = logits.argmax(dim=-1).view(-1, 1)
        if eos_id is not None and torch.all(idx_next == eos_id):
            break
        idx = torch.cat([idx, idx_next], dim=-1)
    return idx
