# MUTANT: emb_dim read from final_norm parameter count (scale + shift: 2 x emb_dim)
import torch

EXPECTED_CAUSE = "is 2 x emb_dim, the count of a LayerNorm"


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = sum(p.numel() for p in model.final_norm.parameters())
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
