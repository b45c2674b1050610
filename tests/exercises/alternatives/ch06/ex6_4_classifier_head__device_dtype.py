# Correct: the new head built on the old head's device and dtype, a dict of modes to module lists
import torch


def prepare_classifier(model, num_classes, trainable):
    old = model.out_head
    for p in model.parameters():
        p.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(old.in_features, num_classes,
                                     device=old.weight.device, dtype=old.weight.dtype)
    extra = {"last_block": [model.trf_blocks[-1], model.final_norm]}.get(trainable, [])
    for module in extra:
        for p in module.parameters():
            p.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
