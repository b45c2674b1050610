# MUTANT: features normalised while moving
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = ((features - features.mean(0)) / features.std(0)).to(device)
    return model, features, labels.to(device)


EXPECTED_CAUSE = 'no arithmetic, normalisation'
