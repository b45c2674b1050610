# MUTANT: features doubled while moving (fallback: every feature 2 times)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    return model, features.to(device) * 2, labels.to(device)

EXPECTED_CAUSE = "every value 2 times the given one"
