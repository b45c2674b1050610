# MUTANT: norm parameters left out by name
def count_parameters(model):
    return sum(p.numel() for n, p in model.named_parameters()
               if p.requires_grad and "norm" not in n)


EXPECTED_CAUSE = "its LayerNorm parameters"
