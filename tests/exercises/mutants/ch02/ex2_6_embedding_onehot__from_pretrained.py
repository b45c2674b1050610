# MUTANT: nn.Embedding.from_pretrained lookup instead of a product
import torch


def embedding_via_onehot(token_ids, weight):
    return torch.nn.Embedding.from_pretrained(weight, freeze=False)(token_ids)


EXPECTED_CAUSE = "got no gradient"  # the check's message must name this
