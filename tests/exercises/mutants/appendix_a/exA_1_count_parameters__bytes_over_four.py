# MUTANT: counts bytes divided by 4 (assumes float32), wrong for float64/float16 parameters
def count_parameters(model):
    return sum(p.numel() * p.element_size() // 4 for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'as bytes divided by 4 give'  # the check's message must name this
