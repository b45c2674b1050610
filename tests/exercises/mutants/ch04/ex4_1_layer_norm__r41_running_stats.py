# MUTANT: BatchNorm habit: keeps running mean/variance in training and uses them in eval mode
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))
        self.running_mean = None
        self.running_var = None
        self.momentum = 0.1

    def forward(self, x):
        if self.training or self.running_mean is None:
            mean = x.mean(dim=-1, keepdim=True)
            var = x.var(dim=-1, keepdim=True, unbiased=False)
            m, v = mean.mean().detach(), var.mean().detach()
            if self.running_mean is None:
                self.running_mean, self.running_var = m, v
            else:
                self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * m
                self.running_var = (1 - self.momentum) * self.running_var + self.momentum * v
        else:
            mean, var = self.running_mean, self.running_var
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift


EXPECTED_CAUSE = 'depends on self.training'
