# MUTANT: `a or b and c` binds as `a or (b and c)`: frozen weights are counted
def count_parameters(model):
    return sum(p.numel() for name, p in model.named_parameters()
               if "weight" in name or "bias" in name and p.requires_grad)

EXPECTED_CAUSE = "frozen weights (but not the frozen biases)"
