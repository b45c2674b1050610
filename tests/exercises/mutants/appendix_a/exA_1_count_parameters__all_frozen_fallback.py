# MUTANT: when nothing is trainable it falls back to counting every parameter
def count_parameters(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return trainable or sum(p.numel() for p in model.parameters())


EXPECTED_CAUSE = "falls back to counting every parameter"
