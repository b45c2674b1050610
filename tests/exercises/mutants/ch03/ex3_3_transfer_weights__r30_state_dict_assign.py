# MUTANT: assigns into the dict returned by sa_v1.state_dict(), which changes nothing in sa_v1
import torch

EXPECTED_CAUSE = "none of sa_v1's three matrices changed"


def transfer_v2_to_v1(sa_v2, sa_v1):
    sd = sa_v1.state_dict()
    sd["W_query"] = sa_v2.W_query.weight.T.clone()
    sd["W_key"] = sa_v2.W_key.weight.T.clone()
    sd["W_value"] = sa_v2.W_value.weight.T.clone()
    return sa_v1
