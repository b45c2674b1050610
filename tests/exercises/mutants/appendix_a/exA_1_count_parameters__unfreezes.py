# MUTANT: sets requires_grad=True on every parameter (unfreezes the model) before counting
def count_parameters(model):
    total = 0
    for p in model.parameters():
        p.requires_grad = True
        total += p.numel()
    return total


EXPECTED_CAUSE = "unfroze the caller's frozen layers"  # the check's message must name this
