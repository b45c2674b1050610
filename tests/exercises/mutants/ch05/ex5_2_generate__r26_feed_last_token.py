# MUTANT: after the first step only the last drawn token is fed to the model
# (as if it had a KV cache)
import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    model_input = idx[:, -context_size:]
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(model_input)[:, -1, :]
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            min_val = top_logits[:, -1:]
            logits = torch.where(logits < min_val, torch.full_like(logits, float("-inf")),
                                 logits)
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
        model_input = idx_next
    return idx


EXPECTED_CAUSE = 'only the token just drawn was fed'
