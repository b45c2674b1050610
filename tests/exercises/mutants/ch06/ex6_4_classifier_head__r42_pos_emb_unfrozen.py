# MUTANT: 'last_block' also unfreezes the position embedding (pos_emb)
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm, model.pos_emb):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "trainable but should be frozen: ['pos_emb']"
