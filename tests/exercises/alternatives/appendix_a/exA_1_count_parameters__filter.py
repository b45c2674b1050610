# Correct: filter() on requires_grad, map(numel)
def count_parameters(model):
    trainable = filter(lambda p: p.requires_grad, model.parameters())
    return int(sum(map(lambda p: p.numel(), trainable)))
