# MUTANT: counts bytes (numel * element_size) instead of elements
def count_parameters(model):
    return sum(p.numel() * p.element_size() for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "size in bytes"
