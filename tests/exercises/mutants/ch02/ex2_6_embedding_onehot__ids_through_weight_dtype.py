# MUTANT: the ids are sent through the weight's dtype and back (token_ids.to(weight.dtype).long(),
#   "to match the weight"), which rounds ids above 256 for a bfloat16 weight
import torch


def embedding_via_onehot(token_ids, weight):
    ids = token_ids.to(weight.dtype).long()
    one_hot = torch.nn.functional.one_hot(ids, num_classes=weight.shape[0])
    return one_hot.to(weight.dtype) @ weight

EXPECTED_CAUSE = "id 257 got row 256"  # the check's message must name this
