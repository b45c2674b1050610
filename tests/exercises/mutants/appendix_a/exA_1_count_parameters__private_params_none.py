# MUTANT: walks modules' _parameters dicts; crashes on a None entry (Linear(bias=False)) and
# counts tied weights twice
def count_parameters(model):
    total = 0
    for module in model.modules():
        for p in module._parameters.values():
            if p.requires_grad:
                total += p.numel()
    return total


EXPECTED_CAUSE = 'its bias is None'  # the check's message must name this
