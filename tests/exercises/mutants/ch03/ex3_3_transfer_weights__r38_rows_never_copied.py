# MUTANT: copies only the first d_out rows of each v1 matrix (rows counted from the v2 weight's
# shape[0] instead of d_in), so when d_in > d_out the last d_in - d_out rows keep their
# random init
import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        for name in ("W_query", "W_key", "W_value"):
            w = getattr(sa_v2, name).weight  # (d_out, d_in)
            rows = w.shape[0]  # meant d_in
            getattr(sa_v1, name)[:rows].copy_(w.T[:rows])
    return sa_v1


EXPECTED_CAUSE = "those entries were never copied"
