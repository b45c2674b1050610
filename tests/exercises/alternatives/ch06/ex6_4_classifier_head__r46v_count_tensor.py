# Correct: the count returned as a 0-d tensor (torch.tensor(sizes).sum()); the
# checks take a one-element tensor as the number it holds
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)  # new: trainable by default
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return torch.tensor([p.numel() for p in model.parameters() if p.requires_grad]).sum()
