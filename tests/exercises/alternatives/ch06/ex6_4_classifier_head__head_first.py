# Correct: new head built first, then freezing by parameter name, counted with a helper
import torch


def _trainable_count(model):
    return sum(param.numel() for param in model.parameters() if param.requires_grad)


def prepare_classifier(model, num_classes, trainable):
    if trainable not in ("last_layer", "last_block", "all"):
        raise ValueError(f"unknown trainable={trainable!r}")
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    last = len(model.trf_blocks) - 1
    train_prefixes = {
        "all": ("",),
        "last_block": ("out_head.", "final_norm.", f"trf_blocks.{last}."),
        "last_layer": ("out_head.",),
    }[trainable]
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith(train_prefixes)
    return _trainable_count(model)
