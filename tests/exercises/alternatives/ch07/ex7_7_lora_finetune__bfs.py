# Correct: iterative breadth-first walk with a queue (Linear layers wrapped level by level, so the
# adapters' A matrices are drawn in another order than a depth-first walk)
from collections import deque

from torch import nn

from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for param in model.parameters():
        param.requires_grad = False
    queue = deque([model])
    while queue:
        module = queue.popleft()
        for name, child in list(module.named_children()):
            if isinstance(child, nn.Linear):
                setattr(module, name, LinearWithLoRA(child, rank, alpha))
            else:
                queue.append(child)
    return model
