# MUTANT: the model's mode changed while moving (model.to(device).train())
def move_to_device(model, features, labels, device):
    model = model.to(device).train()
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "moving changed the model's mode"
