# MUTANT: state_dict() tensors are detached (requires_grad is False), so nothing is counted
def count_parameters(model):
    return sum(t.numel() for t in model.state_dict().values() if t.requires_grad)

EXPECTED_CAUSE = "model.state_dict() are detached"
