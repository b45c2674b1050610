# MUTANT: labels sorted while moving (`labels.to(device).sort().values`): they no longer line up
# with the features
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)
    labels = labels.to(device).sort().values
    return model, features, labels


EXPECTED_CAUSE = 'the same rows in another order (sorted)'
