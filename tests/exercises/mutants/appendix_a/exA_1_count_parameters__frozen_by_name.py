# MUTANT: a frozen layer told by its name (layers.0), not by p.requires_grad
def count_parameters(model):
    return sum(p.numel() for n, p in model.named_parameters() if not n.startswith("layers.0"))


EXPECTED_CAUSE = 'the size of layer layers.0'  # the check's message must name this
