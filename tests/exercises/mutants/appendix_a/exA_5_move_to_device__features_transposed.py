# MUTANT: features transposed while moving (fallback: sizes reversed)
def move_to_device(model, features, labels, device):
    model = model.to(device)
    return model, features.to(device).T, labels.to(device)

EXPECTED_CAUSE = "a transpose, .T or .t()"
