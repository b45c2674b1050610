# MUTANT: a window shorter than context_size is padded on the right with <|endoftext|> (50256).
import torch

EXPECTED_CAUSE = "put after it, padding it"


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        if idx_cond.shape[1] < context_size:  # pad to a fixed length, as tokenizers do
            pad = torch.full((idx.shape[0], context_size - idx_cond.shape[1]), 50256,
                             dtype=idx.dtype, device=idx.device)
            idx_cond = torch.cat((idx_cond, pad), dim=1)
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx
