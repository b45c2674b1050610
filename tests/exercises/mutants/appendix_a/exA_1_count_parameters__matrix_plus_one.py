# MUTANT: a 2-D weight counted as its size plus one (an off-by-one meant for the bias)
def count_parameters(model):
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += p.numel() + 1 if p.dim() == 2 else p.numel()
    return total


EXPECTED_CAUSE = "each of them is off by +1 (exactly the 2-D parameters"
