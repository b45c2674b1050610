# MUTANT: the buffers' entries subtracted from the trainable count
def count_parameters(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return trainable - sum(b.numel() for b in model.buffers())


EXPECTED_CAUSE = "minus the buffers' entries"
