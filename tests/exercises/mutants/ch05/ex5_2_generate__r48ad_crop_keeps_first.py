# MUTANT: the crop keeps the prompt's first token as a start token plus the last context_size - 1
import torch

EXPECTED_CAUSE = "kept the prompt's first token"


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        # keep the prompt's first token (like a BOS) and the most recent ones
        if idx.shape[1] > context_size:
            idx_cond = torch.cat((idx[:, :1], idx[:, -(context_size - 1):]), dim=1)
        else:
            idx_cond = idx
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            min_val = top_logits[:, -1:]
            logits = torch.where(logits < min_val, torch.full_like(logits, float("-inf")), logits)
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
