# MUTANT: the transposed weights rolled by one row (torch.roll(w.T, 1, 0), an off-by-one
# "shift" of the inputs); no replay matches: the fallback says where the numbers came from
import torch

EXPECTED_CAUSE = "every entry comes from -1 row(s) and +0 column(s) away, wrapping around"


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.copy_(torch.roll(sa_v2.W_query.weight.T, 1, 0))
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T)
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T)
    return sa_v1
