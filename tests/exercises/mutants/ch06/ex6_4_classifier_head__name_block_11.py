# MUTANT: the last block found by the name "trf_blocks.11" (GPT-2 small's 12 layers): other depths
# stay frozen
import torch


def prepare_classifier(model, num_classes, trainable):
    for name, param in model.named_parameters():
        param.requires_grad = trainable == "all" or (
            trainable == "last_block" and name.startswith(("trf_blocks.11.", "final_norm.")))
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "GPT-2 small's last block"
