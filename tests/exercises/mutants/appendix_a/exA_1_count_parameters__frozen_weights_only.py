# MUTANT: subtracts only frozen weight matrices (dim > 1): frozen biases still counted
def count_parameters(model):
    total = sum(p.numel() for p in model.parameters())
    frozen = sum(p.numel() for p in model.parameters() if not p.requires_grad and p.dim() > 1)
    return total - frozen


EXPECTED_CAUSE = "counts the frozen biases"
