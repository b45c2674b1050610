# MUTANT: rows padded only for 'longest'; 'model' and an int only cut
import torch


def pad_batch(encoded_texts, context='longest', context_length=1024, pad_token_id=50256):
    if context == 'longest':
        length = min(max(len(i) for i in encoded_texts), context_length)
        rows = [i[:length] + [pad_token_id] * (length - len(i[:length])) for i in encoded_texts]
    else:
        length = context_length if context == 'model' else int(context)
        rows = [i[:length] for i in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = 'were not padded'
