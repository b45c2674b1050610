# Correct: the masked sum as a batched matrix product (bmm of the mask row with the logits)
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(logits.dtype).unsqueeze(1)  # (batch, 1, num_tokens)
    summed = torch.bmm(mask, logits).squeeze(1)
    return summed / mask.sum(dim=-1).clamp(min=1)
