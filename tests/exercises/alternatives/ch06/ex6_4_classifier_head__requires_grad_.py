# Correct: Module.requires_grad_() instead of a loop over parameters, head's size from weight.shape
import torch


def prepare_classifier(model, num_classes, trainable):
    model.requires_grad_(trainable == "all")
    emb_dim = model.out_head.weight.shape[1]  # = in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        model.trf_blocks[-1].requires_grad_(True)
        model.final_norm.requires_grad_(True)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
