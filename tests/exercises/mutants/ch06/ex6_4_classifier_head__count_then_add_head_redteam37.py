# MUTANT: the count taken before the head is replaced, then the new head added (old head counted)
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    count = sum(p.numel() for p in model.parameters() if p.requires_grad)
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    return count + sum(p.numel() for p in model.out_head.parameters())

EXPECTED_CAUSE = "the size of the OLD head"
