# MUTANT: labels sliced while moving (fallback: fewer entries)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    return model, features.to(device), labels[: len(labels) // 2 + 1].to(device)

EXPECTED_CAUSE = "3 entries where 5 were given"
