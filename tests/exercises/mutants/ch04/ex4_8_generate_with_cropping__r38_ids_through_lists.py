# MUTANT: ids rebuilt from Python lists with torch.tensor: on the CPU
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    rows = idx.tolist()
    for _ in range(max_new_tokens):
        idx_cond = torch.tensor([r[-context_size:] for r in rows])
        with torch.no_grad():
            logits = model(idx_cond)
        next_ids = logits[:, -1, :].argmax(dim=-1).tolist()
        for r, t in zip(rows, next_ids):
            r.append(t)
    return torch.tensor(rows)

EXPECTED_CAUSE = 'read out to Python with .tolist()'
