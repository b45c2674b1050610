"""The ids are stored as uint16 (enough for GPT-2) and cast back to long."""
import torch

EXPECTED_CAUSE = "went through a torch.uint16 tensor"


def sliding_windows(token_ids, max_length, stride):
    t = torch.tensor(token_ids, dtype=torch.int64).to(torch.uint16)
    xs, ys = [], []
    for s in range(0, len(token_ids) - max_length, stride):
        xs.append(t[s:s + max_length])
        ys.append(t[s + 1:s + max_length + 1])
    if not xs:
        return torch.empty(0, dtype=torch.long), torch.empty(0, dtype=torch.long)
    return torch.stack(xs).long(), torch.stack(ys).long()
