# MUTANT: model.parameters(recurse=False): only the model's own parameters
def count_parameters(model):
    return sum(p.numel() for p in model.parameters(recurse=False) if p.requires_grad)

EXPECTED_CAUSE = "recurse=False"
