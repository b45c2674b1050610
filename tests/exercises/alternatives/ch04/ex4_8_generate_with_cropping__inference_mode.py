# Correct: torch.inference_mode around the loop, new ids gathered in a list and joined once
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    seq = idx
    new_ids = []
    with torch.inference_mode():
        for _ in range(max_new_tokens):
            logits = model(seq[:, -context_size:])
            nxt = logits[:, -1].max(dim=-1).indices.view(-1, 1)  # (batch, 1)
            new_ids.append(nxt)
            seq = torch.cat((seq, nxt), dim=1)
    if not new_ids:
        return idx
    return torch.cat([idx, *new_ids], dim=1)
