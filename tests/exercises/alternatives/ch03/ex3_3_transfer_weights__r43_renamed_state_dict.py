"""Exercise 3.3, another way: v2's state dict renamed and transposed, loaded into v1 (a copy)."""


def transfer_v2_to_v1(sa_v2, sa_v1):
    """Copy the query, key and value weights of ``sa_v2`` into ``sa_v1`` and return ``sa_v1``."""
    sd = {k.replace(".weight", ""): v.T for k, v in sa_v2.state_dict().items()}
    sa_v1.load_state_dict(sd)
    return sa_v1
