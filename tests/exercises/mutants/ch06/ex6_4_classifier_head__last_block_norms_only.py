# MUTANT: 'last_block' unfreezes only the last block's norm1 and norm2 (and final_norm)
import torch

EXPECTED_CAUSE = "only ['norm1', 'norm2'] train"

def prepare_classifier(model, num_classes, trainable):
    for p in model.parameters():
        p.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        blk = model.trf_blocks[-1]
        for m in (blk.norm1, blk.norm2, model.final_norm):
            for p in m.parameters():
                p.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
