# MUTANT: trainability judged per layer: a frozen weight counted beside a trainable bias
def count_parameters(model):
    seen, total = set(), 0
    for m in model.modules():
        own = list(m.parameters(recurse=False))
        if any(p.requires_grad for p in own):
            for p in own:
                if id(p) not in seen:
                    seen.add(id(p))
                    total += p.numel()
    return total


EXPECTED_CAUSE = "the frozen weight was counted because its layer"
