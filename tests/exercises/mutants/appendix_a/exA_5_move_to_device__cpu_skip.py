# MUTANT: moves only for 'cuda' device strings
def move_to_device(model, features, labels, device):
    if str(device).startswith("cuda"):
        model = model.to(device)
        features = features.to(device)
        labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'only for CUDA devices'
