# MUTANT: a layer skipped whole when one of its parameters is frozen
def count_parameters(model):
    seen, total = set(), 0
    for m in model.modules():
        own = list(m.parameters(recurse=False))
        if all(p.requires_grad for p in own):
            for p in own:
                if id(p) not in seen:
                    seen.add(id(p))
                    total += p.numel()
    return total


EXPECTED_CAUSE = "the whole layer was left out, its trainable bias too"
