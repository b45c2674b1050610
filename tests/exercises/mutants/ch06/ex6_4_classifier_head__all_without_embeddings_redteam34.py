# MUTANT: 'all' unfreezes trf_blocks and final_norm only
import torch


def prepare_classifier(model, num_classes, trainable):
    model.requires_grad_(False)
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "all":
        model.trf_blocks.requires_grad_(True)
        model.final_norm.requires_grad_(True)
    elif trainable == "last_block":
        model.trf_blocks[-1].requires_grad_(True)
        model.final_norm.requires_grad_(True)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "frozen but should train: ['tok_emb', 'pos_emb']"
