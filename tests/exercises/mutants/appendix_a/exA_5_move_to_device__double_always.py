# MUTANT: the model cast to float64 (.double()) whatever the features' dtype
def move_to_device(model, features, labels, device):
    model = model.to(device).double()
    return model, features.to(device), labels.to(device)


EXPECTED_CAUSE = "casts the model to float64 whatever it is given"
