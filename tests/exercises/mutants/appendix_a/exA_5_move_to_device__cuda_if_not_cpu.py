# MUTANT: device string ignored: uses .cuda() for any non-"cpu" device
def move_to_device(model, features, labels, device):
    if str(device) == "cpu":
        return model.cpu(), features.cpu(), labels.cpu()
    return model.cuda(), features.cuda(), labels.cuda()


EXPECTED_CAUSE = 'use the device argument'
