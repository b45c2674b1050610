# MUTANT: buffers (e.g. BatchNorm running stats) counted as trainable parameters
def count_parameters(model):
    n = sum(p.numel() for p in model.parameters() if p.requires_grad)
    n += sum(b.numel() for b in model.buffers())
    return n


EXPECTED_CAUSE = 'adds the buffers'
