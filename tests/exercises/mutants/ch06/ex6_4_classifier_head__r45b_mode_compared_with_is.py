# MUTANT: the mode compared with is instead of == (a string built at run time fails)
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable is "all"  # noqa: F632
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable is "last_block":  # noqa: F632
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "compares the option with `is`"
