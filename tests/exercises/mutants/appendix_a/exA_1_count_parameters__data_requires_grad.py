# MUTANT: p.data is detached (requires_grad False), so testing p.data.requires_grad counts nothing
def count_parameters(model):
    return sum(p.data.numel() for p in model.parameters() if p.data.requires_grad)

EXPECTED_CAUSE = "a detached tensor (p.data"
