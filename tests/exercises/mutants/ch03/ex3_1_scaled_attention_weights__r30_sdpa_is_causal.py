# MUTANT: weights read out of scaled_dot_product_attention with identity values but
# is_causal=True: one query sees only key 0
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "a mask or a clamp hid some keys"


def attention_weights_for_query(query, keys):
    eye = torch.eye(keys.shape[0], dtype=keys.dtype, device=keys.device)
    return F.scaled_dot_product_attention(query[None], keys, eye, is_causal=True)[0]
