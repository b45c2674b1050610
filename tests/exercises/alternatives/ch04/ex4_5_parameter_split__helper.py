# Correct: a helper counting one Linear layer's parameters
def _linear(n_in, n_out, bias=True):
    return n_in * n_out + (n_out if bias else 0)


def block_parameter_counts(cfg):
    e = cfg["emb_dim"]
    qkv_bias = bool(cfg["qkv_bias"])
    ff = _linear(e, 4 * e) + _linear(4 * e, e)
    att = 3 * _linear(e, e, bias=qkv_bias) + _linear(e, e)
    return dict(feed_forward=ff, attention=att)
