# MUTANT: parameters and buffers moved one by one through .data
def move_to_device(model, features, labels, device):
    for tensor in list(model.parameters()) + list(model.buffers()):
        tensor.data = tensor.data.to(device)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels

EXPECTED_CAUSE = "moved the parameters' .data one by one"
