# MUTANT: the batch sorted by its first feature while moving: rows reordered
def move_to_device(model, features, labels, device):
    model = model.to(device)
    order = features[:, 0].argsort()
    features = features.to(device)[order.to(device)]
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'rows [1, 3, 4, 0, 2] of the given ones'
