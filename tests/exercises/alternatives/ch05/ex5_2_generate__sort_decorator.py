# Correct: whole function under @torch.no_grad(), threshold from torch.sort, boolean-index
# assignment
import torch


@torch.no_grad()
def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        start = max(0, idx.shape[1] - context_size)
        logits = model(idx[:, start:])
        logits = logits[:, -1, :].clone()  # (batch, vocab_size)
        if top_k is not None:
            sorted_logits, _ = torch.sort(logits, dim=-1, descending=True)
            threshold = sorted_logits[:, top_k - 1 : top_k]  # (batch, 1)
            logits[logits < threshold] = float("-inf")
        if temperature > 0.0:
            scaled = logits / temperature
            probs = torch.exp(scaled - torch.logsumexp(scaled, dim=-1, keepdim=True))
            idx_next = torch.multinomial(probs, 1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and (idx_next == eos_id).all().item():
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
