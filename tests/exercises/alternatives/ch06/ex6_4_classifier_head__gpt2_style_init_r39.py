# Correct: the new head initialised GPT-2 style, normal(0, 0.02) weights and a zero bias
import torch


def prepare_classifier(model, num_classes, trainable):
    """Turn a ``GPTModel`` into a classifier in place; return how many parameters train.

    ``trainable``: "last_layer" (only the new head), "last_block" (head, ``final_norm`` and the
    last transformer block) or "all" (every parameter).
    """
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)  # new: trainable by default
    torch.nn.init.normal_(model.out_head.weight, std=0.02)
    torch.nn.init.zeros_(model.out_head.bias)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
