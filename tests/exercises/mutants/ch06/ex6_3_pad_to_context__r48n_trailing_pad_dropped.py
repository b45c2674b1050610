# MUTANT: ids equal to pad_token_id at the end of each list dropped (as padding already there)
# before 'longest' is measured
import torch

EXPECTED_CAUSE = "at the end of a list were dropped"


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    lists = []
    for ids in encoded_texts:
        end = len(ids)
        while end > 0 and ids[end - 1] == pad_token_id:
            end -= 1
        lists.append(ids[:end])
    if context == "longest":
        length = min(max(len(ids) for ids in lists), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    return torch.tensor([ids[:length] + [pad_token_id] * (length - len(ids[:length]))
                         for ids in lists], dtype=torch.long)
