# MUTANT: counts the parameters of modules in training mode (m.training as 'trainable')
def count_parameters(model):
    total = 0
    for m in model.modules():
        if m.training:
            total += sum(p.numel() for p in m.parameters(recurse=False))
    return total


EXPECTED_CAUSE = "depends on the model's mode"  # the check's message must name this
