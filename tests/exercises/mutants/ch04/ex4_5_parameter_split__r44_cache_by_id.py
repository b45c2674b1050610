# MUTANT: results cached by id(cfg): a dict edited in place gets the old counts.
_cache = {}


def block_parameter_counts(cfg):
    key = id(cfg)
    if key in _cache:
        return dict(_cache[key])
    E = cfg["emb_dim"]
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)
    qkv = 3 * (E * E + (E if cfg["qkv_bias"] else 0))
    attention = qkv + E * E + E
    _cache[key] = {"feed_forward": feed_forward, "attention": attention}
    return dict(_cache[key])


EXPECTED_CAUSE = 'keeps state between calls'
