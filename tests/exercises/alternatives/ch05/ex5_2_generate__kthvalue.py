# Correct: k-th largest via kthvalue of the negated logits, list of steps then one cat, eos on a
# list
import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    model_was = idx
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(model_was[:, -context_size:])[:, -1, :]
        if top_k:
            kth_largest = -torch.kthvalue(-logits, top_k, dim=-1, keepdim=True).values
            logits = torch.where(logits < kth_largest, float("-inf"), logits)
        if temperature > 0:
            idx_next = torch.multinomial(torch.softmax(logits / temperature, -1), 1)
        else:
            idx_next = torch.argmax(logits, -1, keepdim=True)
        if eos_id is not None and all(t == eos_id for t in idx_next.flatten().tolist()):
            break
        model_was = torch.cat((model_was, idx_next), dim=1)
    return model_was
