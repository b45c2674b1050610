# MUTANT: 'mean' averages the last n positions, as if the padding came first
import torch

EXPECTED_CAUSE = "the LAST n positions"

def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    n = (input_ids != pad_token_id).sum(dim=1)
    T = logits.shape[1]
    pos = torch.arange(T, device=logits.device)
    mask = (pos.unsqueeze(0) >= (T - n).unsqueeze(1)).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
