# MUTANT: moved tensors cached in a mutable default dict keyed by id(tensor) (each entry keeps
#   its tensor alive, so an id is never reused by a later tensor and the mistake shows the same
#   way in every run)
EXPECTED_CAUSE = "keeps state between calls"
def move_to_device(model, features, labels, device, _cache={}):  # noqa: B006
    model = model.to(device)
    out = []
    for t in (features, labels):
        key = id(t)
        if key not in _cache:
            _cache[key] = (t, t.to(device))
        out.append(_cache[key][1])
    return model, out[0], out[1]
