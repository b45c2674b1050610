# MUTANT: named_parameters + named_buffers
def count_parameters(model):
    total = sum(p.numel() for _, p in model.named_parameters() if p.requires_grad)
    return total + sum(b.numel() for _, b in model.named_buffers() if b.dtype.is_floating_point)


EXPECTED_CAUSE = 'floating-point buffers'
