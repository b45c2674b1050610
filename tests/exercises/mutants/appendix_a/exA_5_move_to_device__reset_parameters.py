# MUTANT: every layer re-initialised (reset_parameters) while moving
def move_to_device(model, features, labels, device):
    model = model.to(device)
    for module in model.modules():
        if hasattr(module, "reset_parameters"):
            module.reset_parameters()
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "reset_parameters() draws new ones"
