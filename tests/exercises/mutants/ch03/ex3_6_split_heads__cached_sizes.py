# MUTANT: num_tokens and head_dim kept from the first call
_shape = []


def split_heads(x, num_heads):
    if not _shape:
        b, num_tokens, d_out = x.shape
        _shape.append((num_tokens, d_out // num_heads))
    num_tokens, head_dim = _shape[0]
    return x.view(x.shape[0], num_tokens, num_heads, head_dim).transpose(1, 2)


EXPECTED_CAUSE = 'keeps state between calls'  # the check's message must name this
