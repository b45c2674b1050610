# MUTANT: targets = inputs + 1 (id values plus one, not the next ids)
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs = []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
    inputs = torch.tensor(inputs, dtype=torch.long)
    return inputs, inputs + 1


EXPECTED_CAUSE = 'input ids plus one'  # the check's message must name this
