# MUTANT: clamps the copied weights to [-0.3, 0.3] ("keep them small")
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T.clamp(-0.3, 0.3))
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T.clamp(-0.3, 0.3))
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T.clamp(-0.3, 0.3))
    return sa_v1


EXPECTED_CAUSE = "the right matrix clamped to"
