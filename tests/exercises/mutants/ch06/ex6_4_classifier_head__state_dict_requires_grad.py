# MUTANT: counted over state_dict() tensors, which are detached (requires_grad False): count 0
import torch


def prepare_classifier(model, num_classes, trainable):
    for p in model.parameters():
        p.requires_grad = trainable == 'all'
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == 'last_block':
        for m in (model.trf_blocks[-1], model.final_norm):
            for p in m.parameters():
                p.requires_grad = True
    return sum(t.numel() for t in model.state_dict().values() if t.requires_grad)


EXPECTED_CAUSE = 'state_dict() returns detached'
