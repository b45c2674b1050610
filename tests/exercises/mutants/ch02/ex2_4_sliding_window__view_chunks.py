# MUTANT: stride ignored: ids reshaped into consecutive chunks of max_length (stride = max_length)
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(list(token_ids), dtype=torch.long)
    n = (len(ids) - 1) // max_length * max_length
    return ids[:n].view(-1, max_length), ids[1 : n + 1].view(-1, max_length)


EXPECTED_CAUSE = 'stride is ignored'  # the check's message must name this
