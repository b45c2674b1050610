# MUTANT: state_dict(keep_vars=True) values: a tied weight appears under both keys (counted twice)
def count_parameters(model):
    return sum(t.numel() for t in model.state_dict(keep_vars=True).values() if t.requires_grad)


EXPECTED_CAUSE = 'state_dict() or remove_duplicate'  # the check's message must name this
