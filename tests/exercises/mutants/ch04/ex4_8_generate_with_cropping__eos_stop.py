# MUTANT: stops early when GPT-2's end-of-text id 50256 is generated (not asked).
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
        if (next_id == 50256).all():
            break
    return idx


EXPECTED_CAUSE = 'end-of-text'
