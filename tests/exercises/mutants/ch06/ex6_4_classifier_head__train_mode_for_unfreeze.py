# MUTANT: .train() on the last block and final_norm taken for unfreezing
import torch


def prepare_classifier(model, num_classes, trainable):
    for p in model.parameters():
        p.requires_grad = trainable == 'all'
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == 'last_block':
        model.trf_blocks[-1].train()
        model.final_norm.train()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'training MODE'
