# MUTANT: moved tensors cached in a module-level dict keyed by id(tensor) alone: once a tensor is
#   freed, a later tensor can get its id and receive the earlier tensor's moved copy (inside the
#   first case or a later one, depending on the run): state kept between calls either way
EXPECTED_CAUSE = "keeps state between calls"
_moved = {}


def move_to_device(model, features, labels, device):
    model = model.to(device)
    out = []
    for t in (features, labels):
        if id(t) not in _moved:
            _moved[id(t)] = t.to(device)
        out.append(_moved[id(t)])
    return model, out[0], out[1]
