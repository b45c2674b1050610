# Correct: the last logits copied to the CPU for the argmax, the ids moved back to idx's device
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        last = logits[:, -1, :].cpu()
        next_id = last.argmax(dim=-1, keepdim=True).to(idx.device)
        idx = torch.cat((idx, next_id), dim=1)
    return idx
