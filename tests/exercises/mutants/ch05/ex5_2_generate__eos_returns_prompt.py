# Mutant: at eos_id it returns the prompt it was given, losing the tokens added so far.
import torch

EXPECTED_CAUSE = "returns the prompt as it was given"


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    out = idx
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(out[:, -context_size:])[:, -1, :]
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            logits = torch.where(logits < top_logits[:, -1:],
                                 torch.full_like(logits, float("-inf")), logits)
        if temperature > 0.0:
            idx_next = torch.multinomial(torch.softmax(logits / temperature, dim=-1), 1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            return idx
        out = torch.cat((out, idx_next), dim=1)
    return out
