# MUTANT: "last_block" unfreezes only the last block's att and ff, not its norm1/norm2
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        block = model.trf_blocks[-1]
        for module in (block.att, block.ff, model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "only ['att', 'ff'] train"
