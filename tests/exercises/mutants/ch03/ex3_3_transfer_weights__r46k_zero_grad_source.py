# MUTANT: the right copies, then sa_v2.zero_grad(), which throws away the gradients the caller
# had accumulated in sa_v2
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T)
        sa_v1.W_key.copy_(sa_v2.W_key.weight.T)
        sa_v1.W_value.copy_(sa_v2.W_value.weight.T)
    sa_v2.zero_grad()  # sa_v2 is done with
    return sa_v1

EXPECTED_CAUSE = "sa_v2.w_query.weight.grad, the gradient the caller had accumulated"
