# Correct: walk model.modules() with recurse=False, de-duplicating shared parameters by id
def count_parameters(model):
    seen = set()
    total = 0
    for module in model.modules():
        for p in module.parameters(recurse=False):
            if id(p) in seen or not p.requires_grad:
                continue
            seen.add(id(p))
            total += p.numel()
    return total
