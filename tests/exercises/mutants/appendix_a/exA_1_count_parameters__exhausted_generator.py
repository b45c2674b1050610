# MUTANT: parameters() generator reused: second pass sees nothing, frozen ones not subtracted


def count_parameters(model):
    params = model.parameters()
    total = sum(p.numel() for p in params)
    frozen = sum(p.numel() for p in params if not p.requires_grad)
    return total - frozen


EXPECTED_CAUSE = 'generator twice'  # the check's message must name this
